"""Vendors and admins work through paid orders on the admin's Orders screens."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory, VendorFactory
from shop.models import OrderStatus
from shop.tests.factories import order_for
from vendors.tests.factories import ProductPageFactory, StorePageFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def paid_order(vendor):
    """One order with a part for `vendor`'s store and one for another vendor's."""
    mug = ProductPageFactory(
        store=StorePageFactory(vendor=vendor, title="Kiln Studio"),
        title="Speckled mug",
        price=Decimal("18.00"),
    )
    beans = ProductPageFactory(
        store=StorePageFactory(vendor=VendorFactory(), title="Northbound Coffee"),
        title="House beans",
        price=Decimal("12.00"),
    )
    # The test payment provider pays at once.
    order = order_for(buyer=UserFactory(), items=[(mug, 2), (beans, 1)])
    assert order.status == OrderStatus.PAID
    return order


def test_vendor_filters_opens_and_ships_their_part_of_an_order(
    live_server, page_in_browser, log_in_with_cookie, vendor, paid_order
):
    tab = page_in_browser
    log_in_with_cookie(vendor)

    tab.goto(f"{live_server.url}/admin/")
    tab.get_by_role("link", name="Orders", exact=True).first.click()
    listing = tab.locator("main table.listing")
    expect(listing).to_contain_text(paid_order.number)
    expect(listing).to_contain_text("2 × Speckled mug")
    expect(listing).not_to_contain_text("House beans")
    tab.get_by_role("link", name="Shipped", exact=True).click()
    expect(tab.locator("main")).to_contain_text("No orders with this status")
    tab.get_by_role("link", name="Paid", exact=True).click()
    tab.get_by_role("link", name=paid_order.number).click()

    tab.get_by_role("button", name="Mark as processing").click()
    expect(tab.locator(".messages .success")).to_contain_text("is now processing")
    # Shipping asks for the carrier and tracking number.
    tab.get_by_role("button", name="Mark as shipped").click()
    expect(tab.locator("main")).not_to_contain_text("is now shipped")
    tab.select_option("select[name=carrier]", "royal_mail")
    tab.fill("input[name=tracking_number]", "RM123456785GB")
    tab.get_by_role("button", name="Mark as shipped").click()
    expect(tab.locator(".messages .success")).to_contain_text("is now shipped")
    expect(tab.locator("[data-tracking]")).to_contain_text("Royal Mail")

    parts = {part.store_name: part.status for part in paid_order.parts.all()}
    assert paid_order.parts.get(store_name="Kiln Studio").tracking_number == (
        "RM123456785GB"
    )
    assert parts == {
        "Kiln Studio": OrderStatus.SHIPPED,
        "Northbound Coffee": OrderStatus.PAID,
    }


def test_admin_sees_every_vendors_part_of_the_order(
    live_server, page_in_browser, log_in_with_cookie, admin_user, paid_order
):
    tab = page_in_browser
    log_in_with_cookie(admin_user)

    tab.goto(f"{live_server.url}/admin/orders/")

    rows = tab.locator("main table.listing tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Kiln Studio")).to_contain_text("2 × Speckled mug")
    expect(rows.filter(has_text="Northbound Coffee")).to_contain_text("House beans")
    rows.filter(has_text="Northbound Coffee").get_by_role("link").click()
    expect(tab.locator("main")).to_contain_text("House beans")
    expect(tab.get_by_role("button", name="Mark as processing")).to_be_visible()
