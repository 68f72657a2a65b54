from decimal import Decimal

import pytest

from accounts.tests.factories import UserFactory
from home.models import SiteSettings
from ledger.models import LedgerEntry
from ledger.selectors import vendor_balance
from ledger.services import ledger_sync_order
from shop.models import OrderStatus
from shop.services.orders import order_cancel, order_part_advance, order_part_cancel
from shop.tests.factories import order_for
from vendor_accounts.services import vendor_commission_rate_set
from vendors.tests.factories import ProductPageFactory, StorePageFactory

pytestmark = pytest.mark.django_db


def _entries(vendor):
    return [
        (entry.kind, entry.amount)
        for entry in LedgerEntry.objects.filter(vendor=vendor).order_by("pk")
    ]


def _part_of(order, vendor):
    return order.parts.get(store__vendor=vendor)


def _deliver(part, vendor):
    for status in ("processing", "shipped", "delivered"):
        order_part_advance(part=part, to_status=status, actor=vendor)


def test_a_paid_part_earns_its_sale_less_the_commission_frozen_at_checkout(
    vendor, two_store_order
):
    line = two_store_order.lines.get(product_name="Speckled mug")

    assert (line.commission_rate, line.commission) == (
        Decimal("0.1000"),
        Decimal("3.60"),
    )
    assert _entries(vendor) == [
        ("sale", Decimal("36.00")),
        ("commission", Decimal("-3.60")),
    ]
    balance = vendor_balance(vendor=vendor)
    assert (balance.pending, balance.available, balance.paid_out) == (
        Decimal("32.40"),
        Decimal("0.00"),
        Decimal("0.00"),
    )
    assert _entries(two_store_order.other_vendor) == [
        ("sale", Decimal("12.00")),
        ("commission", Decimal("-1.20")),
    ]


def test_commission_stays_frozen_when_the_rates_change_later(
    vendor, admin_user, two_store_order
):
    settings = SiteSettings.load()
    settings.default_commission_rate = Decimal("0.2500")
    settings.save()
    vendor_commission_rate_set(vendor=vendor, actor=admin_user, rate=Decimal("0.05"))

    line = two_store_order.lines.get(product_name="Speckled mug")
    assert line.commission == Decimal("3.60")
    assert _entries(vendor)[1] == ("commission", Decimal("-3.60"))
    assert vendor_balance(vendor=vendor).commission_rate == Decimal("0.0500")


def test_a_vendors_own_rate_applies_to_their_next_orders(
    vendor, admin_user, store_index, commission_10
):
    vendor_commission_rate_set(vendor=vendor, actor=admin_user, rate=Decimal("0.0750"))
    product = ProductPageFactory(
        store=StorePageFactory(vendor=vendor), price=Decimal("9.99")
    )

    order = order_for(buyer=UserFactory(), items=[(product, 3)])

    line = order.lines.get()
    assert (line.commission_rate, line.commission) == (
        Decimal("0.0750"),
        Decimal("2.25"),  # 29.97 × 0.075 = 2.24775, rounded half up
    )


def test_delivery_makes_the_earnings_available(vendor, two_store_order):
    _deliver(_part_of(two_store_order, vendor), vendor)

    balance = vendor_balance(vendor=vendor)
    assert (balance.pending, balance.available) == (Decimal("0.00"), Decimal("32.40"))
    # Delivery moves no money: no entry, only the part's status.
    assert len(_entries(vendor)) == 2
    other = vendor_balance(vendor=two_store_order.other_vendor)
    assert (other.pending, other.available) == (Decimal("10.80"), Decimal("0.00"))


def test_cancelling_one_stores_part_reverses_exactly_what_it_earned(
    vendor, two_store_order
):
    part = _part_of(two_store_order, vendor)

    order_part_cancel(part=part, actor=vendor)

    assert _entries(vendor) == [
        ("sale", Decimal("36.00")),
        ("commission", Decimal("-3.60")),
        ("refund", Decimal("-32.40")),
    ]
    balance = vendor_balance(vendor=vendor)
    assert (balance.pending, balance.available) == (Decimal("0.00"), Decimal("0.00"))
    # The other store's part goes on, untouched.
    assert len(_entries(two_store_order.other_vendor)) == 2
    assert vendor_balance(vendor=two_store_order.other_vendor).pending == Decimal(
        "10.80"
    )


def test_refunding_the_whole_order_reverses_every_part_once(vendor, two_store_order):
    order = order_cancel(order=two_store_order, actor=two_store_order.buyer)

    assert order.status == OrderStatus.REFUNDED
    assert _entries(vendor)[-1] == ("refund", Decimal("-32.40"))
    assert _entries(two_store_order.other_vendor)[-1] == ("refund", Decimal("-10.80"))
    ledger_sync_order(order=order)
    assert LedgerEntry.objects.count() == 6


def test_ledger_entries_are_never_changed(vendor, two_store_order):
    entry = LedgerEntry.objects.filter(vendor=vendor).first()

    entry.amount = Decimal("1000.00")
    with pytest.raises(Exception, match="never changed"):
        entry.save()
    with pytest.raises(Exception, match="never deleted"):
        entry.delete()


def test_the_balance_is_one_query_however_long_the_history(
    vendor, two_store_order, django_assert_num_queries
):
    # The sums, the vendor's own rate, the site's default rate.
    with django_assert_num_queries(3):
        vendor_balance(vendor=vendor)


def test_the_parts_shipping_is_earned_and_reversed_with_the_sale(
    vendor, store_index, commission_10
):
    from shop.services.shipping_rules import shipping_rule_set

    store = StorePageFactory(vendor=vendor)
    shipping_rule_set(store=store, actor=vendor, flat_rate=Decimal("4.90"))
    product = ProductPageFactory(store=store, price=Decimal("20.00"))
    order = order_for(buyer=UserFactory(), items=[(product, 1)])

    order_cancel(order=order, actor=order.buyer)

    assert _entries(vendor) == [
        ("sale", Decimal("24.90")),  # 20.00 + 4.90 shipping, the vendor ships
        ("commission", Decimal("-2.00")),  # on the line only
        ("refund", Decimal("-22.90")),
    ]
