"""A vendor requests a payout in the admin, an admin marks it paid, and the
vendor's balance and statement show it."""

import os
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from shop.services.orders import order_part_advance
from shop.tests.factories import order_for
from vendors.tests.factories import ProductPageFactory, StorePageFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Set to a folder to keep screenshots of what the test looked at.
SCREENSHOTS = os.environ.get("E2E_SCREENSHOTS_DIR", "")


@pytest.fixture
def delivered_sale(vendor, store_index):
    """2 × 18.00 delivered: 32.40 available at the default 10% commission."""
    mug = ProductPageFactory(
        store=StorePageFactory(vendor=vendor, title="Kiln Studio"),
        title="Speckled mug",
        price=Decimal("18.00"),
    )
    order = order_for(buyer=UserFactory(), items=[(mug, 2)])
    part = order.parts.get()
    for status in ("processing", "shipped", "delivered"):
        order_part_advance(part=part, to_status=status, actor=vendor)
    return order


def test_vendor_requests_a_payout_and_an_admin_pays_it(
    live_server,
    page_in_browser,
    log_in_with_cookie,
    vendor,
    admin_user,
    delivered_sale,
):
    tab = page_in_browser
    log_in_with_cookie(vendor)
    tab.goto(f"{live_server.url}/admin/")
    tab.get_by_role("link", name="Earnings", exact=True).first.click()
    expect(tab.locator("[data-available]")).to_have_text("$32.40")
    expect(tab.locator("[data-ledger]")).to_contain_text(delivered_sale.number)

    tab.get_by_label("Amount").fill("40.00")
    tab.get_by_role("button", name="Request payout").click()
    expect(tab.locator("main")).to_contain_text("You can request up to 32.40")
    tab.get_by_label("Amount").fill("30.00")
    tab.get_by_role("button", name="Request payout").click()
    expect(tab.locator(".messages .success")).to_contain_text("Payout of 30.00")
    expect(tab.locator("[data-payouts]")).to_contain_text("Requested")
    if SCREENSHOTS:
        tab.screenshot(
            path=Path(SCREENSHOTS) / "earnings-requested.png", full_page=True
        )

    log_in_with_cookie(admin_user)
    tab.goto(f"{live_server.url}/admin/")
    tab.get_by_role("link", name="Payouts", exact=True).first.click()
    tab.get_by_role("link", name="#").first.click()
    expect(tab.locator("[data-amount]")).to_have_text("$30.00")
    tab.get_by_label("Transfer reference").fill("SEPA-2026-0042")
    tab.get_by_role("button", name="Mark as paid").click()
    expect(tab.locator(".messages .success")).to_contain_text("marked paid")

    log_in_with_cookie(vendor)
    tab.goto(f"{live_server.url}/admin/money/earnings/")
    expect(tab.locator("[data-available]")).to_have_text("$2.40")
    expect(tab.locator("[data-paid-out]")).to_have_text("$30.00")
    expect(tab.locator("[data-payouts]")).to_contain_text("SEPA-2026-0042")
    month = timezone.localdate().strftime("%B %Y")
    tab.get_by_role("link", name=month).click()
    statement = tab.locator("[data-statement]")
    expect(statement).to_contain_text("SEPA-2026-0042")
    expect(statement).to_contain_text("−$30.00")
    expect(tab.locator("[data-closing]")).to_have_text("$2.40")
    if SCREENSHOTS:
        tab.screenshot(path=Path(SCREENSHOTS) / "statement.png", full_page=True)
