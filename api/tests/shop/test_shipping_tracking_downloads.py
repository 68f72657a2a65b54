"""API: store shipping rules, order shipping and parts with tracking, digital
downloads, the buyer's receipt and a vendor's part cancel."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from shop.models import Order, Stock
from shop.services.downloads import product_file_add
from shop.services.shipping_rules import shipping_rule_set
from shop.tests.factories import ADDRESS
from vendors.tests.factories import ProductPageFactory, StorePageFactory

ORDERS = "/api/orders/"


@pytest.fixture
def mug(store):
    return ProductPageFactory(
        store=store, title="Mug", price=Decimal("12.50"), stock_quantity=5
    )


@pytest.fixture
def roasters(other_vendor, store_index):
    return StorePageFactory(vendor=other_vendor, title="Bean Roasters")


@pytest.fixture
def beans(roasters):
    return ProductPageFactory(
        store=roasters, title="Beans", price=Decimal("14.50"), stock_quantity=3
    )


@pytest.fixture
def ebook(store, vendor):
    product = ProductPageFactory(
        store=store, title="E-book", price=Decimal("7.99"), digital=True
    )
    product_file_add(
        product=product,
        actor=vendor,
        name="E-book (EPUB)",
        file=SimpleUploadedFile("book.epub", b"epub bytes"),
    )
    return product


def _checkout(api, *items, address=ADDRESS):
    for product, quantity in items:
        api.post("/api/cart/items/", {"product": product.pk, "quantity": quantity})
    return api.post(
        ORDERS,
        {"shipping_address": address, "payment_method": "test"},
        format="json",
    )


def test_store_payload_shows_shipping_and_its_owner_patches_it(
    client_as, store, vendor, other_vendor, api_client
):
    url = f"/api/stores/{store.pk}/"
    before = api_client.get(url).json()["shipping"]
    cached = api_client.get(url)
    refused = client_as(other_vendor).patch(
        url, {"shipping": {"flat_rate": "1.00"}}, format="json"
    )
    bad = client_as(vendor).patch(
        url, {"shipping": {"countries": ["ZZ"], "flat_rate": "-1"}}, format="json"
    )
    changed = client_as(vendor).patch(
        url,
        {"shipping": {"flat_rate": "4.90", "free_over": "50", "countries": ["fr"]}},
        format="json",
    )
    # The page cache's copy is dropped by the change.
    fresh = client_as(None).get(url)
    after = fresh.json()["shipping"]

    assert before == {
        "flat_rate": "0.00",
        "per_additional_item": "0.00",
        "free_over": None,
        "countries": [],
    }
    assert (cached["X-Cache"], fresh["X-Cache"]) == ("HIT", "MISS")
    assert refused.status_code == 403
    assert bad.status_code == 400
    assert set(bad.json()["shipping"]) == {"flat_rate"}
    assert changed.status_code == 200
    assert after == {
        "flat_rate": "4.90",
        "per_additional_item": "0.00",
        "free_over": "50.00",
        "countries": ["FR"],
    }


def test_orders_carry_shipping_parts_and_downloads(
    client_as, buyer, store, vendor, roasters, other_vendor, mug, beans, ebook
):
    shipping_rule_set(
        store=store, actor=vendor, flat_rate=Decimal("4.90"),
        per_additional_item=Decimal("1.00"),
    )  # fmt: skip
    shipping_rule_set(store=roasters, actor=other_vendor, flat_rate=Decimal("6.00"))
    api = client_as(buyer)

    response = _checkout(api, (mug, 2), (ebook, 1), (beans, 1))

    assert response.status_code == 201, response.json()
    order = response.json()
    # 25.00 + 7.99 + 14.50, shipping 4.90 + 1.00 (the e-book ships free) + 6.00
    assert (order["shipping"], order["total"]) == ("11.90", "59.39")
    assert [
        (p["store_name"], p["shipping"], p["tracking"]) for p in order["parts"]
    ] == [
        ("Bean Roasters", "6.00", None),
        ("Kiln Studio", "5.90", None),
    ]
    items = {item["product_name"]: item for item in order["items"]}
    assert items["Mug"]["downloads"] == []
    (download,) = items["E-book"]["downloads"]
    assert download["name"] == "E-book (EPUB)"
    assert download["downloads_left"] == 5
    assert download["url"].startswith("http://testserver/downloads/")
    assert "book" not in download["url"]
    file = api.get(download["url"])
    assert file.status_code == 200
    assert b"".join(file.streaming_content) == b"epub bytes"


def test_an_address_a_store_does_not_ship_to_answers_400_naming_it(
    client_as, buyer, roasters, other_vendor, beans, mug
):
    shipping_rule_set(store=roasters, actor=other_vendor, countries=["BE"])

    response = _checkout(client_as(buyer), (mug, 1), (beans, 1))

    assert response.status_code == 400
    assert (
        "Bean Roasters does not ship to France"
        in (response.json()["shipping_address"][0])
    )
    stock = dict(Stock.objects.values_list("product_id", "quantity"))
    assert (stock[mug.pk], stock[beans.pk]) == (5, 3)
    assert not Order.objects.exists()


def test_tracking_receipt_and_vendor_cancel(
    client_as, buyer, vendor, other_vendor, mug, beans
):
    order = _checkout(client_as(buyer), (mug, 1), (beans, 1)).json()
    ours = next(p for p in order["parts"] if p["store_name"] == "Kiln Studio")
    theirs = next(p for p in order["parts"] if p["store_name"] == "Bean Roasters")
    seller = client_as(vendor)
    seller.patch(f"/api/vendor/orders/{ours['id']}/", {"status": "processing"})
    shipped = seller.patch(
        f"/api/vendor/orders/{ours['id']}/",
        {"status": "shipped", "tracking": {"carrier": "FedEx", "number": "7961"}},
        format="json",
    )
    not_theirs = seller.post(
        f"/api/vendor/orders/{theirs['id']}/cancel/", {"reason": "x"}
    )
    cancelled = client_as(other_vendor).post(
        f"/api/vendor/orders/{theirs['id']}/cancel/", {"reason": "Out of stock"}
    )
    received_url = f"{ORDERS}{order['id']}/parts/{ours['id']}/received/"
    stranger = client_as(other_vendor).post(received_url)
    received = client_as(buyer).post(received_url)

    assert shipped.status_code == 200
    assert shipped.json()["tracking"] == {
        "carrier": "FedEx",
        "number": "7961",
        "url": "https://www.fedex.com/fedextrack/?trknbr=7961",
    }
    assert not_theirs.status_code == 404
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "refunded"
    assert stranger.status_code == 404
    assert received.status_code == 200
    parts = {p["store_name"]: p for p in received.json()["parts"]}
    assert parts["Kiln Studio"]["status"] == "delivered"
    assert parts["Kiln Studio"]["tracking"]["number"] == "7961"
    assert parts["Bean Roasters"]["status"] == "refunded"
    assert received.json()["status"] == "delivered"
    again = client_as(buyer).post(received_url)
    assert again.status_code == 400


@override_settings(DOWNLOAD_X_ACCEL_REDIRECT="/protected/")
def test_downloads_can_be_handed_to_the_web_server(client_as, buyer, ebook):
    order = _checkout(client_as(buyer), (ebook, 1), address=None).json()
    url = order["items"][0]["downloads"][0]["url"]

    response = client_as(None).get(url)

    assert response.status_code == 200
    assert response["X-Accel-Redirect"].startswith("/protected/product-files/")
    assert response.content == b""
