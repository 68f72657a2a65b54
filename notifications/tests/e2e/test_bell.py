"""A buyer's order is shipped by its vendor in the admin; the buyer's bell shows
1 and opening it lands on the order. The shared `page_in_browser` fixture fails
the test on any console error, failed request or CSP violation."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from shop.models import OrderStatus
from shop.tests.factories import order_for
from vendors.tests.factories import ProductPageFactory, StorePageFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def paid_order(buyer, vendor, store_index):
    mug = ProductPageFactory(
        store=StorePageFactory(vendor=vendor, title="Kiln Studio"),
        title="Speckled mug",
        price=Decimal("18.00"),
    )
    order = order_for(buyer=buyer, items=[(mug, 2)])
    assert order.status == OrderStatus.PAID
    return order


def _switch_user(tab, log_in_with_cookie, user):
    tab.context.clear_cookies()
    log_in_with_cookie(user)


def test_the_buyers_bell_shows_the_shipment_and_opens_the_order(
    live_server, page_in_browser, log_in_with_cookie, buyer, vendor, paid_order
):
    tab = page_in_browser
    bell = tab.locator("[data-notifications-bell]")
    badge = bell.locator("[data-notifications-unread]")

    # The buyer has seen the order's confirmation.
    log_in_with_cookie(buyer)
    tab.goto(f"{live_server.url}/")
    tab.wait_for_selector("html[data-session-state=ready]")
    expect(badge).to_have_text(re.compile(r"^1\b"))
    bell.get_by_role("link").click()
    expect(tab.locator(".notification-list")).to_contain_text(
        f"Order {paid_order.number} confirmed"
    )
    tab.get_by_role("button", name=re.compile("Mark all read")).click()
    expect(tab.locator(".notification-list")).not_to_contain_text("New")
    expect(badge).to_be_hidden()

    # The vendor is told of the order in the admin, and ships it.
    _switch_user(tab, log_in_with_cookie, vendor)
    tab.goto(f"{live_server.url}/admin/")
    panel = tab.locator("[data-notifications-panel]")
    expect(panel).to_contain_text(f"New order {paid_order.number} for Kiln Studio")
    tab.get_by_role("link", name="Orders", exact=True).first.click()
    tab.get_by_role("link", name=paid_order.number).click()
    tab.get_by_role("button", name="Mark as processing").click()
    expect(tab.locator(".messages .success")).to_contain_text("is now processing")
    # Shipping asks for the carrier and the tracking number.
    tab.select_option("select[name=carrier]", "royal_mail")
    tab.fill("input[name=tracking_number]", "RM123456785GB")
    tab.get_by_role("button", name="Mark as shipped").click()
    expect(tab.locator(".messages .success")).to_contain_text("is now shipped")

    # The buyer's bell, on a cached page (filled in by session.js), shows 1.
    _switch_user(tab, log_in_with_cookie, buyer)
    tab.goto(f"{live_server.url}/")
    tab.wait_for_selector("html[data-session-state=ready]")
    expect(bell).to_be_visible()
    expect(badge).to_have_text(re.compile(r"^1\b"))
    bell.get_by_role("link").click()
    tab.get_by_role(
        "link", name=f"Order {paid_order.number}: Kiln Studio has shipped your items"
    ).click()

    tab.wait_for_url(f"{live_server.url}/orders/{paid_order.number}/")
    expect(tab.locator("main")).to_contain_text(paid_order.number)
    expect(badge).to_be_hidden()


def test_a_buyer_switches_an_email_off(
    live_server, page_in_browser, log_in_with_cookie, buyer
):
    tab = page_in_browser
    log_in_with_cookie(buyer)

    tab.goto(f"{live_server.url}/notifications/")
    tab.get_by_role("link", name="E-mail preferences").click()
    switch = tab.get_by_label("A vendor answered your review")
    expect(switch).to_be_checked()
    expect(tab.locator("main")).not_to_contain_text("As a vendor")
    switch.uncheck()
    tab.get_by_role("button", name="Save").click()

    expect(tab.locator(".alert-success, .messages")).to_contain_text(
        "preferences are saved"
    )
    expect(tab.get_by_label("A vendor answered your review")).not_to_be_checked()
    expect(tab.get_by_label("Order confirmations")).to_be_checked()
