from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shop.models import CartItem
from vendors.tests.factories import ProductPageFactory

CART = "/api/cart/"
ITEMS = "/api/cart/items/"


@pytest.fixture
def mug(store):
    return ProductPageFactory(
        store=store, title="Mug", price=Decimal("12.50"), stock_quantity=5
    )


@pytest.fixture
def ebook(store):
    return ProductPageFactory(
        store=store,
        title="E-book",
        price=Decimal("7.99"),
        digital=True,
        stock_quantity=0,
    )


def test_an_empty_cart(api_client, db):
    response = api_client.get(CART)

    assert response.status_code == 200
    assert response.json() == {
        "items": [],
        "total": "0.00",
        "item_count": 0,
        "removed": [],
    }


def test_a_signed_in_user_fills_their_database_cart(client_as, buyer, mug, ebook):
    api = client_as(buyer)

    created = api.post(ITEMS, {"product": mug.pk, "quantity": 2})
    merged = api.post(ITEMS, {"product": mug.pk})
    api.post(ITEMS, {"product": ebook.pk, "quantity": 3})
    cart = api.get(CART).json()

    assert created.status_code == 201
    assert created.json() == {
        "id": mug.pk,
        "product": mug.pk,
        "product_name": "Mug",
        "store": mug.store_id,
        "quantity": 2,
        "unit_price": "12.50",
        "line_total": "25.00",
        "available": 5,
    }
    assert merged.status_code == 200
    assert merged.json()["quantity"] == 3
    assert [(row["id"], row["quantity"]) for row in cart["items"]] == [
        (mug.pk, 3),
        (ebook.pk, 3),
    ]
    assert (cart["total"], cart["item_count"]) == ("61.47", 6)
    assert dict(
        CartItem.objects.filter(cart__user=buyer).values_list("product", "quantity")
    ) == {mug.pk: 3, ebook.pk: 3}


def test_an_anonymous_client_has_a_session_cart(api_client, mug):
    api_client.post(ITEMS, {"product": mug.pk, "quantity": 2})

    cart = api_client.get(CART).json()

    assert [(row["id"], row["quantity"]) for row in cart["items"]] == [(mug.pk, 2)]
    assert not CartItem.objects.exists()


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"quantity": 6}, 409),
        ({"quantity": 0}, 400),
        ({"quantity": -1}, 400),
        ({"quantity": "two"}, 400),
        ({"quantity": 10**20}, 400),
        ({"product": 999999}, 400),
        ({"product": 10**30}, 400),
        ({"product": "mug"}, 400),
        ({"product": None}, 400),
    ],
)
def test_adding_refuses_bad_quantities_and_products(
    client_as, buyer, mug, payload, code
):
    response = client_as(buyer).post(ITEMS, {"product": mug.pk, **payload})

    assert response.status_code == code
    assert not CartItem.objects.exists()


def test_adding_more_than_the_stock_in_total_is_a_conflict(client_as, buyer, mug):
    api = client_as(buyer)
    api.post(ITEMS, {"product": mug.pk, "quantity": 4})

    response = api.post(ITEMS, {"product": mug.pk, "quantity": 2})

    assert response.status_code == 409
    assert "detail" in response.json()
    assert CartItem.objects.get().quantity == 4


def test_a_line_quantity_is_changed_and_checked(client_as, buyer, mug):
    api = client_as(buyer)
    api.post(ITEMS, {"product": mug.pk, "quantity": 1})

    changed = api.patch(f"{ITEMS}{mug.pk}/", {"quantity": 4})
    too_many = api.patch(f"{ITEMS}{mug.pk}/", {"quantity": 6})
    zero = api.patch(f"{ITEMS}{mug.pk}/", {"quantity": 0})
    missing = api.patch(f"{ITEMS}{mug.pk}/", {})

    assert (changed.status_code, changed.json()["quantity"]) == (200, 4)
    assert (too_many.status_code, zero.status_code, missing.status_code) == (
        409,
        400,
        400,
    )
    assert CartItem.objects.get().quantity == 4


def test_a_line_is_removed(client_as, buyer, mug):
    api = client_as(buyer)
    api.post(ITEMS, {"product": mug.pk})

    response = api.delete(f"{ITEMS}{mug.pk}/")

    assert response.status_code == 204
    assert not CartItem.objects.exists()


@pytest.mark.parametrize("item", ["{other}", "999999", "abc", str(10**30)])
def test_lines_not_in_your_cart_are_404(client_as, buyer, mug, ebook, item):
    api = client_as(buyer)
    api.post(ITEMS, {"product": mug.pk})
    url = f"{ITEMS}{item.format(other=ebook.pk)}/"

    assert api.patch(url, {"quantity": 1}).status_code == 404
    assert api.delete(url).status_code == 404
    assert CartItem.objects.get().quantity == 1


def test_cart_queries_do_not_grow_with_its_lines(client_as, buyer, store):
    api = client_as(buyer)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert api.get(CART).status_code == 200
        return len(queries)

    products = [ProductPageFactory(store=store) for _ in range(10)]
    for product in products[:2]:
        api.post(ITEMS, {"product": product.pk})
    two = count()
    for product in products[2:]:
        api.post(ITEMS, {"product": product.pk})

    assert count() == two
