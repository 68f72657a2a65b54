"""Everything under /api/ answers JSON: unknown paths, methods a path does not
allow (with or without a token), and 404s that name no internal class."""

import pytest

from api.tests.conftest import bearer


@pytest.mark.parametrize(
    "url",
    [
        "/api/nothing-here/",
        "/api/stores/1/nothing/",
        "/api/auth/nothing/",
        "/api/v2/products/",
    ],
)
def test_an_unknown_api_path_answers_json_404(api_client, db, url):
    response = api_client.get(url)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_an_unknown_path_outside_the_api_keeps_the_site_page(client, home_page):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("put", "/api/stores/1/"),
        ("delete", "/api/stores/"),
        ("put", "/api/products/1/"),
        ("post", "/api/auth/me/"),
        ("delete", "/api/orders/"),
        ("put", "/api/cart/items/1/"),
        ("patch", "/api/vendor/orders/"),
        ("delete", "/api/vendors/me/stores/"),
        ("post", "/api/schema/"),
    ],
)
def test_a_method_the_path_does_not_allow_is_405_without_a_token(
    api_client, db, method, url
):
    response = getattr(api_client, method)(url, {}, format="json")

    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()
    assert "WWW-Authenticate" not in response


def test_a_method_the_path_does_not_allow_is_405_with_an_invalid_token(api_client, db):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")

    response = api_client.put("/api/orders/1/", {}, format="json")

    assert response.status_code == 405


def test_an_allowed_method_without_a_token_is_still_401(api_client, db):
    response = api_client.delete("/api/stores/1/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.parametrize(
    ("url", "detail"),
    [
        ("/api/products/999999/", "Product not found."),
        ("/api/stores/999999/", "Store not found."),
        ("/api/stores/999999/products/", "Store not found."),
        ("/api/vendors/999999/", "Vendor not found."),
        ("/api/reviews/999999/", "Review not found."),
        ("/api/products/abc/", "Product not found."),
    ],
)
def test_a_404_names_the_api_resource_not_a_model(api_client, db, url, detail):
    response = api_client.get(url)

    assert response.status_code == 404
    assert response.json() == {"detail": detail}


def test_an_unknown_product_for_its_vendor_names_no_model(api_client, vendor):
    api_client.credentials(HTTP_AUTHORIZATION=bearer(vendor))

    response = api_client.patch("/api/products/999999/", {"name": "x"}, format="json")

    assert response.status_code == 404
    assert "Page" not in response.json()["detail"]
