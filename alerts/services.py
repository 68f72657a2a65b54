"""Making, cancelling and firing alerts.

Firing is one pass over the alerts that are due, whatever their number: the due
alerts are found by a query, locked, marked fired by one UPDATE, and announced
through notifications.events in bulk, so a thousand alerts on one product take a
handful of queries. It runs in the task worker after the change that made them
due commits (alerts_check_on_commit), and from `manage.py alerts_fire_due` (the
`make periodic` safety net); both are safe to run any number of times.
"""

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from alerts.models import Alert
from alerts.prices import current_price_change
from notifications import events
from vendors.models import ProductPage
from vendors.selectors import products_visible

Kind = Alert.Kind
Status = Alert.Status
# Alerts fired per transaction: bounds the locks held and the statements' size.
FIRE_BATCH = 1000


def _target_price_clean(value, *, price: Decimal) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        target = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({"target_price": "Enter an amount."}) from None
    if not target.is_finite() or target.as_tuple().exponent < -2:
        raise ValidationError({"target_price": "Enter an amount with two decimals."})
    if target <= 0:
        raise ValidationError({"target_price": "Enter an amount above zero."})
    if target >= price:
        raise ValidationError(
            {"target_price": f"Enter an amount below today's price ({price})."}
        )
    return target


@transaction.atomic
def alert_create(
    *,
    user: User,
    product: ProductPage,
    kind: str,
    target_price: Decimal | str | None = None,
) -> tuple[Alert, bool]:
    """Ask to be told about `product`; returns (alert, created).

    The same active alert asked again is returned (a price drop's new target
    replaces the old one). ValidationError for a product nobody can see, a
    back-in-stock alert on a product in stock now, or a target that is not
    above zero and below today's price.
    """
    if not products_visible().filter(pk=product.pk).exists():
        raise ValidationError({"product": "No such product."})
    if kind not in Kind.values:
        raise ValidationError({"kind": "Choose back_in_stock or price_drop."})
    product = ProductPage.objects.select_related("stock").get(pk=product.pk)
    target = None
    if kind == Kind.BACK_IN_STOCK:
        if target_price not in (None, ""):
            raise ValidationError(
                {"target_price": "Only a price-drop alert takes a target price."}
            )
        if product.is_in_stock:
            raise ValidationError(
                {"kind": "This product is in stock now: no need to wait for it."}
            )
    else:
        target = _target_price_clean(target_price, price=product.price)
    # One active alert per user, product and kind: the user's row serializes
    # two requests asking at once.
    User.objects.select_for_update().filter(pk=user.pk).first()
    existing = Alert.objects.filter(
        user=user, product=product, kind=kind, status=Status.ACTIVE
    ).first()
    if existing is not None:
        if kind == Kind.PRICE_DROP and existing.target_price != target:
            existing.target_price = target
            existing.save(update_fields=["target_price"])
        return existing, False
    recorded = current_price_change(product_id=product.pk)
    alert = Alert(
        user=user,
        product=product,
        kind=kind,
        target_price=target,
        reference_price=recorded.price if recorded else product.price,
    )
    alert.full_clean()
    alert.save()
    return alert, True


def alert_cancel(*, user: User, alert_id: int) -> Alert | None:
    """Cancel one of the user's alerts (a fired one stays fired); None when it
    is not theirs."""
    alert = Alert.objects.filter(user=user, pk=alert_id).first()
    if alert is None:
        return None
    updated = Alert.objects.filter(pk=alert.pk, status=Status.ACTIVE).update(
        status=Status.CANCELLED, cancelled_at=timezone.now()
    )
    if updated:
        alert.refresh_from_db()
    return alert


def _due(kind: str, product_ids: list[int]) -> QuerySet[Alert]:
    alerts = Alert.objects.filter(
        status=Status.ACTIVE, kind=kind, product_id__in=product_ids
    )
    if kind == Kind.BACK_IN_STOCK:
        return alerts.filter(product__in_stock=True)
    return alerts.filter(
        Q(target_price__isnull=True, reference_price__gt=F("product__price"))
        | Q(target_price__isnull=False, target_price__gte=F("product__price"))
    )


def _fire(kind: str, alert_ids: list[int]) -> int:
    with transaction.atomic():
        # Locks the alert rows only (no join): a second worker waits here, then
        # finds them fired and skips them.
        locked = list(
            Alert.objects.select_for_update()
            .filter(pk__in=alert_ids, status=Status.ACTIVE)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if not locked:
            return 0
        Alert.objects.filter(pk__in=locked).update(
            status=Status.FIRED, fired_at=timezone.now()
        )
        alerts = list(
            Alert.objects.filter(pk__in=locked).select_related("user", "product")
        )
        events.emit(f"alert_{kind}", alerts=alerts)
    return len(locked)


def alerts_fire_due(*, product_ids: Iterable[int] | None = None) -> int:
    """Fire every active alert whose condition holds now (of `product_ids`, or
    of every product with an active alert); returns how many fired."""
    candidates = Alert.objects.filter(status=Status.ACTIVE)
    if product_ids is not None:
        candidates = candidates.filter(product_id__in=list(product_ids))
    watched = set(candidates.values_list("product_id", flat=True).distinct())
    if not watched:
        return 0
    visible = list(
        products_visible().filter(pk__in=watched).values_list("pk", flat=True)
    )
    fired = 0
    for kind in Kind.values:
        while True:
            due = list(
                _due(kind, visible)
                .order_by("pk")
                .values_list("pk", flat=True)[:FIRE_BATCH]
            )
            if not due:
                break
            count = _fire(kind, due)
            fired += count
            if count == 0:
                break
    return fired


def alerts_check_on_commit(*, product_ids: Iterable[int]) -> None:
    """Have the task worker fire the products' due alerts once the current
    transaction commits (a restock, a price cut)."""
    product_ids = sorted(set(product_ids))
    if not product_ids:
        return
    # Most restocks and price changes concern products nobody waits for: no job.
    if not Alert.objects.filter(
        status=Status.ACTIVE, product_id__in=product_ids
    ).exists():
        return

    def enqueue():
        from alerts.tasks import alerts_fire_due_task

        alerts_fire_due_task.enqueue(product_ids)

    # robust: a queue that is down must not fail the committed change; the
    # periodic sweep fires them instead.
    transaction.on_commit(enqueue, robust=True)
