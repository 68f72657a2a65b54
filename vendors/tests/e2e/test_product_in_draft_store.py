"""A product published in a draft store is marked as not on the site yet, and is
announced once the store goes live."""

import pytest

from announcements.models import Announcement
from vendors.models import ProductPage
from vendors.tests.factories import StorePageFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _publish(tab):
    tab.click(".w-dropdown-button [data-w-dropdown-target=toggle]")
    tab.click("button[name=action-publish]")


def test_vendor_is_told_a_product_waits_for_its_draft_store(
    live_server, page_in_browser, log_in_with_cookie, vendor, store_index
):
    store = StorePageFactory(vendor=vendor, title="Kiln Studio", publish=False)
    log_in_with_cookie(vendor)
    tab = page_in_browser

    tab.goto(f"{live_server.url}/admin/pages/add/vendors/productpage/{store.pk}/")
    assert "until the store “Kiln Studio” is published" in tab.inner_text(
        "[data-store-hidden]"
    )
    tab.fill("#id_title", "Glazed bowl")
    tab.fill("input[name=price]", "19.50")
    tab.fill("input[name=initial_stock]", "3")
    _publish(tab)
    tab.wait_for_selector(".messages .warning")

    assert (
        "“Glazed bowl” is published, but not visible until the store “Kiln Studio” "
        "is published." in tab.inner_text(".messages .warning")
    )
    product = ProductPage.objects.get(title="Glazed bowl")
    assert product.live is True
    assert not Announcement.objects.filter(page=product).exists()

    tab.goto(f"{live_server.url}/admin/pages/{product.pk}/edit/")
    hidden = tab.locator("[data-store-hidden]")
    assert "Published, but not visible until" in hidden.inner_text()
    hidden.get_by_role("link", name="Go to the store").click()
    tab.wait_for_url(f"**/admin/pages/{store.pk}/edit/")
    _publish(tab)
    tab.wait_for_selector(".messages .success")

    assert Announcement.objects.filter(page=product).count() == 1
    tab.goto(f"{live_server.url}/admin/pages/{product.pk}/edit/")
    assert tab.locator("[data-store-hidden]").count() == 0
