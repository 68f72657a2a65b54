from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from shop.exceptions import PaymentError
from shop.models import Order, OrderPart
from shop.services.orders import order_cancel, order_part_advance, orders_expire_unpaid
from shop.services.payments import payment_capture
from shop.tests.conftest import (
    PAYPAL,
    PAYPAL_CAPTURE_ID,
    paypal_accepts_order,
    paypal_captures,
    stock_of,
)
from shop.tests.factories import order_for


@pytest.fixture
def order(buyer, mug, beans):
    return order_for(buyer=buyer, items=[(mug, 2), (beans, 1)])


def _part(order, store) -> OrderPart:
    return order.parts.get(store=store)


def test_a_vendor_moves_its_part_along(order, store, vendor):
    part = _part(order, store)

    for status in ["processing", "shipped", "delivered"]:
        part = order_part_advance(part=part, to_status=status, actor=vendor)

    assert part.status == "delivered"
    assert [
        (e.from_status, e.to_status, e.actor) for e in part.events.order_by("pk")
    ] == [
        ("paid", "processing", vendor),
        ("processing", "shipped", vendor),
        ("shipped", "delivered", vendor),
    ]


@pytest.mark.parametrize(
    ("steps", "refused"),
    [
        ([], "shipped"),
        ([], "delivered"),
        ([], "paid"),
        (["processing"], "paid"),
        (["processing", "shipped"], "processing"),
        (["processing"], "cancelled"),
        ([], "bogus"),
    ],
)
def test_invalid_part_transitions_are_refused(order, store, vendor, steps, refused):
    part = _part(order, store)
    for status in steps:
        part = order_part_advance(part=part, to_status=status, actor=vendor)
    events_before = order.events.count()

    with pytest.raises(ValidationError) as error:
        order_part_advance(part=part, to_status=refused, actor=vendor)

    part.refresh_from_db()
    assert list(error.value.message_dict) == ["status"]
    assert part.status == (steps[-1] if steps else "paid")
    assert order.events.count() == events_before


def test_no_part_moves_before_the_order_is_paid(buyer, mug, vendor, paypal_api):
    paypal_accepts_order(paypal_api)
    order = order_for(buyer=buyer, items=[(mug, 1)], payment_method="paypal")

    with pytest.raises(ValidationError):
        order_part_advance(part=order.parts.get(), to_status="processing", actor=vendor)

    assert order.parts.get().status == "pending_payment"


def test_the_order_follows_its_parts(order, store, other_store, vendor):
    mine, theirs = _part(order, store), _part(order, other_store)

    order_part_advance(part=mine, to_status="processing", actor=vendor)
    order.refresh_from_db()
    assert order.status == "processing"

    order_part_advance(part=mine, to_status="shipped", actor=vendor)
    order_part_advance(part=mine, to_status="delivered", actor=vendor)
    order.refresh_from_db()
    assert order.status == "processing"  # the other store has not shipped

    for status in ["processing", "shipped"]:
        order_part_advance(part=theirs, to_status=status, actor=other_store.vendor)
    order.refresh_from_db()
    assert order.status == "shipped"

    order_part_advance(part=theirs, to_status="delivered", actor=other_store.vendor)
    order.refresh_from_db()
    assert order.status == "delivered"
    assert [(e.from_status, e.to_status) for e in order.events.filter(part=None)][
        2:
    ] == [("paid", "processing"), ("processing", "shipped"), ("shipped", "delivered")]


def test_shipping_a_part_emails_the_buyer(
    order, store, vendor, django_capture_on_commit_callbacks
):
    part = _part(order, store)
    order_part_advance(part=part, to_status="processing", actor=vendor)

    with django_capture_on_commit_callbacks(execute=True):
        order_part_advance(part=part, to_status="shipped", actor=vendor)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [order.buyer.email]
    assert message.subject == (
        f"[Marketplace] Order {order.number}: Kiln Studio has shipped your items"
    )
    assert "2 × Speckled mug" in message.body
    assert "Ethiopia beans" not in message.body


def test_the_buyer_cancels_before_shipping_and_stock_returns(
    order, buyer, mug, beans, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        order = order_cancel(order=order, actor=buyer)

    assert order.status == "refunded"
    assert order.payment.status == "refunded"
    assert {part.status for part in order.parts.all()} == {"refunded"}
    assert (stock_of(mug), stock_of(beans)) == (5, 3)
    assert order.events.last().actor == buyer
    assert mail.outbox[0].subject == (
        f"[Marketplace] Order {order.number} cancelled and refunded"
    )


def test_no_cancelling_once_a_part_has_shipped(order, store, vendor, buyer, mug):
    part = _part(order, store)
    order_part_advance(part=part, to_status="processing", actor=vendor)
    order_part_advance(part=part, to_status="shipped", actor=vendor)

    with pytest.raises(ValidationError):
        order_cancel(order=order, actor=buyer)

    order.refresh_from_db()
    assert order.status == "processing"
    assert stock_of(mug) == 3


def test_no_cancelling_twice(order, buyer, mug):
    order_cancel(order=order, actor=buyer)

    with pytest.raises(ValidationError):
        order_cancel(order=order, actor=buyer)

    assert stock_of(mug) == 5


def test_cancelling_a_paypal_order_refunds_the_capture(buyer, mug, paypal_api):
    paypal_accepts_order(paypal_api)
    paypal_captures(paypal_api, value="10.00")
    order = order_for(buyer=buyer, items=[(mug, 1)], payment_method="paypal")
    payment_capture(payment=order.payment)
    refund_url = f"{PAYPAL}/v2/payments/captures/{PAYPAL_CAPTURE_ID}/refund"
    paypal_api.post(refund_url, status=201, json={"id": "R1", "status": "COMPLETED"})

    order = order_cancel(order=order, actor=buyer)

    assert order.status == "refunded"
    assert [c.request.url for c in paypal_api.calls][-1] == refund_url
    assert stock_of(mug) == 5


def test_a_refused_refund_changes_nothing(buyer, mug, paypal_api):
    paypal_accepts_order(paypal_api)
    paypal_captures(paypal_api, value="10.00")
    order = order_for(buyer=buyer, items=[(mug, 1)], payment_method="paypal")
    payment_capture(payment=order.payment)
    paypal_api.post(
        f"{PAYPAL}/v2/payments/captures/{PAYPAL_CAPTURE_ID}/refund",
        status=422,
        json={"name": "UNPROCESSABLE_ENTITY", "details": [{"issue": "X"}]},
    )

    with pytest.raises(PaymentError):
        order_cancel(order=order, actor=buyer)

    order.refresh_from_db()
    assert order.status == "paid"
    assert order.payment.status == "captured"
    assert stock_of(mug) == 4


def test_unpaid_orders_expire_and_return_their_stock(buyer, mug, paypal_api, settings):
    settings.PAYMENT_TIMEOUT_MINUTES = 30
    paypal_accepts_order(paypal_api)
    stale = order_for(buyer=buyer, items=[(mug, 2)], payment_method="paypal")
    Order.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - timedelta(minutes=31)
    )
    paid = order_for(buyer=buyer, items=[(mug, 1)])
    Order.objects.filter(pk=paid.pk).update(
        created_at=timezone.now() - timedelta(minutes=31)
    )

    expired = orders_expire_unpaid()

    stale.refresh_from_db()
    paid.refresh_from_db()
    assert expired == 1
    assert stale.status == "cancelled"
    assert stale.events.last().actor is None
    assert "30 minutes" in stale.events.last().note
    assert paid.status == "paid"
    assert stock_of(mug) == 4


def test_recent_unpaid_orders_do_not_expire(buyer, mug, paypal_api):
    paypal_accepts_order(paypal_api)
    order = order_for(buyer=buyer, items=[(mug, 2)], payment_method="paypal")

    assert orders_expire_unpaid() == 0

    order.refresh_from_db()
    assert order.status == "pending_payment"
    assert stock_of(mug) == 3
