"""The sales reports in a browser: a vendor picks ranges, sees the chart drawn
beside its table and downloads the CSV; an admin sees the marketplace, its
vendors and its health; the dashboards draw the sparkline. The shared
`page_in_browser` fixture fails the test on any console error, failed request
or CSP violation (the charts run from our static files, no inline script)."""

import csv
import io
import os
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import VendorFactory
from analytics.services import counters_flush
from shop.tests.factories import order_for
from vendors.tests.factories import ProductPageFactory, StorePageFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SHOTS = os.environ.get("E2E_SCREENSHOTS_DIR", "")


@pytest.fixture
def shop_with_sales(buyer, vendor, store_index):
    mug = ProductPageFactory(
        store=StorePageFactory(vendor=vendor, title="Kiln Studio"),
        title="Speckled mug",
        price=Decimal("18.00"),
        stock_quantity=100,
    )
    rival = VendorFactory(username="loomhouse")
    scarf = ProductPageFactory(
        store=StorePageFactory(vendor=rival, title="Loom House"),
        title="Wool scarf",
        price=Decimal("45.00"),
        stock_quantity=100,
    )
    order_for(buyer=buyer, items=[(mug, 2), (scarf, 1)])
    order_for(buyer=buyer, items=[(mug, 1)])
    return mug, scarf


def _shot(tab, name, *parts):
    """The page, then each part scrolled into view (the admin scrolls inside)."""
    if not SHOTS:
        return
    tab.screenshot(path=f"{SHOTS}/analytics-{name}.png")
    for number, part in enumerate(parts):
        tab.locator(part).first.screenshot(
            path=f"{SHOTS}/analytics-{name}-{number}.png"
        )


def test_vendor_report_ranges_chart_table_and_csv(
    live_server, page_in_browser, log_in_with_cookie, vendor, shop_with_sales
):
    tab = page_in_browser
    mug, _ = shop_with_sales
    # A visitor views the product page: counted through its session-state fetch.
    tab.goto(f"{live_server.url}{mug.url}")
    tab.wait_for_selector("html[data-session-state=ready]")
    counters_flush()

    log_in_with_cookie(vendor)
    tab.goto(f"{live_server.url}/admin/")
    expect(tab.locator("#sales-sparkline")).to_have_attribute("data-drawn", "true")
    tab.get_by_role("link", name="Open the sales report").click()

    tab.get_by_role("button", name="7 days").click()
    expect(tab.get_by_role("button", name="7 days")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(tab.locator("[data-total=revenue]")).to_have_text("54.00 USD")
    expect(tab.locator("[data-total=orders]")).to_have_text("2")
    expect(tab.locator("#sales-chart")).to_have_attribute("data-drawn", "true")
    expect(tab.get_by_role("table", name="Top products")).to_contain_text(
        "Speckled mug"
    )
    expect(tab.locator("main")).not_to_contain_text("Wool scarf")
    expect(tab.get_by_role("table", name="Totals")).to_contain_text("Product views1")
    _shot(
        tab,
        "vendor-report",
        "figure.analytics-chart",
        "table[aria-label='Top products']",
    )

    tab.get_by_label("by", exact=True).select_option("week")
    tab.get_by_role("button", name="Show", exact=True).click()
    expect(tab.locator("#report-table-heading")).to_have_text("By week")
    rows = tab.locator("#listing-results table tbody tr")
    expect(rows.first).to_be_visible()
    table = [
        [cell.strip() for cell in row.locator("th, td").all_inner_texts()[:3]]
        for row in rows.all()
    ]
    tab.get_by_role("navigation", name="Actions").get_by_role("button").click()
    with tab.expect_download() as download_info:
        tab.get_by_role("link", name="Download CSV").click()
    exported = list(csv.reader(io.StringIO(open(download_info.value.path()).read())))
    assert exported[0][:3] == ["Period", "Revenue", "Orders"]
    assert [row[:3] for row in exported[1:]] == table


def test_admin_report_vendors_and_health(
    live_server, page_in_browser, log_in_with_cookie, admin_user, shop_with_sales
):
    tab = page_in_browser
    log_in_with_cookie(admin_user)
    tab.goto(f"{live_server.url}/admin/")
    expect(tab.locator("#sales-sparkline")).to_have_attribute("data-drawn", "true")
    _shot(tab, "admin-dashboard", "section[aria-labelledby=sales-trend-heading]")

    tab.goto(f"{live_server.url}/admin/analytics/marketplace/")
    tab.get_by_role("button", name="90 days").click()
    expect(tab.locator("[data-total=revenue]")).to_have_text("99.00 USD")
    expect(tab.locator("[data-total=orders]")).to_have_text("2")
    expect(tab.locator("#sales-chart")).to_have_attribute("data-drawn", "true")
    by_vendor = tab.get_by_role("table", name="Sales by vendor")
    expect(by_vendor.locator("tbody tr")).to_have_count(2)
    expect(by_vendor).to_contain_text("loomhouse")
    expect(tab.get_by_role("table", name="Marketplace health")).to_contain_text(
        "Failed tasks"
    )
    tab.get_by_label("From", exact=True).fill("2020-01-01")
    tab.get_by_role("button", name="Show", exact=True).click()
    expect(tab.get_by_role("alert")).to_contain_text("A range is at most 366 days.")
    _shot(
        tab,
        "admin-report",
        "figure.analytics-chart",
        "table[aria-label='Marketplace health']",
        "table[aria-label='Sales by vendor']",
    )
