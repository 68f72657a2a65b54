"""`POST /api/stores/{id}/logo/` and `POST /api/products/{id}/image/`: a picture
in a multipart request of its own; JSON writes describe no file."""

import io

import pytest
from wagtail.images import get_image_model

from api.tests.conftest import image_upload
from vendors.models import ProductPage, StorePage


def _text_file(name="logo.png"):
    upload = io.BytesIO(b"this is not a picture")
    upload.name = name
    return upload


@pytest.fixture
def urls(store, product):
    return {
        "logo": f"/api/stores/{store.pk}/logo/",
        "image": f"/api/products/{product.pk}/image/",
    }


@pytest.mark.parametrize("field", ["logo", "image"])
def test_the_owner_uploads_a_picture(client_as, vendor, urls, field):
    response = client_as(vendor).post(
        urls[field], {field: image_upload("pic.png")}, format="multipart"
    )

    assert response.status_code == 200
    assert set(response.json()[field]) == {"thumbnail", "medium", "large"}
    image = get_image_model().objects.get()
    assert image.collection == vendor.workspace.collection
    owner = StorePage if field == "logo" else ProductPage
    assert getattr(owner.objects.get(), field) == image


@pytest.mark.parametrize("field", ["logo", "image"])
def test_another_vendor_gets_403_and_nothing_is_stored(
    client_as, other_vendor, urls, field
):
    response = client_as(other_vendor).post(
        urls[field], {field: image_upload()}, format="multipart"
    )

    assert response.status_code == 403
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize("field", ["logo", "image"])
def test_a_bad_picture_gets_400(client_as, vendor, urls, field):
    response = client_as(vendor).post(
        urls[field], {field: _text_file()}, format="multipart"
    )

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize(
    ("url", "detail"),
    [
        ("/api/stores/999999/logo/", "Store not found."),
        ("/api/products/999999/image/", "Product not found."),
        ("/api/products/abc/image/", "Product not found."),
    ],
)
def test_an_unknown_id_gets_404(client_as, vendor, store_index, url, detail):
    field = "logo" if "logo" in url else "image"

    response = client_as(vendor).post(url, {field: image_upload()}, format="multipart")

    assert response.status_code == 404
    assert response.json() == {"detail": detail}


def test_anonymous_gets_401_a_get_405_and_json_415(api_client, client_as, vendor, urls):
    assert (
        api_client.post(urls["logo"], {"logo": image_upload()}, format="multipart")
    ).status_code == 401
    assert api_client.get(urls["logo"]).status_code == 405
    response = client_as(vendor).post(urls["logo"], {"logo": None}, format="json")
    assert response.status_code == 415


def test_the_old_multipart_create_still_works(client_as, vendor, store_index):
    response = client_as(vendor).post(
        "/api/stores/", {"name": "Kiln", "logo": image_upload()}, format="multipart"
    )

    assert response.status_code == 201
    assert response.json()["logo"] is not None


def test_json_writes_describe_no_file_and_uploads_are_multipart(client, db):
    schema = client.get("/api/schema/?format=json").json()
    paths, components = schema["paths"], schema["components"]["schemas"]

    for path, method in [
        ("/api/stores/", "post"),
        ("/api/stores/{id}/", "patch"),
        ("/api/products/", "post"),
        ("/api/products/{id}/", "patch"),
    ]:
        content = paths[path][method]["requestBody"]["content"]
        assert list(content) == ["application/json"], (path, method)
        name = content["application/json"]["schema"]["$ref"].split("/")[-1]
        assert not {"logo", "image"} & set(components[name]["properties"])
    for path, field in [
        ("/api/stores/{id}/logo/", "logo"),
        ("/api/products/{id}/image/", "image"),
    ]:
        content = paths[path]["post"]["requestBody"]["content"]
        assert list(content) == ["multipart/form-data"]
        name = content["multipart/form-data"]["schema"]["$ref"].split("/")[-1]
        assert components[name]["properties"][field]["format"] == "binary"
        assert components[name]["required"] == [field]
