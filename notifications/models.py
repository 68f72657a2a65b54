from django.conf import settings
from django.db import models


class Notification(models.Model):
    """Something that happened, for one user: shown in the site (the bell, the
    notifications page, the API) and, unless they switched its kind off, e-mailed
    once by the task worker (the email_* fields record that e-mail)."""

    class EmailStatus(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        OFF = "off", "Switched off by the user"
        NO_ADDRESS = "no_address", "No e-mail address"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    # One of notifications.kinds.KINDS (no `choices`: a new kind needs no migration).
    kind = models.CharField(max_length=40)
    # What it is about ("part:12"): one notification per user, kind and subject,
    # however often an event is announced.
    key = models.CharField(max_length=100)
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    # A path on this site: the order, review or product it is about.
    url = models.CharField(max_length=500)
    # Ids of the objects its e-mail shows ({"order": 1, "part": 2, ...}).
    refs = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    email_status = models.CharField(
        max_length=20, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_next_attempt_at = models.DateTimeField(null=True, blank=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    email_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "key"], name="notification_once_per_subject"
            )
        ]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notification_inbox"),
            models.Index(fields=["user", "read_at"], name="notification_unread"),
            models.Index(
                fields=["email_status", "email_next_attempt_at"],
                name="notification_email_due",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.title}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class EmailPreference(models.Model):
    """A user's choice for one kind; without a row, e-mails of that kind are on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_email_preferences",
    )
    kind = models.CharField(max_length=40)
    email = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="email_preference_once_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.kind}: {'on' if self.email else 'off'}"
