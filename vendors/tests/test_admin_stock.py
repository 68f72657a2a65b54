import pytest
from django.urls import reverse

from accounts.tests.factories import VendorFactory
from shop.models import Stock
from vendors.tests.factories import ProductPageFactory, StorePageFactory


def _url(product):
    return reverse("vendors_admin:product_stock", args=[product.pk])


@pytest.mark.django_db
def test_vendor_sets_the_stock_of_their_product(vendor_client, product):
    response = vendor_client.post(_url(product), {"quantity": "42"})

    assert response.status_code == 302
    assert Stock.objects.get(product=product).quantity == 42


@pytest.mark.django_db
@pytest.mark.parametrize("quantity", ["-1", "lots", "", "1.5", "99999999999"])
def test_stock_form_refuses_bad_figures_and_changes_nothing(
    vendor_client, product, quantity
):
    response = vendor_client.post(_url(product), {"quantity": quantity})

    assert response.status_code == 200
    assert Stock.objects.get(product=product).quantity == 10


@pytest.mark.django_db
def test_vendor_gets_404_on_another_vendors_stock(vendor_client, store_index):
    other_product = ProductPageFactory(
        store=StorePageFactory(vendor=VendorFactory()), stock_quantity=3
    )

    get_response = vendor_client.get(_url(other_product))
    post_response = vendor_client.post(_url(other_product), {"quantity": "0"})

    assert get_response.status_code == 404
    assert post_response.status_code == 404
    assert Stock.objects.get(product=other_product).quantity == 3


@pytest.mark.django_db
def test_the_product_editor_shows_stock_read_only_with_a_link(vendor_client, product):
    response = vendor_client.get(reverse("wagtailadmin_pages:edit", args=[product.pk]))

    content = response.content.decode()
    assert "<strong>10</strong> in stock" in content
    assert _url(product) in content
    assert 'name="stock_quantity"' not in content
