from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission

from accounts.tests.factories import AdminFactory
from announcements.models import Announcement
from api.tests.conftest import image_upload
from home.models import SiteSettings
from vendors.models import ProductPage, StoreIndexPage, StorePage
from vendors.tests.factories import ImageFactory, ProductPageFactory, StorePageFactory

STORES = "/api/stores/"
STORE_FIELDS = {
    "id",
    "name",
    "slug",
    "description",
    "address",
    "phone",
    "email",
    "vendor",
    "url",
    "logo",
    "created_at",
    "product_count",
    "live",
    "shipping",
}


def test_store_list_shows_published_stores_with_their_fields(
    api_client, vendor, product
):
    store = product.store
    StorePageFactory(vendor=vendor, title="Draft store", publish=False)

    response = api_client.get(STORES)

    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["next"], body["previous"]) == (1, None, None)
    [row] = body["results"]
    assert set(row) == STORE_FIELDS
    assert row["id"] == store.pk
    assert row["name"] == "Kiln Studio"
    assert row["slug"] == "kiln-studio"
    assert row["vendor"] == vendor.pk
    assert row["product_count"] == 1
    assert row["logo"] is None
    assert row["live"] is True
    assert row["url"] == "http://localhost/stores/kiln-studio/"
    assert datetime.fromisoformat(row["created_at"]).tzinfo is not None


def test_store_logo_comes_as_absolute_rendition_urls(api_client, store_index, vendor):
    StorePageFactory(vendor=vendor, logo=ImageFactory())

    [row] = api_client.get(STORES).json()["results"]

    assert set(row["logo"]) == {"thumbnail", "medium", "large"}
    assert all(
        url.startswith("http://testserver/media/") for url in row["logo"].values()
    )


def test_store_list_filters_and_orders(api_client, store_index, vendor, other_vendor):
    kiln = StorePageFactory(vendor=vendor, title="Kiln", description="Stoneware mugs")
    loom = StorePageFactory(vendor=other_vendor, title="Loom", description="Wool")
    attic = StorePageFactory(vendor=vendor, title="Attic", description="Old mugs")

    def names(query):
        response = api_client.get(STORES + query)
        assert response.status_code == 200
        return [row["name"] for row in response.json()["results"]]

    assert names("") == ["Attic", "Kiln", "Loom"]
    assert names(f"?vendor={vendor.pk}") == ["Attic", "Kiln"]
    assert names("?search=mugs") == ["Attic", "Kiln"]
    assert names("?search=stoneware MUGS") == ["Kiln"]
    assert names("?ordering=-name") == ["Loom", "Kiln", "Attic"]
    assert names("?ordering=-created_at") == ["Attic", "Loom", "Kiln"]
    assert {kiln.pk, loom.pk, attic.pk} == set(
        StorePage.objects.values_list("pk", flat=True)
    )


@pytest.mark.parametrize(
    "query", ["?ordering=drop", "?vendor=abc", "?vendor=1.5", "?vendor=1e999"]
)
def test_store_list_refuses_junk_filters(api_client, store, query):
    response = api_client.get(STORES + query)

    assert response.status_code == 400


def test_store_detail_of_an_unpublished_store_is_only_for_who_manages_it(
    client_as, vendor, other_vendor, store_index
):
    draft = StorePageFactory(vendor=vendor, publish=False)

    as_other = client_as(other_vendor).get(f"{STORES}{draft.pk}/")
    as_owner = client_as(vendor).get(f"{STORES}{draft.pk}/")

    assert as_other.status_code == 404
    assert as_owner.status_code == 200
    assert as_owner.json()["live"] is False


def test_vendor_creates_a_published_store_like_one_made_in_the_admin(
    client_as, vendor, store_index, client
):
    response = client_as(vendor).post(
        STORES,
        {
            "name": "Kiln Studio",
            "description": "Stoneware.",
            "address": "1 Mill Lane",
            "phone": "+44 1422 555 013",
            "email": "hello@kiln.example",
        },
    )

    assert response.status_code == 201
    store = StorePage.objects.get()
    assert response.json()["id"] == store.pk
    assert response.json()["url"] == "http://localhost/stores/kiln-studio/"
    assert store.get_parent().pk == store_index.pk
    assert (store.live, store.vendor, store.owner) == (True, vendor, vendor)
    assert (store.address, store.email) == ("1 Mill Lane", "hello@kiln.example")
    assert GroupPagePermission.objects.filter(
        page=store, group=vendor.workspace.group, permission__codename="change_page"
    ).exists()
    assert store.permissions_for_user(vendor).can_edit()
    assert Announcement.objects.get().page_id == store.pk
    assert client.get("/stores/kiln-studio/").status_code == 200


def test_a_store_logo_upload_becomes_an_image_in_the_vendors_collection(
    client_as, vendor, store_index
):
    response = client_as(vendor).post(
        STORES,
        {"name": "Kiln", "logo": image_upload("logo.png")},
        format="multipart",
    )

    assert response.status_code == 201
    image = get_image_model().objects.get()
    assert image.collection == vendor.workspace.collection
    assert image.uploaded_by_user == vendor
    assert StorePage.objects.get().logo == image
    assert set(response.json()["logo"]) == {"thumbnail", "medium", "large"}


@pytest.mark.parametrize(
    ("upload", "max_size"),
    [
        (lambda: _text_file("logo.png"), None),
        (lambda: _text_file("logo.txt"), None),
        (lambda: image_upload("logo.png", size=(400, 300)), 200),
    ],
    ids=["not-an-image", "wrong-extension", "too-large"],
)
def test_a_bad_logo_upload_gets_400_and_creates_nothing(
    client_as, vendor, store_index, settings, upload, max_size
):
    if max_size:
        settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = max_size

    response = client_as(vendor).post(
        STORES, {"name": "Kiln", "logo": upload()}, format="multipart"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["logo"]
    assert not StorePage.objects.exists()
    assert not get_image_model().objects.exists()


def _text_file(name):
    import io

    upload = io.BytesIO(b"this is not a picture")
    upload.name = name
    return upload


def test_an_admin_opens_a_store_for_a_vendor(client_as, vendor, store_index):
    response = client_as(AdminFactory()).post(
        STORES, {"name": "Kiln", "vendor": vendor.pk}
    )

    assert response.status_code == 201
    assert StorePage.objects.get().vendor == vendor


@pytest.mark.parametrize(
    ("as_admin", "vendor_field", "message_field"),
    [(True, None, "vendor"), (False, "other", "vendor"), (True, "buyer", "vendor")],
)
def test_store_create_refuses_a_missing_or_foreign_vendor(
    client_as,
    vendor,
    other_vendor,
    buyer,
    store_index,
    as_admin,
    vendor_field,
    message_field,
):
    payload = {"name": "Kiln"}
    if vendor_field == "other":
        payload["vendor"] = other_vendor.pk
    if vendor_field == "buyer":
        payload["vendor"] = buyer.pk
    user = AdminFactory() if as_admin else vendor

    response = client_as(user).post(STORES, payload)

    assert response.status_code == 400
    assert list(response.json()) == [message_field]
    assert not StorePage.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 256}, "name"),
        ({"name": "Kiln", "email": "nope"}, "email"),
        ({"name": "Kiln", "description": "x" * 501}, "description"),
        ({"name": {"nested": True}}, "name"),
        ({}, "name"),
    ],
)
def test_store_create_refuses_invalid_fields(
    client_as, vendor, store_index, payload, field
):
    response = client_as(vendor).post(STORES, payload)

    assert response.status_code == 400
    assert field in response.json()
    assert not StorePage.objects.exists()


def test_a_vendor_under_moderation_creates_a_draft_store(
    client_as, vendor, store_index
):
    site_settings = SiteSettings.load()
    site_settings.require_vendor_approval = True
    site_settings.save()

    response = client_as(vendor).post(STORES, {"name": "Kiln"})

    assert response.status_code == 201
    assert response.json()["live"] is False
    assert StorePage.objects.get().live is False
    assert not Announcement.objects.exists()


def test_vendor_updates_their_store_through_a_revision(client_as, store, client):
    response = client_as(store.vendor).patch(
        f"{STORES}{store.pk}/", {"name": "Kiln & Co", "phone": "+44 1"}
    )

    assert response.status_code == 200
    assert (response.json()["name"], response.json()["phone"]) == ("Kiln & Co", "+44 1")
    store = StorePage.objects.get(pk=store.pk)
    assert (store.title, store.phone, store.live) == ("Kiln & Co", "+44 1", True)
    assert store.revisions.count() == 2
    assert "Kiln &amp; Co" in client.get(store.url).content.decode()


def test_store_update_refuses_invalid_fields_and_changes_nothing(client_as, store):
    response = client_as(store.vendor).patch(
        f"{STORES}{store.pk}/", {"name": "", "email": "x"}
    )

    assert response.status_code == 400
    assert set(response.json()) == {"name", "email"}
    assert StorePage.objects.get(pk=store.pk).title == "Kiln Studio"


def test_store_update_replaces_the_logo(client_as, store):
    response = client_as(store.vendor).patch(
        f"{STORES}{store.pk}/", {"logo": image_upload()}, format="multipart"
    )

    assert response.status_code == 200
    assert StorePage.objects.get(pk=store.pk).logo == get_image_model().objects.get()


def test_store_delete_unpublishes_the_store_and_its_products(
    client_as, api_client, product
):
    store = product.store

    response = client_as(store.vendor).delete(f"{STORES}{store.pk}/")

    assert response.status_code == 204
    assert StorePage.objects.get(pk=store.pk).live is False
    assert ProductPage.objects.get(pk=product.pk).live is False
    api_client.credentials()
    assert api_client.get(f"{STORES}{store.pk}/").status_code == 404
    assert api_client.get(f"/api/products/{product.pk}/").status_code == 404
    assert StoreIndexPage.objects.get().get_children().count() == 1
    owner = client_as(store.vendor)
    assert owner.get(f"{STORES}{store.pk}/").status_code == 404
    own = owner.get("/api/vendors/me/stores/").json()["results"]
    assert [(row["id"], row["live"]) for row in own] == [(store.pk, False)]


def test_store_products_lists_the_stores_published_products(
    api_client, store, other_vendor
):
    mine = ProductPageFactory(store=store, title="Mug")
    ProductPageFactory(store=store, title="Draft", publish=False)
    ProductPageFactory(store=StorePageFactory(vendor=other_vendor), title="Elsewhere")

    response = api_client.get(f"{STORES}{store.pk}/products/")

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [mine.pk]


def _query_count(api_client, url) -> int:
    api_client.get(url)  # renditions and site paths are made on the first visit
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_store_list_queries_do_not_grow_with_the_number_of_stores(
    api_client, store_index, vendor
):
    for _ in range(5):
        StorePageFactory(vendor=vendor, logo=ImageFactory())
    five = _query_count(api_client, STORES + "?page_size=100")
    for _ in range(45):
        StorePageFactory(vendor=vendor, logo=ImageFactory())

    fifty = _query_count(api_client, STORES + "?page_size=100")

    assert fifty == five
    assert api_client.get(STORES + "?page_size=100").json()["count"] == 50
