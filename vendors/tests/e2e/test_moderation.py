"""With vendor approval on, a vendor submits a change for moderation and it goes
live when an admin approves it."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from home.models import SiteSettings
from vendors.models import ProductPage
from vendors.tests.e2e.wagtail_admin import edit_url
from vendors.tests.factories import ProductPageFactory, StorePageFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_vendor_submits_a_change_for_moderation_and_an_admin_approves_it(
    live_server, page_in_browser, log_in_with_cookie, vendor, admin_user
):
    store = StorePageFactory(vendor=vendor, title="Kiln Studio")
    mug = ProductPageFactory(store=store, title="Speckled mug", price=Decimal("18"))
    site_settings = SiteSettings.load()
    site_settings.require_vendor_approval = True
    site_settings.save()
    tab = page_in_browser
    log_in_with_cookie(vendor)

    tab.goto(edit_url(live_server, mug))
    tab.fill("#id_price", "30.00")
    tab.click(".w-dropdown-button [data-w-dropdown-target=toggle]")
    expect(tab.locator("button[name=action-publish]")).to_have_count(0)
    tab.click("button[name=action-submit]")
    expect(tab.locator(".messages .success")).to_be_visible()

    mug = ProductPage.objects.get(pk=mug.pk)
    assert mug.workflow_in_progress
    assert mug.price == Decimal("18.00")

    tab.context.clear_cookies()
    log_in_with_cookie(admin_user)
    tab.goto(edit_url(live_server, mug))
    tab.click(".w-dropdown-button [data-w-dropdown-target=toggle]")
    tab.get_by_role("button", name="Approve and Publish").click()
    expect(tab.locator(".messages .success")).to_be_visible()

    mug = ProductPage.objects.get(pk=mug.pk)
    assert not mug.workflow_in_progress
    assert mug.price == Decimal("30.00")
    tab.goto(f"{live_server.url}{mug.url}")
    expect(tab.locator(".product-price")).to_contain_text("30.00")
