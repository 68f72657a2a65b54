"""The search results page and the search reports, used as people use them:
a buyer narrows results with a facet and follows "Did you mean"; an admin goes
from a search that found nothing to its promotion; a vendor opens their report."""

import pytest
from playwright.sync_api import expect

from searches.services import search_counted
from vendors.tests.factories import ProductPageFactory, StorePageFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_buyer_narrows_results_and_follows_did_you_mean(live_server, page_in_browser):
    store = StorePageFactory(title="Kiln Studio")
    ProductPageFactory(store=store, title="Coffee mug", price="8.00")
    ProductPageFactory(store=store, title="Coffee beans", price="14.50")
    tab = page_in_browser
    tab.goto(f"{live_server.url}/search/?q=coffee")

    facets = tab.get_by_role("complementary", name="Narrow the results")
    facets.get_by_role("link", name="Under $10.00").click()
    tab.wait_for_url("**/search/?*max_price=9.99*")
    narrowed = tab.locator(".product-card").all_inner_texts()
    tab.goto(f"{live_server.url}/search/?q=cofee")
    tab.get_by_role("link", name="coffee", exact=True).click()
    tab.wait_for_url(f"{live_server.url}/search/?q=coffee")

    assert len(narrowed) == 1 and "Coffee mug" in narrowed[0]
    expect(tab.locator(".product-card")).to_have_count(2)


def test_an_admin_goes_from_a_missed_search_to_promoting_something(
    live_server, page_in_browser, log_in_with_cookie, admin_user, store
):
    ProductPageFactory(store=store, title="Travel cup")
    search_counted(query="zebra mug")
    tab = page_in_browser
    tab.goto(f"{live_server.url}/search/?q=zebra+mug")  # finds nothing: recorded
    log_in_with_cookie(admin_user)
    tab.goto(f"{live_server.url}/admin/")

    tab.get_by_role("button", name="Reports").click()
    tab.get_by_role("link", name="Search terms and misses").click()
    missed = tab.locator("[data-report=zero]").inner_text()
    tab.get_by_role("link", name="Promote something for “zebra mug”").first.click()
    tab.wait_for_url("**/admin/searchpicks/*/")

    assert "zebra mug" in missed
    expect(tab.locator("input[name=query_string]")).to_have_value("zebra mug")


def test_a_vendor_opens_the_searches_that_found_their_products(
    live_server, page_in_browser, log_in_with_cookie, vendor, store
):
    ProductPageFactory(store=store, title="Speckled mug")
    tab = page_in_browser
    tab.goto(f"{live_server.url}/search/?q=speckled")
    search_counted(query="speckled")
    log_in_with_cookie(vendor)
    tab.goto(f"{live_server.url}/admin/")

    tab.get_by_role("link", name="Searches").click()
    tab.wait_for_url("**/admin/search-report/mine/")

    expect(tab.locator("[data-report=vendor]")).to_contain_text("speckled")
