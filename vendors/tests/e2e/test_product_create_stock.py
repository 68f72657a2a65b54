"""A vendor sets the stock of a new product on the create form itself."""

import pytest

from shop.models import Stock
from vendors.models import ProductPage
from vendors.tests.factories import StorePageFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_vendor_creates_a_product_with_its_stock_and_sees_it_read_only_after(
    live_server, page_in_browser, log_in_with_cookie, vendor
):
    store = StorePageFactory(vendor=vendor, title="Kiln Studio")
    log_in_with_cookie(vendor)
    tab = page_in_browser

    tab.goto(f"{live_server.url}/admin/pages/add/vendors/productpage/{store.pk}/")
    tab.fill("#id_title", "Glazed bowl")
    tab.fill("input[name=price]", "19.50")
    tab.fill("input[name=initial_stock]", "12")
    tab.click(".w-dropdown-button [data-w-dropdown-target=toggle]")
    tab.click("button[name=action-publish]")
    tab.wait_for_selector(".messages .success")

    product = ProductPage.objects.get(title="Glazed bowl")
    assert product.live is True
    assert Stock.objects.get(product=product).quantity == 12
    tab.goto(f"{live_server.url}/admin/pages/{product.pk}/edit/")
    assert tab.locator("input[name=initial_stock]").count() == 0
    stock_help = tab.locator(".help-block", has_text="in stock")
    assert "12 in stock" in stock_help.inner_text()
    stock_help.get_by_role("link", name="Change stock").click()
    tab.wait_for_url(f"**/admin/vendors/products/{product.pk}/stock/")
    assert tab.input_value("input[name=quantity]") == "12"
