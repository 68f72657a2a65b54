"""Posting to X through tweepy, with X's failures sorted into temporary and
permanent ones (`announcements.exceptions`)."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import BinaryIO

import requests
import tweepy
from django.conf import settings

from announcements.exceptions import XPermanentError, XTemporaryError

# A hung connection must not hold a worker for long: the post is retried later.
TIMEOUT_SECONDS = 10
CREDENTIAL_SETTINGS = (
    "X_API_KEY",
    "X_API_SECRET",
    "X_ACCESS_TOKEN",
    "X_ACCESS_TOKEN_SECRET",
)


@dataclass(frozen=True)
class XCredentials:
    api_key: str
    api_secret: str
    access_token: str
    access_token_secret: str


def x_credentials() -> XCredentials | None:
    """The OAuth 1.0a user credentials from the settings; None unless all are set."""
    values = [getattr(settings, name) for name in CREDENTIAL_SETTINGS]
    if not all(values):
        return None
    return XCredentials(*values)


class _TimeoutSession(requests.Session):
    # tweepy.Client passes no timeout of its own to requests.
    def request(self, *args, **kwargs):
        kwargs.setdefault("timeout", TIMEOUT_SECONDS)
        return super().request(*args, **kwargs)


@contextmanager
def _x_errors(action: str) -> Iterator[None]:
    try:
        yield
    except tweepy.TooManyRequests as error:
        reset = error.response.headers.get("x-rate-limit-reset")
        retry_at = datetime.fromtimestamp(int(reset), tz=UTC) if reset else None
        raise XTemporaryError(f"{action}: {error}", retry_at=retry_at) from error
    except tweepy.TwitterServerError as error:
        raise XTemporaryError(f"{action}: {error}") from error
    except tweepy.HTTPException as error:
        raise XPermanentError(f"{action}: {error}") from error
    except (tweepy.TweepyException, requests.RequestException) as error:
        # tweepy.API wraps network errors in a bare TweepyException.
        raise XTemporaryError(f"{action}: could not reach X ({error})") from error


class XClient:
    """X's v1.1 media upload and v2 post creation, both with OAuth 1.0a."""

    def __init__(self, credentials: XCredentials):
        auth = tweepy.OAuth1UserHandler(
            credentials.api_key,
            credentials.api_secret,
            credentials.access_token,
            credentials.access_token_secret,
        )
        self._api = tweepy.API(auth, timeout=TIMEOUT_SECONDS)
        self._client = tweepy.Client(
            consumer_key=credentials.api_key,
            consumer_secret=credentials.api_secret,
            access_token=credentials.access_token,
            access_token_secret=credentials.access_token_secret,
        )
        self._client.session = _TimeoutSession()

    def media_upload(self, *, filename: str, file: BinaryIO) -> str:
        """Upload a picture; returns X's media id for `tweet_create`."""
        with _x_errors("Picture upload"):
            media = self._api.media_upload(filename=filename, file=file)
        return media.media_id_string

    def tweet_create(self, *, text: str, media_ids: Sequence[str] = ()) -> str:
        """Post `text` with the uploaded pictures; returns the post's id."""
        with _x_errors("Post"):
            response = self._client.create_tweet(
                text=text, media_ids=list(media_ids) or None
            )
        return str(response.data["id"])
