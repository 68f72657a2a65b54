"""Fulfilment: tracking when shipping, the buyer's receipt, delivered by
itself after N days, and a vendor cancelling their unshipped part."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from accounts.tests.factories import VendorFactory
from shop.models import OrderPart
from shop.services.orders import (
    order_part_advance,
    order_part_cancel_by_vendor,
    order_part_receive,
    orders_mark_delivered,
)
from shop.services.payments import payment_capture
from shop.services.shipping_rules import shipping_rule_set
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


def _ship(part, vendor, **tracking):
    part = order_part_advance(part=part, to_status="processing", actor=vendor)
    return order_part_advance(part=part, to_status="shipped", actor=vendor, **tracking)


def test_shipping_records_the_tracking_and_tells_the_buyer(
    order, store, vendor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        part = _ship(
            order.parts.get(store=store),
            vendor,
            carrier="ups",
            tracking_number="1Z999AA10123456784",
        )

    part.refresh_from_db()
    assert part.tracking == {
        "carrier": "UPS",
        "number": "1Z999AA10123456784",
        "url": "https://www.ups.com/track?tracknum=1Z999AA10123456784",
    }
    assert part.events.get(to_status="shipped").note == "UPS 1Z999AA10123456784"
    shipped = mail.outbox[-1]
    assert "has shipped" in shipped.subject
    assert "UPS 1Z999AA10123456784" in shipped.body
    assert "https://www.ups.com/track?tracknum=1Z999AA10123456784" in shipped.body


def test_the_site_requires_tracking_the_api_does_not(order, store, other_store, vendor):
    part = order_part_advance(
        part=order.parts.get(store=store), to_status="processing", actor=vendor
    )
    with pytest.raises(ValidationError, match="tracking number"):
        order_part_advance(
            part=part, to_status="shipped", actor=vendor, tracking_required=True
        )
    with pytest.raises(ValidationError, match="carrier"):
        order_part_advance(
            part=part, to_status="shipped", actor=vendor, tracking_number="A1"
        )
    untracked = _ship(order.parts.get(store=other_store), other_store.vendor)

    assert OrderPart.objects.get(pk=part.pk).status == "processing"
    assert untracked.tracking == {"carrier": "", "number": "", "url": None}
    assert untracked.status == "shipped"


def test_the_buyer_confirms_receipt_of_a_shipped_part_only(order, store, vendor, buyer):
    part = order.parts.get(store=store)
    with pytest.raises(ValidationError, match="only shipped items"):
        order_part_receive(part=part, actor=buyer)
    part = _ship(part, vendor, carrier="dhl", tracking_number="123")
    with pytest.raises(PermissionDenied):
        order_part_receive(part=part, actor=vendor)

    part = order_part_receive(part=part, actor=buyer)

    assert part.status == "delivered"
    assert part.delivered_at is not None
    assert part.events.get(to_status="delivered").actor == buyer


def test_parts_shipped_n_days_ago_become_delivered_by_themselves(
    order, store, other_store, vendor, settings, capsys
):
    settings.ORDER_DELIVERED_AFTER_DAYS = 14
    old = _ship(order.parts.get(store=store), vendor)
    recent = _ship(order.parts.get(store=other_store), other_store.vendor)
    OrderPart.objects.filter(pk=old.pk).update(
        shipped_at=timezone.now() - timedelta(days=15)
    )
    OrderPart.objects.filter(pk=recent.pk).update(
        shipped_at=timezone.now() - timedelta(days=13)
    )

    call_command("orders_mark_delivered")
    call_command("orders_mark_delivered")  # nothing left to do

    old.refresh_from_db()
    recent.refresh_from_db()
    order.refresh_from_db()
    assert (old.status, recent.status, order.status) == (
        "delivered", "shipped", "shipped",
    )  # fmt: skip
    event = old.events.get(to_status="delivered")
    assert (event.actor, event.note) == (
        None, "Delivered: shipped more than 14 days ago.",
    )  # fmt: skip
    assert capsys.readouterr().out.splitlines() == [
        "1 part marked delivered (shipped, or downloads only and paid, more "
        "than 14 days ago).",
        "0 parts marked delivered (shipped, or downloads only and paid, more "
        "than 14 days ago).",
    ]


def test_parts_of_downloads_only_become_delivered_n_days_after_payment(
    buyer, mug, ebook, beans, store, other_store, settings
):
    """Nothing ships, so nothing would ever deliver them, and the vendor's
    earnings would stay pending for good (ledger)."""
    settings.ORDER_DELIVERED_AFTER_DAYS = 14
    downloads_only = order_for(buyer=buyer, items=[(ebook, 1), (beans, 1)])
    mixed = order_for(buyer=buyer, items=[(ebook, 1), (mug, 1)])
    recent = order_for(buyer=buyer, items=[(ebook, 1)])
    paid_long_ago = timezone.now() - timedelta(days=15)
    for order in (downloads_only, mixed):
        order.paid_at = paid_long_ago
        order.save(update_fields=["paid_at"])
    recent.paid_at = timezone.now() - timedelta(days=13)
    recent.save(update_fields=["paid_at"])

    assert orders_mark_delivered() == 1

    statuses = {
        (order.pk, part.store_id): part.status
        for order in (downloads_only, mixed, recent)
        for part in order.parts.all()
    }
    assert statuses == {
        (downloads_only.pk, store.pk): "delivered",
        (downloads_only.pk, other_store.pk): "paid",  # the beans still ship
        (mixed.pk, store.pk): "paid",  # the mug still ships
        (recent.pk, store.pk): "paid",  # paid 13 days ago
    }
    part = downloads_only.parts.get(store=store)
    assert part.delivered_at is not None
    assert part.events.get(to_status="delivered").note == (
        "Delivered: downloads only, paid more than 14 days ago."
    )
    assert orders_mark_delivered() == 0


def test_a_vendor_cancels_their_unshipped_part_and_only_it_is_refunded(
    buyer, mug, beans, store, other_store, vendor, paypal_api
):
    shipping_rule_set(
        store=other_store, actor=other_store.vendor, flat_rate=Decimal("3")
    )
    paypal_accepts_order(paypal_api)
    paypal_captures(paypal_api, value="37.50")  # 20.00 + 14.50 + 3.00
    order = order_for(
        buyer=buyer, items=[(mug, 2), (beans, 1)], payment_method="paypal"
    )
    payment_capture(payment=order.payment)
    refund_url = f"{PAYPAL}/v2/payments/captures/{PAYPAL_CAPTURE_ID}/refund"
    paypal_api.post(refund_url, status=201, json={"id": "R1", "status": "COMPLETED"})
    theirs = order.parts.get(store=other_store)

    with pytest.raises(PermissionDenied):
        order_part_cancel_by_vendor(part=theirs, actor=vendor, reason="Out of stock")
    with pytest.raises(ValidationError):
        order_part_cancel_by_vendor(part=theirs, actor=other_store.vendor, reason=" ")
    part = order_part_cancel_by_vendor(
        part=theirs, actor=other_store.vendor, reason="Out of stock"
    )

    order.refresh_from_db()
    refunds = [c.request for c in paypal_api.calls if c.request.url == refund_url]
    assert [json.loads(r.body)["amount"]["value"] for r in refunds] == ["17.50"]
    assert (part.status, order.status) == ("refunded", "paid")
    assert order.parts.get(store=store).status == "paid"
    assert (stock_of(mug), stock_of(beans)) == (3, 3)
    assert part.events.get(to_status="refunded").note == (
        "Cancelled by Bean Roasters: Out of stock"
    )
    with pytest.raises(ValidationError):
        order_part_cancel_by_vendor(
            part=_ship(order.parts.get(store=store), vendor),
            actor=vendor,
            reason="Changed my mind",
        )


def test_a_vendor_cancelling_the_only_part_cancels_the_order(buyer, mug, vendor):
    order = order_for(buyer=buyer, items=[(mug, 1)])

    part = order_part_cancel_by_vendor(
        part=order.parts.get(), actor=vendor, reason="Broken in the kiln"
    )

    order.refresh_from_db()
    assert (part.status, order.status, stock_of(mug)) == ("refunded", "refunded", 5)
    assert order.events.last().note == "Cancelled by Kiln Studio: Broken in the kiln"
    assert not VendorFactory().pk == vendor.pk
