"""A vendor changes a price in the Wagtail admin and the shop shows it."""

from decimal import Decimal

import pytest

from accounts.tests.factories import TEST_PASSWORD
from vendors.models import ProductPage
from vendors.tests.factories import ProductPageFactory, StorePageFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_vendor_edits_a_price_in_the_admin_and_the_product_page_shows_it(
    live_server, page_in_browser, vendor
):
    store = StorePageFactory(vendor=vendor, title="Kiln Studio")
    product = ProductPageFactory(
        store=store, title="Speckled mug", price=Decimal("18.00")
    )
    tab = page_in_browser

    tab.goto(f"{live_server.url}/accounts/login/?next=/admin/")
    tab.fill("input[name=login]", vendor.username)
    tab.fill("input[name=password]", TEST_PASSWORD)
    tab.click("main form button[type=submit]")
    tab.wait_for_url(f"{live_server.url}/admin/")

    tab.goto(f"{live_server.url}/admin/pages/{product.pk}/edit/")
    tab.fill("input[name=price]", "23.45")
    tab.click(".w-dropdown-button [data-w-dropdown-target=toggle]")
    tab.click("button[name=action-publish]")
    tab.wait_for_selector(".messages .success")

    tab.goto(f"{live_server.url}{product.url}")
    assert "23.45" in tab.inner_text("main")
    assert ProductPage.objects.get(pk=product.pk).price == Decimal("23.45")
