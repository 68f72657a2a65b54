"""Sending notification e-mails, reading notifications, e-mail preferences."""

import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from notifications.emails import notification_email_build
from notifications.kinds import KINDS
from notifications.models import EmailPreference, Notification

logger = logging.getLogger(__name__)

EMAIL_MAX_ATTEMPTS = 5
EMAIL_RETRY_BASE_SECONDS = 60
# While a worker sends, nobody else takes the e-mail; after this, it is due again.
SEND_LEASE = timedelta(minutes=5)

Status = Notification.EmailStatus


# --- E-mails ----------------------------------------------------------------


def _enqueue(*, notification_id: int, run_after=None) -> None:
    from notifications.tasks import notification_email_task

    task = notification_email_task
    if run_after is not None:
        if not task.get_backend().supports_defer:
            # Such a backend (the immediate one) would retry at once; leave it
            # to `manage.py notifications_enqueue_due`.
            return
        task = task.using(run_after=run_after)
    task.enqueue(notification_id)


def notification_emails_enqueue_on_commit(*, notification_ids: list[int]) -> None:
    def enqueue():
        for notification_id in notification_ids:
            _enqueue(notification_id=notification_id)

    # robust: a queue that is down must not turn the committed action into an
    # error; the e-mails stay pending for `notifications_enqueue_due`.
    transaction.on_commit(enqueue, robust=True)


def notification_emails_enqueue_due() -> int:
    """Enqueue every pending e-mail whose time has come; returns how many."""
    due = list(
        Notification.objects.filter(email_status=Status.PENDING)
        .filter(_due_filter(timezone.now()))
        .values_list("pk", flat=True)
    )
    for notification_id in due:
        _enqueue(notification_id=notification_id)
    return len(due)


def _due_filter(now) -> Q:
    return Q(email_next_attempt_at__isnull=True) | Q(email_next_attempt_at__lte=now)


def _claim(notification_id: int) -> Notification | None:
    """Take a due e-mail for this worker, counting the attempt: one conditional
    UPDATE, so of two runs of the task only one sends."""
    now = timezone.now()
    claimed = (
        Notification.objects.filter(pk=notification_id, email_status=Status.PENDING)
        .filter(_due_filter(now))
        .update(
            email_attempts=F("email_attempts") + 1,
            email_next_attempt_at=now + SEND_LEASE,
        )
    )
    if not claimed:
        return None
    return Notification.objects.select_related("user").get(pk=notification_id)


def _finish(notification: Notification, **changes) -> Notification:
    changes = {"email_next_attempt_at": None, **changes}
    for name, value in changes.items():
        setattr(notification, name, value)
    notification.save(update_fields=list(changes))
    return notification


def notification_email_send(*, notification_id: int) -> str | None:
    """Send one notification's e-mail, once; returns its e-mail status, or None
    when it was not due (sent already, switched off, taken by another run).

    A failed send is tried again later (EMAIL_MAX_ATTEMPTS in all, waiting twice
    as long each time), then recorded as failed with its error.
    """
    notification = _claim(notification_id)
    if notification is None:
        return None
    user = notification.user
    if not user.email:
        return _finish(notification, email_status=Status.NO_ADDRESS).email_status
    switched_off = EmailPreference.objects.filter(
        user=user, kind=notification.kind, email=False
    ).exists()
    if switched_off:
        return _finish(notification, email_status=Status.OFF).email_status
    try:
        notification_email_build(notification).send()
    except Exception as error:
        logger.exception("Notification e-mail %s could not be sent.", notification.pk)
        return _retry_later(notification, error=repr(error)).email_status
    return _finish(
        notification,
        email_status=Status.SENT,
        email_sent_at=timezone.now(),
        email_error="",
    ).email_status


def _retry_later(notification: Notification, *, error: str) -> Notification:
    attempts = notification.email_attempts
    if attempts >= EMAIL_MAX_ATTEMPTS:
        return _finish(
            notification,
            email_status=Status.FAILED,
            email_error=f"{error} (gave up after {attempts} attempts)",
        )
    run_after = timezone.now() + timedelta(
        seconds=EMAIL_RETRY_BASE_SECONDS * 2 ** (attempts - 1)
    )
    notification.email_error = error
    notification.email_next_attempt_at = run_after
    notification.save(update_fields=["email_error", "email_next_attempt_at"])
    transaction.on_commit(
        lambda: _enqueue(notification_id=notification.pk, run_after=run_after),
        robust=True,
    )
    return notification


# --- Reading ----------------------------------------------------------------


def notification_mark_read(*, user, notification_id) -> Notification | None:
    """Mark one of the user's notifications read; None when it is not theirs."""
    notification = Notification.objects.filter(pk=notification_id, user=user).first()
    if notification is None:
        return None
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user) -> int:
    """Mark all the user's unread notifications read; returns how many."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# --- Preferences ------------------------------------------------------------


@transaction.atomic
def email_preferences_update(*, user, email: dict) -> None:
    """Switch e-mails on (True) or off (False) per kind: {kind: bool}.

    An unknown kind or a value that is not a boolean raises ValidationError and
    changes nothing.
    """
    if not isinstance(email, dict):
        raise ValidationError({"email": "An object of kind: true|false expected."})
    errors = {}
    for kind, value in email.items():
        if kind not in KINDS:
            errors[kind] = f"Unknown kind {kind!r}."
        elif not isinstance(value, bool):
            errors[kind] = "true or false expected."
    if errors:
        raise ValidationError({"email": [f"{k}: {v}" for k, v in errors.items()]})
    for kind, value in email.items():
        EmailPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"email": value}
        )


def email_unsubscribe(*, user_id: int, kind: str) -> bool:
    """The one-click unsubscribe: e-mails of this kind off; False for no such user."""
    from accounts.models import User

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    email_preferences_update(user=user, email={kind: False})
    return True
