"""Shipping per store: one price function for cart, checkout and orders; where
a store ships; refunds that give the part's shipping back."""

import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.tests.factories import VendorFactory
from shop.models import Address, Order, ShippingRule
from shop.services.cart import cart_add_item, cart_for
from shop.services.orders import order_part_cancel
from shop.services.payments import payment_capture
from shop.services.shipping_rules import shipping_rule_set
from shop.shipping import (
    cart_quote,
    country_code,
    shipping_price,
    tracking_url,
)
from shop.tests.conftest import (
    PAYPAL,
    PAYPAL_CAPTURE_ID,
    paypal_accepts_order,
    paypal_captures,
    stock_of,
)
from shop.tests.factories import ADDRESS, order_for

D = Decimal


def rule(**fields):
    return ShippingRule(
        flat_rate=D(fields.get("flat_rate", "0")),
        per_additional_item=D(fields.get("per_additional_item", "0")),
        free_over=None if fields.get("free_over") is None else D(fields["free_over"]),
    )


@pytest.mark.parametrize(
    ("fields", "subtotal", "units", "price"),
    [
        ({}, "10.00", 3, "0.00"),  # a store without rules ships free
        ({"flat_rate": "4.90"}, "10.00", 1, "4.90"),
        ({"flat_rate": "4.90", "per_additional_item": "1.25"}, "10.00", 3, "7.40"),
        ({"flat_rate": "4.90", "free_over": "50.00"}, "49.99", 1, "4.90"),
        ({"flat_rate": "4.90", "free_over": "50.00"}, "50.00", 1, "0.00"),
        ({"flat_rate": "4.90", "per_additional_item": "1.25"}, "9.00", 0, "0.00"),
    ],
)
def test_shipping_price(fields, subtotal, units, price):
    assert shipping_price(
        rule=rule(**fields), subtotal=D(subtotal), physical_units=units
    ) == D(price)
    assert shipping_price(rule=None, subtotal=D(subtotal), physical_units=units) == 0


def test_countries_and_tracking_links():
    assert [country_code(v) for v in ["FR", "fr", "France", "Atlantis", ""]] == [
        "FR", "FR", "FR", None, None,
    ]  # fmt: skip
    assert (
        tracking_url("UPS", "1Z 999") == "https://www.ups.com/track?tracknum=1Z%20999"
    )
    assert tracking_url("Royal Mail", "AB1").startswith("https://www.royalmail.com/")
    assert tracking_url("Pigeon post", "AB1") is None


@pytest.fixture
def rules(store, other_store, vendor):
    """Kiln Studio: 4.90 + 1.50 per extra item, free from 50.00; Bean Roasters
    (another vendor's): a flat 6.00, only to France and Belgium."""
    shipping_rule_set(
        store=store,
        actor=vendor,
        flat_rate=D("4.90"),
        per_additional_item=D("1.50"),
        free_over=D("50.00"),
    )
    shipping_rule_set(
        store=other_store,
        actor=other_store.vendor,
        flat_rate=D("6.00"),
        countries=["fr", "BE"],
    )


def test_a_mixed_cart_is_priced_per_store_in_exact_decimals(
    rules, buyer, mug, beans, ebook
):
    cart = cart_for(user=buyer, session={})
    for product, quantity in [(mug, 2), (ebook, 1), (beans, 1)]:
        cart_add_item(cart=cart, product_id=product.pk, quantity=quantity)

    from shop.services.cart import cart_contents

    quote = cart_quote(contents=cart_contents(cart=cart))
    order = order_for(buyer=buyer, items=[])  # the cart above, checked out
    order = Order.objects.get(pk=order.pk)

    # The e-book ships free; two mugs: 4.90 + 1.50.
    assert [(g.store.title, g.subtotal, g.shipping) for g in quote.groups] == [
        ("Bean Roasters", D("14.50"), D("6.00")),
        ("Kiln Studio", D("27.99"), D("6.40")),
    ]
    assert (quote.items_total, quote.shipping, quote.total) == (
        D("42.49"), D("12.40"), D("54.89"),
    )  # fmt: skip
    assert [(p.store_name, p.subtotal, p.shipping) for p in order.parts.all()] == [
        ("Bean Roasters", D("14.50"), D("6.00")),
        ("Kiln Studio", D("27.99"), D("6.40")),
    ]
    assert (order.shipping, order.total, order.payment.amount) == (
        D("12.40"), D("54.89"), D("54.89"),
    )  # fmt: skip


def test_free_over_the_threshold_and_digital_only_parts_ship_free(
    rules, buyer, mug, ebook
):
    many = order_for(buyer=buyer, items=[(mug, 5)])  # 50.00: free
    digital = order_for(buyer=buyer, items=[(ebook, 2)])

    assert (many.shipping, many.total) == (D("0.00"), D("50.00"))
    assert (digital.shipping, digital.total) == (D("0.00"), D("15.98"))


def test_an_address_a_store_does_not_ship_to_is_refused_with_nothing_taken(
    rules, buyer, mug, beans
):
    with pytest.raises(ValidationError) as refused:
        order_for(
            buyer=buyer,
            items=[(mug, 1), (beans, 2)],
            shipping_address={**ADDRESS, "country": "DE"},
        )

    assert refused.value.message_dict["shipping_address"] == [
        "Bean Roasters does not ship to Germany. Choose another address or "
        "remove its items from your cart."
    ]
    assert (stock_of(mug), stock_of(beans)) == (5, 3)
    assert not Order.objects.exists()
    assert not Address.objects.filter(country="DE").exists()
    # France is fine, and an old address typed as "France" too.
    assert order_for(buyer=buyer, items=[(beans, 1)]).status == "paid"


def test_cancelling_a_part_refunds_its_shipping_too(
    rules, buyer, mug, beans, other_store, paypal_api
):
    paypal_accepts_order(paypal_api)
    paypal_captures(paypal_api, value="35.40")  # 10.00 + 4.90 + 14.50 + 6.00
    order = order_for(
        buyer=buyer, items=[(mug, 1), (beans, 1)], payment_method="paypal"
    )
    payment_capture(payment=order.payment)
    refund_url = f"{PAYPAL}/v2/payments/captures/{PAYPAL_CAPTURE_ID}/refund"
    paypal_api.post(refund_url, status=201, json={"id": "R1", "status": "COMPLETED"})
    order_request = next(
        c.request for c in paypal_api.calls if c.request.url.endswith("/orders")
    )

    order_part_cancel(part=order.parts.get(store=other_store), actor=buyer)

    refunds = [c.request for c in paypal_api.calls if c.request.url == refund_url]
    assert json.loads(order_request.body)["purchase_units"][0]["amount"]["value"] == (
        "35.40"
    )
    assert [json.loads(r.body)["amount"]["value"] for r in refunds] == ["20.50"]


def test_only_the_stores_vendor_or_an_admin_sets_its_rules(store, admin_user):
    with pytest.raises(PermissionDenied):
        shipping_rule_set(store=store, actor=VendorFactory(), flat_rate=D("1.00"))
    with pytest.raises(ValidationError) as bad:
        shipping_rule_set(store=store, actor=admin_user, countries=["XX", "FR"])
    rule = shipping_rule_set(store=store, actor=admin_user, countries=["gb", "FR"])

    assert "XX" in str(bad.value.message_dict["countries"])
    assert rule.countries == "FR,GB"
