"""A marketplace admin who is a member of the group (not a superuser) hands a
store to another vendor in the admin; the new vendor then finds it theirs."""

import pytest
from playwright.sync_api import expect

from accounts.services import user_marketplace_admin_set
from accounts.tests.factories import UserFactory, VendorFactory
from vendors.models import StorePage
from vendors.tests.e2e.wagtail_admin import edit_url, publish
from vendors.tests.factories import StorePageFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_group_admin_hands_a_store_over(
    live_server, page_in_browser, log_in_with_cookie, vendor
):
    store = StorePageFactory(vendor=vendor, title="Kiln Studio")
    bramble = VendorFactory(username="bramble")
    admin = user_marketplace_admin_set(user=UserFactory(), is_admin=True)
    tab = page_in_browser
    log_in_with_cookie(admin)

    tab.goto(edit_url(live_server, store))
    vendor_field = tab.locator("select[name=vendor]")
    expect(vendor_field).to_be_visible()
    vendor_field.select_option(str(bramble.pk))
    publish(tab)

    assert StorePage.objects.get(pk=store.pk).vendor == bramble
    tab.context.clear_cookies()
    log_in_with_cookie(bramble)
    tab.goto(edit_url(live_server, store))
    expect(tab.locator("h1")).to_contain_text("Kiln Studio")
    expect(tab.locator("select[name=vendor]")).to_have_count(0)
