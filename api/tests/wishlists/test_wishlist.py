from decimal import Decimal

import pytest

from accounts.tests.factories import UserFactory
from api.tests.conftest import bearer
from vendors.tests.factories import ProductPageFactory
from wishlists.models import WishlistItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_of(api_client):
    def sign_in(user):
        api_client.credentials(HTTP_AUTHORIZATION=bearer(user))
        return api_client

    return sign_in


def test_add_list_and_remove(client_of, buyer, product):
    client = client_of(buyer)

    first = client.post("/api/wishlist/items/", {"product": product.pk}, format="json")
    again = client.post("/api/wishlist/items/", {"product": product.pk}, format="json")
    listed = client.get("/api/wishlist/")

    assert (first.status_code, again.status_code) == (201, 200)
    assert WishlistItem.objects.count() == 1
    body = listed.json()
    assert body["count"] == 1
    assert body["share_url"] is None
    item = body["items"][0]
    assert item["id"] == item["product"] == product.pk
    assert item["product_name"] == "Speckled mug"
    assert item["price"] == item["price_when_added"] == "10.00"
    assert item["in_stock"] is True
    assert item["url"].startswith("http://testserver/")

    removed = client.delete(f"/api/wishlist/items/{product.pk}/")
    missing = client.delete(f"/api/wishlist/items/{product.pk}/")
    assert (removed.status_code, missing.status_code) == (204, 404)


@pytest.mark.parametrize("product", [0, "abc", 10**30, None, [1]])
def test_an_unknown_product_is_400(client_of, buyer, product):
    response = client_of(buyer).post(
        "/api/wishlist/items/", {"product": product}, format="json"
    )

    assert response.status_code == 400
    assert "product" in response.json()


def test_an_unpublished_product_is_400(client_of, buyer, store):
    draft = ProductPageFactory(store=store, publish=False)

    response = client_of(buyer).post(
        "/api/wishlist/items/", {"product": draft.pk}, format="json"
    )

    assert response.status_code == 400


def test_the_wishlist_needs_a_sign_in(api_client):
    assert api_client.get("/api/wishlist/").status_code == 401


def test_share_and_revoke(client_of, buyer, product, api_client):
    buyer.first_name = "Ada"
    buyer.email = "ada@example.com"
    buyer.save()
    client = client_of(buyer)
    client.post("/api/wishlist/items/", {"product": product.pk}, format="json")

    shared = client.post("/api/wishlist/share/")
    token = shared.json()["token"]
    assert shared.status_code == 200
    assert len(token) >= 22  # at least 128 bits in URL-safe base64
    assert shared.json()["share_url"].endswith(f"/wishlist/shared/{token}/")
    assert (
        client.get("/api/wishlist/").json()["share_url"] == shared.json()["share_url"]
    )

    api_client.credentials()
    public = api_client.get(f"/api/wishlists/shared/{token}/")
    assert public.status_code == 200
    assert public.json()["owner"] == "Ada"
    assert public.json()["count"] == 1
    assert "ada@example.com" not in public.content.decode()

    client_of(buyer).delete("/api/wishlist/share/")
    api_client.credentials()
    assert api_client.get(f"/api/wishlists/shared/{token}/").status_code == 404


def test_an_unknown_token_is_404(api_client):
    assert api_client.get("/api/wishlists/shared/nope/").status_code == 404


def test_a_shared_list_names_the_username_without_a_first_name(client_of, api_client):
    user = UserFactory(first_name="", username="gifts4me")
    token = client_of(user).post("/api/wishlist/share/").json()["token"]
    api_client.credentials()

    assert api_client.get(f"/api/wishlists/shared/{token}/").json()["owner"] == (
        "gifts4me"
    )


def test_price_when_added_stays_when_the_price_changes(client_of, buyer, product):
    from alerts.tests.factories import price_set

    client = client_of(buyer)
    client.post("/api/wishlist/items/", {"product": product.pk}, format="json")
    price_set(product=product, price="7.50")

    item = client.get("/api/wishlist/").json()["items"][0]

    assert (item["price"], item["price_when_added"]) == ("7.50", "10.00")
    assert Decimal(item["price"]) < Decimal(item["price_when_added"])
