"""No price, quantity or total can overflow the DECIMAL(12, 2) money columns, and
money output never raises, even for rows stored before the limits existed."""

from decimal import Decimal

import pytest

from api.tests.conftest import bearer
from shop.models import Order
from shop.services.cart import cart_add_item, cart_for
from vendors.models import ProductPage

PRODUCTS = "/api/products/"


@pytest.fixture
def vendor_api(api_client, vendor):
    api_client.credentials(HTTP_AUTHORIZATION=bearer(vendor))
    return api_client


@pytest.mark.parametrize("price", ["1000000.01", "9999999999.99", "123456789012"])
def test_a_price_over_the_maximum_is_a_400(vendor_api, product, price):
    create = vendor_api.post(
        PRODUCTS,
        {"store": product.store_id, "name": "Gold mug", "price": price},
        format="json",
    )
    update = vendor_api.patch(
        f"{PRODUCTS}{product.pk}/", {"price": price}, format="json"
    )

    assert (create.status_code, update.status_code) == (400, 400)
    assert "price" in create.json()
    assert "price" in update.json()
    assert ProductPage.objects.get().price == product.price


def test_the_maximum_price_is_accepted(vendor_api, product):
    response = vendor_api.patch(
        f"{PRODUCTS}{product.pk}/", {"price": "1000000.00"}, format="json"
    )

    assert response.status_code == 200
    assert ProductPage.objects.get(pk=product.pk).price == Decimal("1000000.00")


def test_a_page_with_a_price_over_the_maximum_does_not_validate(product):
    product.price = Decimal("1000000.01")

    with pytest.raises(Exception, match="1000000"):
        product.full_clean()


@pytest.mark.parametrize("title", ["Mug\r\nBcc: x@example.com", "Mug\x00"])
def test_a_product_name_with_control_characters_is_a_400(vendor_api, product, title):
    response = vendor_api.patch(
        f"{PRODUCTS}{product.pk}/", {"name": title}, format="json"
    )

    assert response.status_code == 400
    assert "name" in response.json()
    assert ProductPage.objects.get(pk=product.pk).title == product.title


def test_a_cart_holding_an_old_overflowing_price_shows_and_refuses_checkout(
    api_client, buyer, product
):
    ProductPage.objects.filter(pk=product.pk).update(digital=True)
    cart_add_item(
        cart=cart_for(user=buyer, session={}), product_id=product.pk, quantity=99
    )
    # A row saved before the limit existed: 12 integer digits.
    ProductPage.objects.filter(pk=product.pk).update(price=Decimal("9999999999.99"))
    api_client.credentials(HTTP_AUTHORIZATION=bearer(buyer))

    cart = api_client.get("/api/cart/")
    checkout = api_client.post(
        "/api/orders/",
        {"payment_method": "test", "shipping_address": None},
        format="json",
    )

    assert cart.status_code == 200
    assert cart.json()["total"] == "989999999999.01"
    assert checkout.status_code == 400
    assert Order.objects.count() == 0
