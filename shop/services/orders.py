"""Order and fulfilment status.

An order and each of its parts (one per store) share the statuses
pending_payment → paid → processing → shipped → delivered, plus cancelled and
refunded. The rule that ties them:

- Payment, cancellation and refund concern the whole order: the order and all
  its parts move together.
- After payment each vendor moves its own part one step at a time
  (paid → processing → shipped → delivered), and the order follows: it is
  "processing" as soon as one store has started, "shipped" once every store has
  shipped, "delivered" once every store has delivered.
- The buyer may cancel while no part has shipped; the stock comes back, and a
  captured payment is refunded (the order then reads "refunded").

Every change is recorded as an OrderEvent: when, who (None for the system),
from → to.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import is_marketplace_admin
from notifications import events
from shop.models import Order, OrderEvent, OrderPart, OrderStatus, Payment
from shop.payment_providers import payment_provider
from shop.services.stock import stock_release
from vendors.selectors import stores_managed_by

S = OrderStatus
PART_TRANSITIONS = {
    S.PAID: S.PROCESSING,
    S.PROCESSING: S.SHIPPED,
    S.SHIPPED: S.DELIVERED,
}
CANCELLABLE = {S.PENDING_PAYMENT, S.PAID, S.PROCESSING}


def order_event_record(
    *,
    order: Order,
    to_status: str,
    from_status: str = "",
    part: OrderPart | None = None,
    actor: User | None = None,
    note: str = "",
) -> OrderEvent:
    return OrderEvent.objects.create(
        order=order,
        part=part,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        note=note[:255],
    )


def _order_move(
    *, order: Order, to_status: str, actor: User | None, note: str = ""
) -> None:
    """Move the order and every part to `to_status`, recording it once."""
    from_status = order.status
    order.status = to_status
    order.save(update_fields=["status", "paid_at", "updated_at"])
    order.parts.update(status=to_status, updated_at=timezone.now())
    order_event_record(
        order=order,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        note=note,
    )


def order_mark_paid(*, order: Order, note: str = "") -> Order:
    """The provider has captured the payment: the order and its parts are paid.

    Call inside the transaction that holds the order's lock.
    """
    if order.status != S.PENDING_PAYMENT:
        raise ValidationError(f"Order {order.number} is not awaiting payment.")
    order.paid_at = timezone.now()
    _order_move(order=order, to_status=S.PAID, actor=None, note=note)
    events.emit("order_paid", order=order)
    events.emit("order_received", order=order)
    return order


def is_order_cancellable(order: Order) -> bool:
    """Cancelling is allowed until some store has shipped its part."""
    return order.status in CANCELLABLE and not any(
        part.status in (S.SHIPPED, S.DELIVERED) for part in order.parts.all()
    )


@transaction.atomic
def order_cancel(*, order: Order, actor: User | None, note: str = "") -> Order:
    """Cancel an order no store has shipped yet: the stock comes back, and a
    captured payment is refunded through its provider.

    Raises PermissionDenied unless `actor` is the buyer or an admin (None: the
    system, e.g. an unpaid order expiring); ValidationError when a part has
    shipped or the order is over; PaymentError (changing nothing) when the
    provider refuses the refund.
    """
    if not (actor is None or actor.pk == order.buyer_id or is_marketplace_admin(actor)):
        raise PermissionDenied("You may cancel only your own orders.")
    order = Order.objects.select_for_update().get(pk=order.pk)
    payment = Payment.objects.select_for_update().filter(order=order).first()
    if not is_order_cancellable(order):
        raise ValidationError(
            f"Order {order.number} can no longer be cancelled: "
            f"it is {order.get_status_display().lower()}."
        )
    to_status = S.CANCELLED
    if payment is not None:
        if payment.status == Payment.Status.CAPTURED:
            payment_provider(payment.method, switched_off_too=True).refund(
                payment=payment
            )
            payment.status = Payment.Status.REFUNDED
            to_status = S.REFUNDED
        elif payment.status in (Payment.Status.PENDING, Payment.Status.FAILED):
            payment.status = Payment.Status.CANCELLED
        payment.save(update_fields=["status", "updated_at"])
    stock_release(quantities=order_stock_quantities(order=order))
    _order_move(order=order, to_status=to_status, actor=actor, note=note)
    events.emit(
        "order_refunded" if to_status == S.REFUNDED else "order_cancelled", order=order
    )
    return order


def order_stock_quantities(*, order: Order) -> dict[int, int]:
    """Units per product that the order took from stock (digital lines take none)."""
    quantities: dict[int, int] = {}
    for line in order.lines.filter(digital=False, product__isnull=False):
        quantities[line.product_id] = quantities.get(line.product_id, 0) + line.quantity
    return quantities


def _order_status_from_parts(order: Order) -> str:
    statuses = {part.status for part in order.parts.all()}
    if statuses == {S.DELIVERED}:
        return S.DELIVERED
    if statuses <= {S.SHIPPED, S.DELIVERED}:
        return S.SHIPPED
    if statuses != {S.PAID}:
        return S.PROCESSING
    return S.PAID


@transaction.atomic
def order_part_advance(*, part: OrderPart, to_status: str, actor: User) -> OrderPart:
    """A vendor moves its store's part one step along
    paid → processing → shipped → delivered; the order follows its parts.

    Any other move raises ValidationError and changes nothing; PermissionDenied
    unless the part is of a store `actor` manages (theirs; any for an admin).
    """
    if not stores_managed_by(actor).filter(pk=part.store_id).exists():
        raise PermissionDenied("You may move only your own stores' orders.")
    order = Order.objects.select_for_update().get(pk=part.order_id)
    part = OrderPart.objects.select_for_update().get(pk=part.pk)
    if to_status not in S.values:
        raise ValidationError({"status": f"Unknown status {to_status!r}."})
    if PART_TRANSITIONS.get(part.status) != to_status:
        raise ValidationError(
            {
                "status": f"An order that is {part.get_status_display().lower()} "
                f"cannot become {S(to_status).label.lower()}."
            }
        )
    from_status = part.status
    part.status = to_status
    part.save(update_fields=["status", "updated_at"])
    order_event_record(
        order=order,
        part=part,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
    )
    order_status = _order_status_from_parts(order)
    if order_status != order.status:
        order_from = order.status
        order.status = order_status
        order.save(update_fields=["status", "updated_at"])
        order_event_record(
            order=order, from_status=order_from, to_status=order_status, actor=actor
        )
    if to_status in (S.SHIPPED, S.DELIVERED):
        events.emit(f"order_{to_status}", part=part)
    return part


def orders_expire_unpaid(*, now=None) -> int:
    """Cancel orders left awaiting payment for PAYMENT_TIMEOUT_MINUTES, giving
    their stock back; returns how many. Safe to run while buyers pay: an order
    whose payment is being captured waits for it, then is left alone."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.PAYMENT_TIMEOUT_MINUTES)
    stale = Order.objects.filter(
        status=S.PENDING_PAYMENT, created_at__lt=cutoff
    ).values_list("pk", flat=True)
    expired = 0
    for order_id in list(stale):
        with transaction.atomic():
            order = Order.objects.select_for_update().get(pk=order_id)
            if order.status != S.PENDING_PAYMENT:
                continue
            order_cancel(
                order=order,
                actor=None,
                note=f"Not paid within {settings.PAYMENT_TIMEOUT_MINUTES} minutes.",
            )
            expired += 1
    return expired
