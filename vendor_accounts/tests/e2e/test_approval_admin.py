"""A pending vendor completes their application in the admin; an admin finds it
among the applications, is asked for a reason to reject, and approves it."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.models import User
from accounts.tests.factories import VendorFactory
from home.models import SiteSettings

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Set to a folder to keep screenshots of what the test looked at.
SCREENSHOTS = os.environ.get("E2E_SCREENSHOTS_DIR", "")


@pytest.fixture
def pending_vendor(site):
    settings = SiteSettings.load()
    settings.vendor_accounts_need_approval = True
    settings.save()
    return User.objects.get(pk=VendorFactory(username="potter").pk)


def test_a_pending_vendor_applies_and_an_admin_approves(
    live_server, page_in_browser, log_in_with_cookie, pending_vendor, admin_user
):
    tab = page_in_browser
    log_in_with_cookie(pending_vendor)
    tab.goto(f"{live_server.url}/admin/")
    panel = tab.locator("[data-vendor-status-panel]")
    expect(panel).to_contain_text("awaiting approval")
    panel.get_by_role("link", name="See your application").click()
    tab.get_by_label("Business name").fill("Potter & Co")
    tab.get_by_label("What you sell").fill("Stoneware mugs and bowls")
    tab.get_by_label("Payout details").fill("FR76 3000 6000 0112 3456 7890 189")
    tab.get_by_role("button", name="Save application").click()
    expect(tab.locator(".messages .success")).to_contain_text("application is saved")
    expect(tab.locator("[data-vendor-status]")).to_have_text("Awaiting approval")

    log_in_with_cookie(admin_user)
    tab.goto(f"{live_server.url}/admin/")
    tab.get_by_role("link", name="Vendor applications", exact=True).first.click()
    tab.get_by_role("link", name="Awaiting approval", exact=True).click()
    tab.get_by_role("link", name="potter").click()
    expect(tab.locator("main")).to_contain_text("Stoneware mugs and bowls")
    tab.get_by_role("button", name="Reject").click()
    expect(tab.locator(".messages .error")).to_contain_text("Tell the vendor why")
    if SCREENSHOTS:
        tab.screenshot(
            path=Path(SCREENSHOTS) / "vendor-application.png", full_page=True
        )
    tab.get_by_role("button", name="Approve").click()
    expect(tab.locator(".messages .success")).to_contain_text("approved")
    expect(tab.locator("[data-vendor-status]")).to_have_text("Approved")

    log_in_with_cookie(pending_vendor)
    tab.goto(f"{live_server.url}/admin/vendor-accounts/mine/")
    expect(tab.locator("[data-vendor-status]")).to_have_text("Approved")
