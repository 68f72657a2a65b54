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
- Once paid, one store's part may be cancelled alone while that store has not
  shipped and another store's part goes on: its stock comes back, its subtotal
  is refunded, and the order follows the parts that are left.

Every change is recorded as an OrderEvent: when, who (None for the system),
from → to.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import is_marketplace_admin
from ledger.services import ledger_sync_order
from notifications import events
from shop.models import Order, OrderEvent, OrderPart, OrderStatus, Payment
from shop.payment_providers import payment_provider
from shop.services.stock import stock_release
from shop.shipping import carrier_label
from vendors.selectors import stores_managed_by

S = OrderStatus
PART_TRANSITIONS = {
    S.PAID: S.PROCESSING,
    S.PROCESSING: S.SHIPPED,
    S.SHIPPED: S.DELIVERED,
}
CANCELLABLE = {S.PENDING_PAYMENT, S.PAID, S.PROCESSING}
# A part that is over: it no longer counts towards the order's status.
ENDED = (S.CANCELLED, S.REFUNDED)


def order_event_record(
    *,
    order: Order,
    to_status: str,
    from_status: str = "",
    part: OrderPart | None = None,
    actor: User | None = None,
    note: str = "",
) -> OrderEvent:
    if to_status in (S.PAID, S.CANCELLED, S.REFUNDED):
        # Imported here: analytics reads the shop, the shop only tells it.
        from analytics.hooks import order_changed

        order_changed(order.pk)
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
    # A part cancelled on its own before stays as it is.
    order.parts.exclude(status__in=ENDED).update(
        status=to_status, updated_at=timezone.now()
    )
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
    ledger_sync_order(order=order)
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
            refunded = _refunded_so_far(order)
            payment_provider(payment.method, switched_off_too=True).refund(
                payment=payment,
                # After a part was refunded alone, only what is left.
                amount=payment.amount - refunded if refunded else None,
            )
            payment.status = Payment.Status.REFUNDED
            to_status = S.REFUNDED
        elif payment.status in (Payment.Status.PENDING, Payment.Status.FAILED):
            payment.status = Payment.Status.CANCELLED
        payment.save(update_fields=["status", "updated_at"])
    stock_release(quantities=order_stock_quantities(order=order))
    _order_move(order=order, to_status=to_status, actor=actor, note=note)
    ledger_sync_order(order=order)
    events.emit(
        "order_refunded" if to_status == S.REFUNDED else "order_cancelled", order=order
    )
    events.emit("order_withdrawn", order=order)
    return order


def _refunded_so_far(order: Order):
    return sum(
        (
            part.subtotal + part.shipping
            for part in order.parts.filter(status=S.REFUNDED)
        ),
        start=Decimal("0"),
    )


def is_part_cancellable(part: OrderPart, parts=None) -> bool:
    """A paid part its store has not shipped, in an order where another
    store's part goes on (else the whole order is what gets cancelled)."""
    parts = list(part.order.parts.all()) if parts is None else parts
    return part.status in (S.PAID, S.PROCESSING) and any(
        other.pk != part.pk and other.status not in ENDED for other in parts
    )


def _part_move(
    *, order: Order, part: OrderPart, to_status: str, actor: User | None, note: str = ""
) -> None:
    """Record one part's move in its timeline; the order follows its parts."""
    from_status = part.status
    part.status = to_status
    part.save(update_fields=["status", "updated_at"])
    order_event_record(
        order=order,
        part=part,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        note=note,
    )
    _order_follow_parts(order=order, actor=actor)


@transaction.atomic
def order_part_cancel(
    *, part: OrderPart, actor: User | None, note: str = ""
) -> OrderPart:
    """Cancel one store's unshipped part: its stock comes back and its subtotal
    and shipping are refunded; the order follows the parts that are left.

    Raises PermissionDenied unless `actor` is the buyer, the vendor of that part's
    store, or an admin (None: the system); ValidationError when the part has
    shipped, is not paid, is over, or is the only one left (cancel the order
    then); PaymentError (changing nothing) when the provider refuses the refund.
    """
    if not (
        actor is None
        or actor.pk == part.order.buyer_id
        or stores_managed_by(actor).filter(pk=part.store_id).exists()
    ):
        raise PermissionDenied("You may cancel only your own orders' items.")
    order = Order.objects.select_for_update().get(pk=part.order_id)
    payment = Payment.objects.select_for_update().filter(order=order).first()
    part = OrderPart.objects.select_for_update().get(pk=part.pk, order=order)
    parts = list(order.parts.all())
    if not is_part_cancellable(part, parts):
        reason = (
            "cancel the whole order instead"
            if part.status in (S.PAID, S.PROCESSING)
            else f"it is {part.get_status_display().lower()}"
        )
        raise ValidationError(
            f"The items from {part.store_name} can no longer be cancelled on "
            f"their own: {reason}."
        )
    to_status = S.CANCELLED
    if payment is not None and payment.status == Payment.Status.CAPTURED:
        payment_provider(payment.method, switched_off_too=True).refund(
            payment=payment,
            amount=part.subtotal + part.shipping,
            reference=f"part-{part.pk}",
        )
        to_status = S.REFUNDED
    stock_release(quantities=order_stock_quantities(order=order, part=part))
    _part_move(order=order, part=part, to_status=to_status, actor=actor, note=note)
    ledger_sync_order(order=order)
    events.emit("order_withdrawn", part=part, actor=actor)
    events.emit("order_part_cancelled", part=part)
    return part


def order_stock_quantities(
    *, order: Order, part: OrderPart | None = None
) -> dict[int, int]:
    """Units per product that the order (or one part of it) took from stock
    (digital lines take none); parts already cancelled gave theirs back."""
    quantities: dict[int, int] = {}
    lines = order.lines.filter(digital=False, product__isnull=False)
    lines = lines.filter(part=part) if part else lines.exclude(part__status__in=ENDED)
    for line in lines:
        quantities[line.product_id] = quantities.get(line.product_id, 0) + line.quantity
    return quantities


def _order_status_from_parts(order: Order) -> str:
    statuses = {part.status for part in order.parts.exclude(status__in=ENDED)}
    if not statuses:
        return order.status
    if statuses == {S.DELIVERED}:
        return S.DELIVERED
    if statuses <= {S.SHIPPED, S.DELIVERED}:
        return S.SHIPPED
    if statuses != {S.PAID}:
        return S.PROCESSING
    return S.PAID


@transaction.atomic
def order_part_advance(
    *,
    part: OrderPart,
    to_status: str,
    actor: User,
    carrier: str = "",
    tracking_number: str = "",
    tracking_required: bool = False,
) -> OrderPart:
    """A vendor moves its store's part one step along
    paid → processing → shipped → delivered; the order follows its parts.

    Shipping records `carrier` and `tracking_number` (both or neither; both
    required with `tracking_required`, as the site asks) and when it shipped.
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
    carrier = " ".join(str(carrier or "").split())[:64]
    tracking_number = " ".join(str(tracking_number or "").split())[:64]
    note = ""
    if to_status == S.SHIPPED:
        if (tracking_required or carrier) and not tracking_number:
            raise ValidationError({"tracking_number": "Enter the tracking number."})
        if (tracking_required or tracking_number) and not carrier:
            raise ValidationError({"carrier": "Choose the carrier."})
        part.carrier = carrier
        part.tracking_number = tracking_number
        part.shipped_at = timezone.now()
        part.save(update_fields=["carrier", "tracking_number", "shipped_at"])
        if tracking_number:
            note = f"{carrier_label(carrier)} {tracking_number}"
    elif to_status == S.DELIVERED:
        part.delivered_at = timezone.now()
        part.save(update_fields=["delivered_at"])
    _part_move(order=order, part=part, to_status=to_status, actor=actor, note=note)
    if to_status in (S.SHIPPED, S.DELIVERED):
        events.emit(f"order_{to_status}", part=part)
    return part


def _part_delivered(
    *, order: Order, part: OrderPart, actor: User | None, note: str
) -> OrderPart:
    part.delivered_at = timezone.now()
    part.save(update_fields=["delivered_at"])
    _part_move(order=order, part=part, to_status=S.DELIVERED, actor=actor, note=note)
    events.emit("order_delivered", part=part)
    return part


@transaction.atomic
def order_part_receive(*, part: OrderPart, actor: User) -> OrderPart:
    """The buyer says a shipped part arrived: it is delivered.

    PermissionDenied unless `actor` is the order's buyer; ValidationError
    unless the part is shipped.
    """
    if actor.pk != part.order.buyer_id:
        raise PermissionDenied("You may confirm only your own orders.")
    order = Order.objects.select_for_update().get(pk=part.order_id)
    part = OrderPart.objects.select_for_update().get(pk=part.pk, order=order)
    if part.status != S.SHIPPED:
        raise ValidationError(
            f"The items from {part.store_name} are "
            f"{part.get_status_display().lower()}: only shipped items can be "
            "confirmed as received."
        )
    return _part_delivered(
        order=order, part=part, actor=actor, note="Received, says the buyer."
    )


def orders_mark_delivered(*, now=None) -> int:
    """Parts that have had ORDER_DELIVERED_AFTER_DAYS become delivered; returns
    how many. Each part in its own transaction.

    - A shipped part, that many days after shipping.
    - A part of digital items only, that many days after payment: there is
      nothing to ship (the files are there at once), and until then the buyer
      may still ask for a refund, so the vendor's earnings wait as they do for
      goods in transit (ledger).
    """
    now = now or timezone.now()
    days = settings.ORDER_DELIVERED_AFTER_DAYS
    cutoff = now - timedelta(days=days)
    shipped = OrderPart.objects.filter(status=S.SHIPPED, shipped_at__lt=cutoff)
    digital_only = OrderPart.objects.filter(
        status__in=(S.PAID, S.PROCESSING), order__paid_at__lt=cutoff
    ).exclude(lines__digital=False)
    due = [
        (
            part_id,
            order_id,
            (S.SHIPPED,),
            f"Delivered: shipped more than {days} days ago.",
        )
        for part_id, order_id in shipped.values_list("pk", "order_id")
    ] + [
        (
            part_id,
            order_id,
            (S.PAID, S.PROCESSING),
            f"Delivered: downloads only, paid more than {days} days ago.",
        )
        for part_id, order_id in digital_only.values_list("pk", "order_id")
    ]
    delivered = 0
    for part_id, order_id, from_statuses, note in due:
        with transaction.atomic():
            order = Order.objects.select_for_update().get(pk=order_id)
            part = OrderPart.objects.select_for_update().get(pk=part_id)
            if part.status not in from_statuses:
                continue
            _part_delivered(order=order, part=part, actor=None, note=note)
            delivered += 1
    return delivered


def order_part_cancel_by_vendor(
    *, part: OrderPart, actor: User, reason: str
) -> OrderPart:
    """A vendor cancels their store's unshipped part (out of stock, ...) with
    a reason the buyer sees: its stock comes back and the part's subtotal and
    shipping are refunded (order_part_cancel). When it is the order's only
    part left, the whole order is cancelled and refunded.

    PermissionDenied unless `actor` manages the part's store; ValidationError
    without a reason, or when the part has shipped or is over.
    """
    if not stores_managed_by(actor).filter(pk=part.store_id).exists():
        raise PermissionDenied("You may cancel only your own stores' orders.")
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise ValidationError({"reason": "Tell the buyer why you cancel."})
    note = f"Cancelled by {part.store_name}: {reason}"[:255]
    parts = list(part.order.parts.all())
    live = [other for other in parts if other.status not in ENDED]
    if part.status in (S.PAID, S.PROCESSING) and [p.pk for p in live] == [part.pk]:
        # The only part left: the order is cancelled as a whole, as the
        # system would (the vendor is not the buyer), recorded with the reason.
        order_cancel(order=part.order, actor=None, note=note)
        part.refresh_from_db()
        return part
    if part.status not in (S.PAID, S.PROCESSING):
        raise ValidationError(
            f"The items from {part.store_name} can no longer be cancelled: "
            f"they are {part.get_status_display().lower()}."
        )
    return order_part_cancel(part=part, actor=actor, note=note)


def _order_follow_parts(*, order: Order, actor: User | None) -> None:
    """The order takes the status its live parts give it, recorded when it changes."""
    order_status = _order_status_from_parts(order)
    if order_status != order.status:
        order_from = order.status
        order.status = order_status
        order.save(update_fields=["status", "updated_at"])
        order_event_record(
            order=order, from_status=order_from, to_status=order_status, actor=actor
        )


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
