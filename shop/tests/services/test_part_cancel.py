"""Cancelling one store's part of an order, and the whole order after that."""

import json
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.tests.factories import UserFactory, VendorFactory
from shop.services.orders import order_cancel, order_part_advance, order_part_cancel
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


def _ship(part, vendor):
    for status in ["processing", "shipped"]:
        part = order_part_advance(part=part, to_status=status, actor=vendor)
    return part


def test_the_unshipped_part_is_cancelled_alone_after_the_other_shipped(
    order, store, other_store, vendor, buyer, mug, beans,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    _ship(order.parts.get(store=store), vendor)
    theirs = order.parts.get(store=other_store)

    with django_capture_on_commit_callbacks(execute=True):
        part = order_part_cancel(part=theirs, actor=buyer, note="Too slow.")

    order.refresh_from_db()
    assert part.status == "refunded"
    assert order.status == "shipped"  # all that is left has shipped
    assert order.payment.status == "captured"  # the rest stays paid
    assert (stock_of(mug), stock_of(beans)) == (3, 3)  # only the beans came back
    event = part.events.get(to_status="refunded")
    assert (event.actor, event.note) == (buyer, "Too slow.")
    assert mail.outbox[-1].subject == (
        f"[Marketplace] Order {order.number}: your items from Bean Roasters "
        "are cancelled"
    )
    assert "$14.50 you paid for them is being refunded" in mail.outbox[-1].body


def test_a_shipped_part_or_the_last_live_part_is_not_cancelled_alone(
    order, store, other_store, vendor, buyer, mug, beans
):
    mine = _ship(order.parts.get(store=store), vendor)
    theirs = order.parts.get(store=other_store)

    with pytest.raises(ValidationError, match="it is shipped"):
        order_part_cancel(part=mine, actor=buyer)
    order_part_cancel(part=theirs, actor=buyer)
    with pytest.raises(ValidationError, match="it is refunded"):
        order_part_cancel(part=theirs, actor=buyer)
    assert (stock_of(mug), stock_of(beans)) == (3, 3)


def test_the_only_part_left_is_cancelled_with_the_order(
    order, store, other_store, buyer, mug, beans
):
    order_part_cancel(part=order.parts.get(store=other_store), actor=buyer)

    with pytest.raises(ValidationError, match="cancel the whole order"):
        order_part_cancel(part=order.parts.get(store=store), actor=buyer)
    order = order_cancel(order=order, actor=buyer)

    assert order.status == "refunded"
    assert {part.status for part in order.parts.all()} == {"refunded"}
    assert (stock_of(mug), stock_of(beans)) == (5, 3)  # beans not given back twice


def test_an_unpaid_part_is_not_cancelled_alone(buyer, mug, beans, paypal_api):
    paypal_accepts_order(paypal_api)
    order = order_for(
        buyer=buyer, items=[(mug, 1), (beans, 1)], payment_method="paypal"
    )

    with pytest.raises(ValidationError):
        order_part_cancel(part=order.parts.first(), actor=buyer)


def test_paypal_refunds_the_part_then_only_what_is_left(
    buyer, mug, beans, store, other_store, paypal_api
):
    paypal_accepts_order(paypal_api)
    paypal_captures(paypal_api, value="24.50")
    order = order_for(
        buyer=buyer, items=[(mug, 1), (beans, 1)], payment_method="paypal"
    )
    payment_capture(payment=order.payment)
    refund_url = f"{PAYPAL}/v2/payments/captures/{PAYPAL_CAPTURE_ID}/refund"
    paypal_api.post(refund_url, status=201, json={"id": "R1", "status": "COMPLETED"})

    order_part_cancel(part=order.parts.get(store=other_store), actor=buyer)
    order_cancel(order=order, actor=buyer)

    refunds = [c.request for c in paypal_api.calls if c.request.url == refund_url]
    assert [json.loads(r.body)["amount"]["value"] for r in refunds] == [
        "14.50",
        "10.00",
    ]
    assert (
        refunds[0].headers["PayPal-Request-Id"]
        != refunds[1].headers["PayPal-Request-Id"]
    )
    assert sum(Decimal(json.loads(r.body)["amount"]["value"]) for r in refunds) == (
        order.payment.amount
    )


def test_only_the_buyer_the_parts_vendor_or_an_admin_may_cancel_a_part(
    order, other_store
):
    theirs = order.parts.get(store=other_store)
    for stranger in (UserFactory(), VendorFactory()):
        with pytest.raises(PermissionDenied):
            order_part_cancel(part=theirs, actor=stranger)
    theirs.refresh_from_db()
    assert theirs.status == "paid"

    order_part_cancel(part=theirs, actor=other_store.vendor)

    theirs.refresh_from_db()
    assert theirs.status == "refunded"
