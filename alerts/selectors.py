from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from accounts.models import User
from alerts.models import Alert


def alerts_of(*, user: User, status: str | None = None) -> QuerySet[Alert]:
    alerts = Alert.objects.filter(user=user).select_related("product")
    if status:
        alerts = alerts.filter(status=status)
    return alerts.order_by("-created_at", "-pk")


def active_alert_keys(
    *, user: User | AnonymousUser, product_ids: list[int]
) -> set[str]:
    """ "<product id>:<kind>" for each of the user's waiting alerts on these
    products (a page shows "you will be told" instead of the form)."""
    if not user.is_authenticated or not product_ids:
        return set()
    rows = Alert.objects.filter(
        user=user, product_id__in=product_ids, status=Alert.Status.ACTIVE
    ).values_list("product_id", "kind")
    return {f"{product_id}:{kind}" for product_id, kind in rows}
