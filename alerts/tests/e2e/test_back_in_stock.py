"""A buyer saves a sold-out product and asks to be told when it is back; its
vendor restocks it in the admin; the buyer's bell shows the alert. The task
worker runs immediately in tests, after the restock commits. The shared
`page_in_browser` fixture fails the test on any console error, failed request or
CSP violation."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from alerts.models import Alert
from vendors.tests.factories import ProductPageFactory, StorePageFactory
from wishlists.models import WishlistItem

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def vase(vendor, store_index):
    return ProductPageFactory(
        store=StorePageFactory(vendor=vendor, title="Kiln Studio"),
        title="Rare vase",
        price=Decimal("40.00"),
        stock_quantity=0,
    )


def _switch_user(tab, log_in_with_cookie, user):
    # Leave the page first: the admin's editor pings its editing session, and a
    # ping sent after the cookies changed hands is refused (403).
    tab.goto("about:blank")
    tab.context.clear_cookies()
    log_in_with_cookie(user)


def test_the_buyer_is_told_when_the_vendor_restocks(
    live_server, page_in_browser, log_in_with_cookie, buyer, vendor, vase, tmp_path
):
    tab = page_in_browser
    log_in_with_cookie(buyer)

    # Save it with the heart: no reload, the heart fills in.
    tab.goto(f"{live_server.url}{vase.url}")
    tab.wait_for_selector("html[data-session-state=ready]")
    heart = tab.locator(f'form[data-wishlist-product="{vase.pk}"] button').first
    expect(heart).to_have_attribute("aria-pressed", "false")
    tab.evaluate("window.notReloaded = true")
    heart.click()
    expect(heart).to_have_attribute("aria-pressed", "true")
    assert tab.evaluate("window.notReloaded") is True
    assert WishlistItem.objects.filter(wishlist__user=buyer, product=vase).exists()

    # Ask to be told when it is back.
    tab.get_by_role("button", name="Tell me when it’s back").click()
    expect(tab.locator("[data-session-messages]")).to_contain_text(
        "We will tell you when “Rare vase” is back in stock."
    )
    # The heart, from the session state on the cached page, is still filled.
    expect(heart).to_have_attribute("aria-pressed", "true")
    tab.screenshot(path=tmp_path / "product_page.png", full_page=True)
    assert Alert.objects.get(user=buyer).status == "active"

    # The vendor restocks it in the admin.
    _switch_user(tab, log_in_with_cookie, vendor)
    tab.goto(f"{live_server.url}/admin/pages/{vase.pk}/edit/")
    tab.get_by_role("link", name="Change stock").click()
    tab.fill("input[name=quantity]", "3")
    tab.click("main form button[type=submit]")
    expect(tab.locator(".messages .success")).to_contain_text("is now 3")

    # The buyer's bell shows the alert, and the alert is spent.
    _switch_user(tab, log_in_with_cookie, buyer)
    tab.goto(f"{live_server.url}/")
    tab.wait_for_selector("html[data-session-state=ready]")
    bell = tab.locator("[data-notifications-bell]")
    expect(bell.locator("[data-notifications-unread]")).to_have_text(
        re.compile(r"^1\b")
    )
    bell.get_by_role("link").click()
    expect(tab.locator(".notification-list")).to_contain_text(
        "Rare vase is back in stock"
    )
    tab.get_by_role("link", name="Rare vase is back in stock").click()
    expect(tab.locator("h1")).to_have_text("Rare vase")
    tab.goto(f"{live_server.url}/alerts/")
    expect(tab.locator("[data-alert-status]")).to_contain_text("Sent")
    assert Alert.objects.get(user=buyer).status == "fired"
