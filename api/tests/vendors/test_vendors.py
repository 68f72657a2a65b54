import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import AdminFactory
from vendors.tests.factories import ImageFactory, ProductPageFactory, StorePageFactory

VENDORS = "/api/vendors/"


def test_vendor_list_shows_vendors_with_published_stores(
    api_client, store_index, vendor, other_vendor
):
    vendor.first_name, vendor.last_name = "Ada", "Potter"
    vendor.save()
    store = StorePageFactory(vendor=vendor, title="Kiln", logo=ImageFactory())
    StorePageFactory(vendor=vendor, title="Draft", publish=False)
    StorePageFactory(vendor=other_vendor, title="Hidden", publish=False)

    response = api_client.get(VENDORS)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    [row] = body["results"]
    assert row["id"] == vendor.pk
    assert (row["username"], row["name"]) == (vendor.username, "Ada Potter")
    assert "email" not in row
    [listed] = row["stores"]
    assert (listed["id"], listed["name"], listed["url"]) == (
        store.pk,
        "Kiln",
        "http://localhost/stores/kiln/",
    )
    assert set(listed["logo"]) == {"thumbnail", "medium", "large"}


def test_vendor_detail_and_unknown_vendors(api_client, store, other_vendor, buyer):
    assert api_client.get(f"{VENDORS}{store.vendor_id}/").status_code == 200
    assert api_client.get(f"{VENDORS}{other_vendor.pk}/").status_code == 404
    assert api_client.get(f"{VENDORS}{buyer.pk}/").status_code == 404
    assert api_client.get(f"{VENDORS}0/").status_code == 404
    assert api_client.get(f"{VENDORS}{10**30}/").status_code == 404


def test_own_stores_include_unpublished_ones_and_no_one_elses(
    client_as, store_index, vendor, other_vendor
):
    live = StorePageFactory(vendor=vendor, title="B live")
    draft = StorePageFactory(vendor=vendor, title="A draft", publish=False)
    StorePageFactory(vendor=other_vendor)

    response = client_as(vendor).get(f"{VENDORS}me/stores/")

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [(row["id"], row["live"]) for row in rows] == [
        (draft.pk, False),
        (live.pk, True),
    ]


def test_own_products_include_unpublished_ones_and_no_one_elses(
    client_as, store, other_vendor
):
    live = ProductPageFactory(store=store)
    draft = ProductPageFactory(store=store, publish=False)
    ProductPageFactory(store=StorePageFactory(vendor=other_vendor))

    response = client_as(store.vendor).get(f"{VENDORS}me/products/")

    assert response.status_code == 200
    assert {row["id"] for row in response.json()["results"]} == {live.pk, draft.pk}


@pytest.mark.parametrize("path", ["me/stores/", "me/products/"])
def test_an_admin_sees_every_store_and_product_as_their_own(client_as, product, path):
    response = client_as(AdminFactory()).get(f"{VENDORS}{path}")

    assert response.json()["count"] == 1


def _queries(api, url) -> int:
    api.get(url)  # renditions are made on the first visit
    with CaptureQueriesContext(connection) as queries:
        assert api.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/api/vendors/",
        "/api/vendors/me/stores/",
        "/api/vendors/me/products/",
        "/api/stores/{store}/products/",
    ],
)
def test_vendor_lists_queries_do_not_grow_with_their_rows(client_as, store, url):
    api = client_as(store.vendor)
    url = url.format(store=store.pk)

    def add_rows(count):
        for _ in range(count):
            StorePageFactory(vendor=store.vendor, logo=ImageFactory())
            ProductPageFactory(store=store, image=ImageFactory())

    add_rows(2)
    few = _queries(api, url)
    add_rows(8)

    assert _queries(api, url) == few
