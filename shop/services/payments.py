"""Paying for an order: start with the chosen provider, capture once, or cancel.

An order is paid only when its provider says the money is captured. Capturing
locks the order and its payment rows, so a repeated return from PayPal or a
double click waits for the first capture and then finds it done.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from shop.exceptions import PaymentError
from shop.models import Order, OrderStatus, Payment
from shop.payment_providers import payment_provider
from shop.services.orders import order_cancel, order_mark_paid


def _locked(payment: Payment) -> tuple[Order, Payment]:
    # Always the order first, then its payment: the same order as order_cancel.
    order = Order.objects.select_for_update().get(pk=payment.order_id)
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    payment.order = order
    return order, payment


def _payment_failed(payment: Payment, error: PaymentError) -> None:
    # Recorded in its own transaction, so the failure survives the rollback of
    # the caller's.
    Payment.objects.filter(pk=payment.pk, status=Payment.Status.PENDING).update(
        status=Payment.Status.FAILED, last_error=str(error), updated_at=timezone.now()
    )


def payment_start(
    *, payment: Payment, return_url: str = "", cancel_url: str = ""
) -> Payment:
    """Start paying an order awaiting payment (again, after a failure).

    The test provider captures at once and the order is paid; PayPal gives an
    `approve_url` to send the buyer to, and PayPal sends the buyer back to
    `return_url` or `cancel_url` with `?token=<PayPal order id>`. Raises
    PaymentError when the provider refuses; the order stays unpaid.
    """
    try:
        with transaction.atomic():
            order, payment = _locked(payment)
            if order.status != OrderStatus.PENDING_PAYMENT:
                raise ValidationError(f"Order {order.number} is not awaiting payment.")
            started = payment_provider(payment.method).start(
                payment=payment, return_url=return_url, cancel_url=cancel_url
            )
            payment.status = Payment.Status.PENDING
            payment.provider_order_id = started.provider_order_id
            payment.approve_url = started.approve_url
            payment.last_error = ""
            payment.save()
            if started.capture_id:
                _payment_captured(
                    order=order, payment=payment, capture_id=started.capture_id
                )
    except PaymentError as error:
        _payment_failed(payment, error)
        raise
    return payment


def _payment_captured(*, order: Order, payment: Payment, capture_id: str) -> None:
    payment.status = Payment.Status.CAPTURED
    payment.capture_id = capture_id
    payment.captured_at = timezone.now()
    payment.approve_url = ""
    payment.save()
    order_mark_paid(order=order, note=f"Paid with {payment.get_method_display()}.")


def payment_capture(*, payment: Payment) -> Payment:
    """Capture an approved payment; at most once, whoever asks how often.

    A payment already captured is returned as it is. Raises PaymentError when
    the provider declines (the payment is marked failed, the order stays
    unpaid), ValidationError when the order is no longer awaiting payment.
    """
    try:
        with transaction.atomic():
            order, payment = _locked(payment)
            if payment.status == Payment.Status.CAPTURED:
                return payment
            if order.status != OrderStatus.PENDING_PAYMENT:
                raise ValidationError(f"Order {order.number} is not awaiting payment.")
            if (
                payment.status != Payment.Status.PENDING
                or not payment.provider_order_id
            ):
                raise ValidationError("This payment has not been started.")
            capture_id = payment_provider(payment.method).capture(payment=payment)
            _payment_captured(order=order, payment=payment, capture_id=capture_id)
    except PaymentError as error:
        _payment_failed(payment, error)
        raise
    return payment


def payment_for_provider_order(
    *, buyer: User, method: str, provider_order_id: str
) -> Payment | None:
    """The buyer's payment that the provider knows by this id (PayPal's token)."""
    if not provider_order_id:
        return None
    return (
        Payment.objects.select_related("order")
        .filter(order__buyer=buyer, method=method, provider_order_id=provider_order_id)
        .first()
    )


def payment_abandon(*, payment: Payment, actor: User) -> Order:
    """The buyer turned back at the provider: the unpaid order is cancelled and
    its stock returned. A payment captured meanwhile is left alone."""
    with transaction.atomic():
        order, payment = _locked(payment)
        if order.status != OrderStatus.PENDING_PAYMENT:
            return order
        return order_cancel(
            order=order, actor=actor, note="Payment cancelled by the buyer."
        )
