from django.db.models import QuerySet

from notifications.kinds import KINDS
from notifications.models import EmailPreference, Notification


def notifications_of(*, user, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's own notifications, newest first."""
    if not user.is_authenticated:
        return Notification.objects.none()
    notifications = Notification.objects.filter(user=user)
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.order_by("-created_at", "-pk")


def unread_count(*, user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def email_preferences_of(*, user) -> dict[str, bool]:
    """{kind: e-mail on?} for every kind; on unless the user switched it off."""
    choices = dict(
        EmailPreference.objects.filter(user=user).values_list("kind", "email")
    )
    return {kind: choices.get(kind, True) for kind in KINDS}
