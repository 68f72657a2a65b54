"""An admin finds a vendor on the Vendors screen and opens their store."""

import pytest

from accounts.tests.factories import VendorFactory
from vendors.tests.factories import StorePageFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_admin_searches_the_vendors_and_opens_a_store(
    live_server, page_in_browser, log_in_with_cookie, admin_user, store_index
):
    for n in range(27):
        VendorFactory(username=f"maker{n:02d}")
    vendor = VendorFactory(username="potter", first_name="Pia", last_name="Olsen")
    store = StorePageFactory(vendor=vendor, title="Kiln Studio")
    StorePageFactory(vendor=vendor, title="Back Room", publish=False)
    tab = page_in_browser
    log_in_with_cookie(admin_user)
    tab.goto(f"{live_server.url}/admin/")

    tab.get_by_role("link", name="Vendors", exact=True).click()
    first_page = tab.inner_text("main")
    tab.get_by_role("link", name="Next").click()
    second_page = tab.inner_text("main")
    tab.get_by_label("Search by name, username, e-mail or store").fill("kiln")
    tab.locator("main").get_by_role("button", name="Search").click()
    tab.wait_for_url("**/admin/vendors/?q=kiln")
    found = tab.inner_text("tbody")
    tab.get_by_role("link", name="Kiln Studio").click()
    tab.wait_for_url(f"**/admin/pages/{store.pk}/edit/")

    assert "28 vendors" in first_page and "Page 1 of 2" in first_page
    assert "Page 2 of 2" in second_page
    assert "Pia Olsen" in found and "maker" not in found
    assert "Back Room" in found and "DRAFT" in found.upper()
