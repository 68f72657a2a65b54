from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from shop.models import Order
from shop.selectors import VendorSales, sales_by_vendor
from shop.services.orders import order_cancel
from shop.tests.factories import order_for


def test_sales_by_vendor_counts_paid_parts_of_the_last_days_per_vendor(
    buyer, vendor, mug, beans, other_store
):
    order_for(buyer=buyer, items=[(mug, 2), (beans, 1)])
    order_for(buyer=buyer, items=[(mug, 1)])
    cancelled = order_for(buyer=buyer, items=[(mug, 1)])
    order_cancel(order=cancelled, actor=buyer)
    old = order_for(buyer=buyer, items=[(beans, 1)])
    Order.objects.filter(pk=old.pk).update(paid_at=timezone.now() - timedelta(days=31))

    sales = sales_by_vendor(vendor_ids=[vendor.pk, other_store.vendor_id], days=30)

    assert sales == {
        vendor.pk: VendorSales(revenue=Decimal("30.00"), orders=2),
        other_store.vendor_id: VendorSales(revenue=Decimal("14.50"), orders=1),
    }


def test_sales_by_vendor_leaves_out_vendors_not_asked_for_or_without_sales(
    buyer, vendor, mug, other_store, django_assert_num_queries
):
    order_for(buyer=buyer, items=[(mug, 1)])

    with django_assert_num_queries(1):
        sales = sales_by_vendor(vendor_ids=[other_store.vendor_id])

    assert sales == {}
