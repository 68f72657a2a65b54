"""A catalogue page past the pages served is a 404 that says why and leads on:
its links keep the visitor's filters. The `page_in_browser` fixture fails the
test on any console error, failed request or CSP violation."""

from decimal import Decimal

import pytest

from vendors import views
from vendors.tests.factories import ProductPageFactory, StorePageFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_page_past_the_cap_leads_back_to_the_list(
    live_server, page_in_browser, browser_problems, monkeypatch
):
    monkeypatch.setattr(views, "CATALOGUE_PER_PAGE", 2)
    monkeypatch.setattr(views, "CATALOGUE_MAX_PAGES", 1)
    store = StorePageFactory(title="Kiln Studio")
    for number, price in enumerate(("30.00", "10.00", "20.00")):
        ProductPageFactory(store=store, title=f"Mug {number}", price=Decimal(price))
    browser_problems.expect_response(404, "/catalogue/?ordering=price&page=2")
    tab = page_in_browser

    missing = tab.goto(f"{live_server.url}/catalogue/?ordering=price&page=2")
    heading = tab.inner_text("h1")
    why = tab.inner_text("[data-catalogue-capped]")
    tab.click("[data-first-page]")
    tab.wait_for_url(f"{live_server.url}/catalogue/?ordering=price")
    first_titles = tab.locator(".product-card .card-title").all_inner_texts()
    tab.go_back()
    tab.click("[data-last-page]")
    tab.wait_for_url(f"{live_server.url}/catalogue/?ordering=price&page=1")

    assert missing.status == 404
    assert heading == "There is no page 2"
    assert "first 1 page (2 products)" in why
    assert first_titles == ["Mug 1", "Mug 2"]
    assert tab.locator(".product-card").count() == 2
