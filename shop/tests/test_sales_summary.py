from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import AdminFactory, UserFactory
from analytics.periods import today
from analytics.services import rollup_rebuild
from shop.models import Order
from shop.selectors import ProductSales, sales_summary
from shop.services.orders import order_cancel, order_part_advance
from shop.tests.factories import order_for
from vendors.tests.factories import ProductPageFactory


@pytest.fixture
def sales(buyer, vendor, store, mug, beans):
    """Mugs ($10) of the vendor's store and beans ($14.50) of another store."""
    bowl = ProductPageFactory(store=store, title="Bowl", price=Decimal("25.00"))
    both = order_for(buyer=buyer, items=[(mug, 2), (beans, 1)])
    shipped = order_for(buyer=UserFactory(), items=[(bowl, 1), (mug, 1)])
    order_part_advance(part=shipped.parts.get(), to_status="processing", actor=vendor)
    cancelled = order_for(buyer=buyer, items=[(bowl, 2)])
    order_cancel(order=cancelled, actor=buyer)
    old = order_for(buyer=buyer, items=[(mug, 1)])
    Order.objects.filter(pk=old.pk).update(paid_at=timezone.now() - timedelta(days=31))
    return {"both": both, "shipped": shipped, "old": old}


def test_a_vendors_sales_count_only_their_stores_paid_parts_of_the_month(vendor, sales):
    summary = sales_summary(user=vendor)

    # 2 mugs of the first order, the bowl and mug of the second; not the beans,
    # the cancelled bowls or last month's mug.
    assert summary.revenue == Decimal("55.00")
    assert (summary.orders, summary.units) == (2, 4)
    # Waiting: the first and the old order (paid), the second (processing).
    assert (summary.to_process, summary.to_ship) == (2, 1)
    assert summary.top_products == [
        ProductSales(name="Speckled mug", units=3, revenue=Decimal("30.00")),
        ProductSales(name="Bowl", units=1, revenue=Decimal("25.00")),
    ]


def test_an_admin_sees_every_stores_sales(sales):
    summary = sales_summary(user=AdminFactory())

    assert summary.revenue == Decimal("69.50")
    assert (summary.orders, summary.units) == (2, 5)
    assert (summary.to_process, summary.to_ship) == (3, 1)


def test_a_buyer_has_no_sales(buyer, sales):
    summary = sales_summary(user=buyer)

    assert (summary.revenue, summary.orders, summary.to_process) == (
        Decimal("0.00"),
        0,
        0,
    )
    assert summary.top_products == []


def test_sales_summary_runs_a_fixed_number_of_queries(
    vendor, sales, django_assert_num_queries
):
    # Four for the figures, one to ask whether the vendor is a marketplace admin
    # (accounts.roles keeps the answer on the user object: a fresh one asks).
    user = type(vendor).objects.get(pk=vendor.pk)
    with django_assert_num_queries(5):
        sales_summary(user=user)


def test_the_dashboard_shows_the_vendor_their_sales(vendor_client, sales):
    # The panel reads the daily rollups (analytics), which the nightly job rebuilds.
    rollup_rebuild(first=today() - timedelta(days=31), last=today())

    response = vendor_client.get(reverse("wagtailadmin_home"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Your sales, last 30 days" in content
    assert "$55.00" in content
    assert "Ethiopia beans" not in content


def test_the_dashboard_shows_an_admin_the_marketplaces_sales(admin_client, sales):
    # The panel reads the daily rollups (analytics), which the nightly job rebuilds.
    rollup_rebuild(first=today() - timedelta(days=31), last=today())

    response = admin_client.get(reverse("wagtailadmin_home"))

    content = response.content.decode()
    assert "Marketplace sales, last 30 days" in content
    assert "$69.50" in content
