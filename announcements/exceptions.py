from datetime import datetime


class XError(Exception):
    """X refused a post or could not be reached; the message says why."""


class XTemporaryError(XError):
    """Worth trying again later: X was unreachable, overloaded or rate limited.

    `retry_at`, when X said (a rate limit's reset time), is the earliest moment a
    new attempt can succeed.
    """

    def __init__(self, message: str, *, retry_at: datetime | None = None):
        super().__init__(message)
        self.retry_at = retry_at


class XPermanentError(XError):
    """Trying again cannot help: bad credentials, a forbidden or invalid post."""


class AnnouncementNotRetryable(Exception):
    """Only a failed or skipped announcement can be sent again."""

    def __init__(self, *, status: str):
        super().__init__(f"An announcement that is {status} cannot be retried.")


class AnnouncementNotReviewable(Exception):
    """Only an announcement that waits for review can be approved or rejected."""

    def __init__(self, *, status: str):
        super().__init__(
            f"An announcement that is {status} cannot be approved or rejected."
        )
