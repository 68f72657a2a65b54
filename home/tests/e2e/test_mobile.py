"""The storefront on a 360×740 phone: nothing scrolls sideways, the cart and the
search box are always in sight, the catalogue's filters open in a drawer, and a
buyer checks out, finds the order among cards and cancels it (saying why)."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import TEST_PASSWORD, UserFactory, VendorFactory
from shop.models import Order
from shop.tests.factories import AddressFactory
from vendors.tests.factories import ImageFactory, ProductPageFactory, StorePageFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PHONE = {"width": 360, "height": 740}
PASSWORD = "a-long-Secret-42"
ONE_ROW = 64  # px: the header with every item on one line is 57


def _fits_the_screen(tab, path: str) -> None:
    widths = tab.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{path} scrolls sideways: {widths}"
    expect(tab.locator(".site-header .header-cart")).to_be_visible()
    expect(tab.locator("#header-search-q")).to_be_visible()


@pytest.fixture
def shop_window(store_index):
    store = StorePageFactory(
        title="Kiln & Clay Ceramics",
        description="Stoneware made by hand in a small studio by the river.",
    )
    mug = ProductPageFactory(
        store=store,
        title="Speckled stoneware mug with a particularly long descriptive name",
        price=Decimal("18.00"),
        stock_quantity=3,
        image=ImageFactory(),
    )
    ebook = ProductPageFactory(
        store=store, title="Glazing handbook", digital=True, stock_quantity=0
    )
    return store, mug, ebook


def test_no_storefront_page_scrolls_sideways_on_a_phone(
    live_server, page_in_browser, shop_window
):
    store, mug, _ebook = shop_window
    tab = page_in_browser
    tab.set_viewport_size(PHONE)

    for path in [
        "/",
        "/stores/",
        store.url,
        mug.url,
        "/catalogue/",
        "/catalogue/?in_stock=on&digital=false",
        "/search/?q=mug",
        "/cart/",
        "/accounts/login/",
        "/accounts/signup/",
    ]:
        tab.goto(f"{live_server.url}{path}")
        _fits_the_screen(tab, path)

    tab.goto(f"{live_server.url}/catalogue/")
    expect(tab.locator("#catalogue-filters form")).to_be_hidden()
    tab.click("button[data-bs-toggle=offcanvas]")
    expect(tab.locator("#catalogue-filters form")).to_be_visible()
    tab.check("#catalogue-filters input[name=in_stock]")
    tab.click("#catalogue-filters button[type=submit]")
    tab.wait_for_url(re.compile(r"in_stock=on"))
    chip = tab.locator(".filter-chip", has_text="In stock only")
    expect(chip).to_be_visible()
    assert "Glazing handbook" in tab.inner_text("main")  # digital: always in stock
    chip.click()
    tab.wait_for_url(lambda url: "in_stock" not in url)
    expect(tab.locator(".filter-chip")).to_have_count(0)


def test_a_buyer_checks_out_and_cancels_on_a_phone(
    live_server, page_in_browser, browser_problems, shop_window
):
    _store, mug, _ebook = shop_window
    buyer = UserFactory(username="phonebuyer")
    buyer.set_password(PASSWORD)
    buyer.save()
    AddressFactory(user=buyer, city="Nantes")
    tab = page_in_browser
    tab.set_viewport_size(PHONE)

    tab.goto(f"{live_server.url}{mug.url}")
    tab.click("form.add-to-cart button[type=submit]")
    tab.wait_for_url(f"{live_server.url}/cart/")
    _fits_the_screen(tab, "/cart/")
    tab.click("text=Checkout")
    tab.wait_for_url(re.compile(r"/accounts/login/\?next="))
    tab.fill("input[name=login]", "phonebuyer")
    tab.fill("input[name=password]", PASSWORD)
    tab.click("main form button[type=submit]")
    tab.wait_for_url(f"{live_server.url}/checkout/")
    _fits_the_screen(tab, "/checkout/")
    # One message sums up the sign-in; the saved address is chosen, so the
    # new-address form is out of the way until asked for.
    expect(tab.locator("main .alert")).to_have_count(1)
    expect(tab.locator("main .alert")).to_contain_text("Welcome back, phonebuyer")
    expect(tab.locator(".new-address")).to_be_hidden()
    tab.check("input[name=saved_address][value=new]")
    expect(tab.locator(".new-address")).to_be_visible()
    tab.check("input[name=saved_address]:not([value=new])")
    expect(tab.locator(".new-address")).to_be_hidden()
    # The only way to pay comes chosen.
    expect(tab.locator("input[name=payment_method][value=test]")).to_be_checked()
    tab.click("text=Review order")
    tab.wait_for_url(f"{live_server.url}/checkout/review/")
    _fits_the_screen(tab, "/checkout/review/")
    tab.click("text=Place order and pay")
    tab.wait_for_url(re.compile(r"/orders/[0-9A-Z]+/confirmation/$"))
    _fits_the_screen(tab, "confirmation")
    order = Order.objects.get(buyer=buyer)
    assert order.status == "paid"

    tab.goto(f"{live_server.url}/orders/")
    _fits_the_screen(tab, "/orders/")
    tab.click(f".order-card a:has-text('{order.number}')")
    tab.wait_for_url(re.compile(rf"/orders/{order.number}/$"))
    _fits_the_screen(tab, "order")
    tab.click("text=Cancel order")
    tab.wait_for_url(re.compile(r"/cancel/$"))
    _fits_the_screen(tab, "cancel")
    browser_problems.expect_response(400, "/cancel/")
    tab.click("main button[type=submit]")  # no reason given: asked again
    expect(tab.locator("main .invalid-feedback")).to_contain_text("Choose why")
    order.refresh_from_db()
    assert order.status == "paid"
    tab.check("input[name=reason][value=changed_mind]")
    tab.click("main button[type=submit]")
    tab.wait_for_url(re.compile(rf"/orders/{order.number}/$"))
    expect(tab.locator("main .alert")).to_contain_text("is cancelled")
    expect(tab.locator(".order-timeline")).to_contain_text("I changed my mind")
    order.refresh_from_db()
    assert order.status == "refunded"


def _header_height(tab) -> int:
    return tab.evaluate("document.querySelector('.site-header').offsetHeight")


@pytest.mark.parametrize("width", [992, 1200, 1400])
def test_the_desktop_header_keeps_to_one_row(
    live_server, page_in_browser, shop_window, width
):
    """From the lg breakpoint up the header is one row, signed out and signed in
    (a vendor, whose menu is the longest: Dashboard, bell, account)."""
    vendor = VendorFactory(username="a-vendor-with-a-long-name")
    tab = page_in_browser
    tab.set_viewport_size({"width": width, "height": 800})

    tab.goto(f"{live_server.url}/catalogue/")
    expect(tab.locator("[data-user-menu]")).to_contain_text("Log in")
    assert _header_height(tab) <= ONE_ROW, f"signed out at {width}px"

    tab.goto(f"{live_server.url}/accounts/login/")
    tab.fill("input[name=login]", vendor.username)
    tab.fill("input[name=password]", TEST_PASSWORD)
    tab.click("main form button[type=submit]")
    tab.wait_for_url(lambda url: "/accounts/login/" not in url)
    tab.goto(f"{live_server.url}/catalogue/")
    expect(tab.locator("[data-user-menu]")).to_contain_text("Dashboard")
    assert _header_height(tab) <= ONE_ROW, f"signed in at {width}px"
