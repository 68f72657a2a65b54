"""A page served from the cache shows a signed-in buyer their own name, cart
count and review form after one request to /session-state/, and its add-to-cart
form works with the token filled in by static/js/session.js."""

import urllib.request

import pytest

from accounts.tests.factories import TEST_PASSWORD
from vendors.tests.factories import ProductPageFactory, StorePageFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _problems_collect(tab) -> list[str]:
    problems = []
    tab.on(
        "console",
        lambda message: (
            message.type == "error" and problems.append(f"console: {message.text}")
        ),
    )
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on(
        "requestfailed",
        lambda request: problems.append(f"failed: {request.url}"),
    )
    tab.on(
        "response",
        lambda response: (
            response.status >= 400
            and problems.append(f"{response.status}: {response.url}")
        ),
    )
    return problems


def test_a_cached_product_page_shows_the_buyers_name_and_cart(
    live_server, page_in_browser, buyer
):
    store = StorePageFactory(title="Kiln Studio")
    product = ProductPageFactory(store=store, title="Speckled mug")
    url = f"{live_server.url}{product.url}"
    # An anonymous visitor puts the page in the cache.
    with urllib.request.urlopen(url) as response:  # noqa: S310 (the live server)
        assert response.headers["X-Cache"] == "MISS"
    tab = page_in_browser
    problems = _problems_collect(tab)
    tab.goto(f"{live_server.url}/accounts/login/")
    tab.fill("input[name=login]", buyer.username)
    tab.fill("input[name=password]", TEST_PASSWORD)
    tab.click("main form button[type=submit]")
    tab.wait_for_url(f"{live_server.url}/")

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
    assert problems == []
