from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import AdminFactory, UserFactory
from api.tests.conftest import bearer
from shop.models import Order, OrderStatus, Stock
from shop.tests.factories import ADDRESS, order_for
from vendors.tests.factories import ProductPageFactory, StorePageFactory

ORDERS = "/api/orders/"
VENDOR_ORDERS = "/api/vendor/orders/"


@pytest.fixture
def mug(store):
    return ProductPageFactory(
        store=store, title="Mug", price=Decimal("12.50"), stock_quantity=5
    )


@pytest.fixture
def beans(other_vendor):
    return ProductPageFactory(
        store=StorePageFactory(vendor=other_vendor, title="Bean Roasters"),
        title="Beans",
        price=Decimal("14.50"),
        stock_quantity=3,
    )


@pytest.fixture
def ebook(store):
    return ProductPageFactory(
        store=store, title="E-book", price=Decimal("7.99"), digital=True
    )


def _fill_cart(api, *items):
    for product, quantity in items:
        response = api.post(
            "/api/cart/items/", {"product": product.pk, "quantity": quantity}
        )
        assert response.status_code == 201


def test_checkout_places_a_paid_order_and_takes_the_stock(client_as, buyer, mug, beans):
    api = client_as(buyer)
    _fill_cart(api, (mug, 2), (beans, 1))

    response = api.post(ORDERS, {"shipping_address": ADDRESS, "payment_method": "test"})

    assert response.status_code == 201
    body = response.json()
    order = Order.objects.get()
    assert (body["id"], body["number"], body["status"]) == (
        order.pk,
        order.number,
        "paid",
    )
    assert body["total"] == "39.50"
    assert body["payment"] == {
        "method": "test",
        "status": "captured",
        "approve_url": None,
    }
    assert body["shipping_address"] == ADDRESS
    assert sorted(
        (
            item["product_name"],
            item["store"],
            item["quantity"],
            item["unit_price"],
            item["line_total"],
        )
        for item in body["items"]
    ) == [
        ("Beans", beans.store_id, 1, "14.50", "14.50"),
        ("Mug", mug.store_id, 2, "12.50", "25.00"),
    ]
    assert Stock.objects.get(product=mug).quantity == 3
    assert Stock.objects.get(product=beans).quantity == 2
    assert api.get("/api/cart/").json()["items"] == []


def test_a_digital_order_needs_no_address(client_as, buyer, ebook):
    api = client_as(buyer)
    _fill_cart(api, (ebook, 1))

    response = api.post(ORDERS, {"payment_method": "test"})

    assert response.status_code == 201
    assert response.json()["shipping_address"] is None


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"payment_method": "test"}, "shipping_address"),
        ({"payment_method": "cash", "shipping_address": ADDRESS}, "payment_method"),
        (
            {"payment_method": "test", "shipping_address": {**ADDRESS, "city": ""}},
            "shipping_address",
        ),
        ({"payment_method": "test", "shipping_address": "Lyon"}, "shipping_address"),
    ],
)
def test_checkout_refuses_bad_input_and_takes_nothing(
    client_as, buyer, mug, payload, field
):
    api = client_as(buyer)
    _fill_cart(api, (mug, 2))

    response = api.post(ORDERS, payload)

    assert response.status_code == 400
    assert field in response.json()
    assert not Order.objects.exists()
    assert Stock.objects.get(product=mug).quantity == 5


def test_checkout_of_an_empty_cart_is_400(client_as, buyer, db):
    response = client_as(buyer).post(
        ORDERS, {"shipping_address": ADDRESS, "payment_method": "test"}
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "Your cart is empty."}


def test_checkout_with_too_little_stock_is_409_and_takes_nothing(
    client_as, buyer, mug, beans
):
    api = client_as(buyer)
    _fill_cart(api, (mug, 2), (beans, 3))
    Stock.objects.filter(product=beans).update(quantity=1)

    response = api.post(ORDERS, {"shipping_address": ADDRESS, "payment_method": "test"})

    assert response.status_code == 409
    assert not Order.objects.exists()
    assert Stock.objects.get(product=mug).quantity == 5
    assert Stock.objects.get(product=beans).quantity == 1


def test_checkout_needs_a_signed_in_user(api_client, mug):
    _fill_cart(api_client, (mug, 1))

    response = api_client.post(
        ORDERS, {"shipping_address": ADDRESS, "payment_method": "test"}
    )

    assert response.status_code == 401


def test_orders_are_listed_and_shown_to_their_buyer_only(client_as, buyer, mug):
    order = order_for(buyer=buyer, items=[(mug, 1)])
    someone = UserFactory()

    listing = client_as(buyer).get(ORDERS).json()
    mine = client_as(buyer).get(f"{ORDERS}{order.pk}/")
    theirs = client_as(someone).get(f"{ORDERS}{order.pk}/")

    assert [row["number"] for row in listing["results"]] == [order.number]
    assert mine.status_code == 200
    assert theirs.status_code == 404
    assert client_as(someone).get(ORDERS).json()["count"] == 0


def test_a_buyer_cancels_an_unshipped_order_and_the_stock_comes_back(
    client_as, buyer, mug
):
    order = order_for(buyer=buyer, items=[(mug, 2)])

    response = client_as(buyer).post(f"{ORDERS}{order.pk}/cancel/")

    assert response.status_code == 200
    assert response.json()["status"] == "refunded"
    assert Stock.objects.get(product=mug).quantity == 5


def test_a_shipped_order_cannot_be_cancelled(client_as, buyer, vendor, mug):
    order = order_for(buyer=buyer, items=[(mug, 2)])
    part = order.parts.get()
    api = client_as(vendor)
    for status in ["processing", "shipped"]:
        api.patch(f"{VENDOR_ORDERS}{part.pk}/", {"status": status})

    response = client_as(buyer).post(f"{ORDERS}{order.pk}/cancel/")

    assert response.status_code == 400
    assert Order.objects.get().status == OrderStatus.SHIPPED
    assert Stock.objects.get(product=mug).quantity == 3


def test_someone_elses_order_cannot_be_cancelled(client_as, buyer, mug):
    order = order_for(buyer=buyer, items=[(mug, 2)])

    response = client_as(UserFactory()).post(f"{ORDERS}{order.pk}/cancel/")

    assert response.status_code == 404
    assert Order.objects.get().status == OrderStatus.PAID


def test_a_vendor_sees_only_their_lines_of_an_order(
    client_as, buyer, vendor, other_vendor, mug, beans
):
    order = order_for(buyer=buyer, items=[(mug, 2), (beans, 1)])

    mine = client_as(vendor).get(VENDOR_ORDERS).json()["results"]
    theirs = client_as(other_vendor).get(VENDOR_ORDERS).json()["results"]

    assert [(row["number"], row["store"]) for row in mine] == [
        (order.number, mug.store_id)
    ]
    assert [item["product_name"] for item in mine[0]["items"]] == ["Mug"]
    assert mine[0]["subtotal"] == "25.00"
    assert [item["product_name"] for item in theirs[0]["items"]] == ["Beans"]


def test_a_vendor_moves_their_part_along_and_the_order_follows(
    client_as, buyer, vendor, mug
):
    order = order_for(buyer=buyer, items=[(mug, 1)])
    part = order.parts.get()
    api = client_as(vendor)

    steps = [
        api.patch(f"{VENDOR_ORDERS}{part.pk}/", {"status": status})
        for status in ["processing", "shipped", "delivered"]
    ]

    assert [step.status_code for step in steps] == [200, 200, 200]
    assert steps[-1].json()["status"] == "delivered"
    assert Order.objects.get().status == OrderStatus.DELIVERED


@pytest.mark.parametrize("status", ["shipped", "paid", "cancelled", "bogus", ""])
def test_an_invalid_fulfilment_step_is_400(client_as, buyer, vendor, mug, status):
    order = order_for(buyer=buyer, items=[(mug, 1)])
    part = order.parts.get()

    response = client_as(vendor).patch(f"{VENDOR_ORDERS}{part.pk}/", {"status": status})

    assert response.status_code == 400
    part.refresh_from_db()
    assert part.status == OrderStatus.PAID


def test_another_vendors_part_is_404(client_as, buyer, other_vendor, mug):
    order = order_for(buyer=buyer, items=[(mug, 1)])
    part = order.parts.get()

    response = client_as(other_vendor).patch(
        f"{VENDOR_ORDERS}{part.pk}/", {"status": "processing"}
    )

    assert response.status_code == 404
    part.refresh_from_db()
    assert part.status == OrderStatus.PAID


@pytest.mark.parametrize(
    ("actor", "expected"),
    [("public", 401), ("buyer", 403), ("vendor", 200), ("admin", 200)],
)
def test_who_may_see_vendor_orders(api_client, buyer, vendor, db, actor, expected):
    users = {"public": None, "buyer": buyer, "vendor": vendor, "admin": AdminFactory()}
    if users[actor] is not None:
        api_client.credentials(HTTP_AUTHORIZATION=bearer(users[actor]))

    assert api_client.get(VENDOR_ORDERS).status_code == expected


@pytest.mark.parametrize(
    ("actor", "expected"),
    [("public", 401), ("buyer", 200), ("vendor", 200), ("admin", 200)],
)
def test_who_may_see_own_orders(api_client, buyer, vendor, db, actor, expected):
    users = {"public": None, "buyer": buyer, "vendor": vendor, "admin": AdminFactory()}
    if users[actor] is not None:
        api_client.credentials(HTTP_AUTHORIZATION=bearer(users[actor]))

    assert api_client.get(ORDERS).status_code == expected


def test_order_list_queries_do_not_grow_with_the_number_of_orders(
    client_as, buyer, vendor, store
):
    products = [ProductPageFactory(store=store, stock_quantity=50) for _ in range(3)]

    def count(api, url):
        with CaptureQueriesContext(connection) as queries:
            assert api.get(url).status_code == 200
        return len(queries)

    for _ in range(2):
        order_for(buyer=buyer, items=[(product, 1) for product in products])
    buyer_two, vendor_two = (
        count(client_as(buyer), ORDERS),
        count(client_as(vendor), VENDOR_ORDERS),
    )
    for _ in range(8):
        order_for(buyer=buyer, items=[(product, 1) for product in products])

    assert count(client_as(buyer), ORDERS) == buyer_two
    assert count(client_as(vendor), VENDOR_ORDERS) == vendor_two
