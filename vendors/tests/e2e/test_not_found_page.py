"""The not-found page in Chromium: not for search engines, no canonical address
echoing what was asked for, and its search box leads on. The `page_in_browser`
fixture fails the test on any console error, failed request or CSP violation."""

import pytest

from vendors.tests.factories import ProductPageFactory, StorePageFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_not_found_page_searches_and_names_no_canonical_address(
    live_server, page_in_browser, browser_problems
):
    ProductPageFactory(store=StorePageFactory(title="Kiln Studio"), title="Blue mug")
    browser_problems.expect_response(404, "/no-such-page/")
    tab = page_in_browser

    missing = tab.goto(f"{live_server.url}/no-such-page/")
    robots = tab.get_attribute('meta[name="robots"]', "content")
    canonicals = tab.locator('link[rel="canonical"]').count()
    tab.fill("#not-found-q", "mug")
    tab.press("#not-found-q", "Enter")
    tab.wait_for_url(f"{live_server.url}/search/?q=mug")

    assert missing.status == 404
    assert robots == "noindex"
    assert canonicals == 0
    assert "Blue mug" in tab.inner_text("main")
