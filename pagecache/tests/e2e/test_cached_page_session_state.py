"""A page served from the cache shows a signed-in buyer their own name, cart
count and review form after one request to /session-state/, and its add-to-cart
form works with the token filled in by static/js/session.js. The shared
`page_in_browser` fixture fails the test on any console error, failed request or
CSP violation."""

import urllib.request

import pytest

from vendors.tests.factories import ProductPageFactory, StorePageFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_cached_product_page_shows_the_buyers_name_cart_and_review_form(
    live_server, page_in_browser, log_in_through_form, buyer
):
    store = StorePageFactory(title="Kiln Studio")
    product = ProductPageFactory(store=store, title="Speckled mug")
    url = f"{live_server.url}{product.url}"
    # An anonymous visitor puts the page in the cache.
    with urllib.request.urlopen(url) as response:  # noqa: S310 (the live server)
        assert response.headers["X-Cache"] == "MISS"
    tab = page_in_browser
    log_in_through_form(buyer, next_url="/")

    served = tab.goto(url)
    tab.wait_for_selector("html[data-session-state=ready]")
    menu = tab.inner_text("[data-user-menu]")
    review_form_shown = tab.is_visible("[data-review-form] textarea[name=comment]")
    tab.fill("#add-to-cart-quantity", "2")
    tab.click("form.add-to-cart button[type=submit]")
    tab.wait_for_url(f"{live_server.url}/cart/")
    again = tab.goto(url)
    tab.wait_for_selector("html[data-session-state=ready]")

    assert (served.headers["x-cache"], again.headers["x-cache"]) == ("HIT", "HIT")
    assert buyer.username in menu
    assert review_form_shown
    assert tab.inner_text("[data-cart-count]").split()[0] == "2"
    assert buyer.username in tab.inner_text("[data-user-menu]")


def test_an_anonymous_visitor_sees_log_in_and_no_review_form(
    live_server, page_in_browser
):
    product = ProductPageFactory(
        store=StorePageFactory(title="Kiln Studio"), title="Speckled mug"
    )
    tab = page_in_browser

    tab.goto(f"{live_server.url}{product.url}")
    tab.wait_for_selector("html[data-session-state=ready]")

    assert "Log in" in tab.inner_text("[data-user-menu]")
    assert tab.is_hidden("[data-cart-count]") is False
    assert tab.inner_text("[data-cart-count]").split()[0] == "0"
    assert "Sign in" in tab.inner_text("[data-review-form]")
