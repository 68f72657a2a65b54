import io
from datetime import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model

from announcements.models import Announcement
from api.tests.conftest import image_upload
from reviews.models import ProductRating
from reviews.tests.factories import ReviewFactory
from shop.models import Stock
from vendors.models import ProductPage
from vendors.tests.factories import ImageFactory, ProductPageFactory, StorePageFactory
from vendors.tests.markers import search_db

PRODUCTS = "/api/products/"
PRODUCT_FIELDS = {
    "id",
    "store",
    "vendor",
    "name",
    "slug",
    "summary",
    "description",
    "sku",
    "price",
    "stock_quantity",
    "in_stock",
    "digital",
    "image",
    "url",
    "average_rating",
    "review_count",
    "created_at",
    "live",
    "lowest_price_30_days",
}


def test_product_fields_and_types(api_client, store):
    product = ProductPageFactory(
        store=store,
        title="Speckled mug",
        price=Decimal("5"),
        stock_quantity=3,
        description="<p>Glazed &amp; fired.</p><p>Twice.</p>",
        image=ImageFactory(),
    )

    response = api_client.get(f"{PRODUCTS}{product.pk}/")

    assert response.status_code == 200
    row = response.json()
    assert set(row) == PRODUCT_FIELDS
    assert row["price"] == "5.00"
    assert (row["stock_quantity"], row["in_stock"], row["digital"]) == (3, True, False)
    assert (row["store"], row["vendor"]) == (store.pk, store.vendor_id)
    assert row["description"] == "Glazed & fired.\nTwice."
    assert row["url"] == "http://localhost/stores/kiln-studio/speckled-mug/"
    assert set(row["image"]) == {"thumbnail", "medium", "large"}
    assert (row["average_rating"], row["review_count"]) == (None, 0)


def test_a_product_list_served_again_writes_no_rendition_to_the_cache(
    api_client, store, settings, rendition_cache_writes
):
    # Prefetched renditions were written back to the cache, pickled with their
    # image, three per product per request (get_rendition).
    settings.PAGE_CACHE_ENABLED = False
    for _ in range(3):
        ProductPageFactory(store=store, image=ImageFactory())
    api_client.get(PRODUCTS)
    rendition_cache_writes.clear()  # the first render makes them

    response = api_client.get(PRODUCTS)

    assert response.status_code == 200
    assert [set(row["image"]) for row in response.json()["results"]] == [
        {"thumbnail", "medium", "large"}
    ] * 3
    assert rendition_cache_writes == []


def test_product_rating_comes_from_its_reviews(api_client, product):
    ProductRating.objects.create(product=product, average=Decimal("4.5"), count=2)

    row = api_client.get(f"{PRODUCTS}{product.pk}/").json()

    assert (row["average_rating"], row["review_count"]) == ("4.50", 2)
    assert datetime.fromisoformat(row["created_at"]).tzinfo is not None


@pytest.fixture
def catalogue(store, other_vendor):
    other_store = StorePageFactory(vendor=other_vendor, title="Loom")
    products = {
        "mug": ProductPageFactory(
            store=store, title="Mug", price=Decimal("12.00"), stock_quantity=4
        ),
        "bowl": ProductPageFactory(
            store=store, title="Bowl", price=Decimal("30.00"), stock_quantity=0
        ),
        "pattern": ProductPageFactory(
            store=other_store,
            title="Knitting pattern",
            price=Decimal("4.50"),
            stock_quantity=0,
            digital=True,
        ),
        "scarf": ProductPageFactory(
            store=other_store,
            title="Scarf",
            price=Decimal("45.00"),
            stock_quantity=2,
            summary="Warm wool",
        ),
    }
    # Reviews through reviews.services, which keeps the ratings (and the
    # product's copy the list sorts by): bowl 4.50 (2), mug 4.00 (3), pattern
    # 2.00 (1); the scarf has no review yet.
    for name, ratings in [("bowl", [5, 4]), ("mug", [4, 4, 4]), ("pattern", [2])]:
        for rating in ratings:
            ReviewFactory(product=products[name], rating=rating)
    return products


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["scarf", "pattern", "bowl", "mug"]),
        ("?store={store}", ["bowl", "mug"]),
        ("?vendor={other_vendor}", ["scarf", "pattern"]),
        ("?min_price=10&max_price=30", ["bowl", "mug"]),
        ("?max_price=4.50", ["pattern"]),
        ("?in_stock=true", ["scarf", "pattern", "mug"]),
        ("?in_stock=false", ["bowl"]),
        ("?store=999999", []),
        ("?store=99999999999999999999999", []),
        ("?vendor=-3", []),
        ("?digital=true", ["pattern"]),
        ("?digital=false", ["scarf", "bowl", "mug"]),
        ("?ordering=price", ["pattern", "mug", "bowl", "scarf"]),
        ("?ordering=-price", ["scarf", "bowl", "mug", "pattern"]),
        ("?ordering=name", ["bowl", "pattern", "mug", "scarf"]),
        ("?ordering=-created_at", ["scarf", "pattern", "bowl", "mug"]),
        ("?ordering=-rating", ["bowl", "mug", "pattern", "scarf"]),
        ("?min_rating=0", ["scarf", "pattern", "bowl", "mug"]),
        ("?min_rating=4", ["bowl", "mug"]),
        ("?min_rating=4.5", ["bowl"]),
        ("?min_rating=5", []),
        ("?ordering=price&vendor={vendor}&in_stock=true", ["mug"]),
    ],
)
def test_product_list_filters_and_orders(
    api_client, catalogue, store, vendor, other_vendor, query, expected
):
    ids = {"store": store.pk, "vendor": vendor.pk, "other_vendor": other_vendor.pk}

    response = api_client.get(PRODUCTS + query.format(**ids))

    assert response.status_code == 200
    names = {product.pk: name for name, product in catalogue.items()}
    assert [names[row["id"]] for row in response.json()["results"]] == expected


# MariaDB's full-text index sees only committed rows.
@search_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?search=wool", ["scarf"]),
        ("?search=loom knitting", ["pattern"]),
        ("?search=knitting&ordering=price", ["pattern"]),
        ("?search=teapot", []),
    ],
)
def test_product_list_search_matches_every_word(api_client, catalogue, query, expected):
    response = api_client.get(PRODUCTS + query)

    assert response.status_code == 200
    names = {product.pk: name for name, product in catalogue.items()}
    assert [names[row["id"]] for row in response.json()["results"]] == expected


@search_db
def test_product_list_search_ranks_title_matches_first(api_client, store):
    ProductPageFactory(store=store, title="Bowl", summary="Pairs with our teapot")
    teapot = ProductPageFactory(store=store, title="Teapot")

    response = api_client.get(PRODUCTS, {"search": "teapot"})

    assert [row["id"] for row in response.json()["results"]][0] == teapot.pk
    assert response.json()["count"] == 2


@pytest.mark.parametrize(
    "query",
    [
        "?min_price=abc",
        "?max_price=-1",
        "?min_price=10&max_price=5",
        "?min_price=NaN",
        "?ordering=drop",
        "?digital=maybe",
        "?store=abc",
        "?vendor=abc",
        "?min_rating=6",
        "?min_rating=abc",
        "?in_stock=perhaps",
    ],
)
def test_product_list_refuses_junk_filters(api_client, catalogue, query):
    response = api_client.get(PRODUCTS + query)

    assert response.status_code == 400


def test_product_list_paginates(api_client, store):
    for number in range(5):
        ProductPageFactory(store=store, title=f"Mug {number}")

    first = api_client.get(PRODUCTS + "?page_size=2").json()
    last = api_client.get(PRODUCTS + "?page_size=2&page=3").json()
    capped = api_client.get(PRODUCTS + "?page_size=1000").json()

    assert (first["count"], len(first["results"]), first["previous"]) == (5, 2, None)
    assert first["next"] == "http://testserver/api/products/?page=2&page_size=2"
    assert (len(last["results"]), last["next"]) == (1, None)
    assert len(capped["results"]) == 5
    assert api_client.get(PRODUCTS + "?page_size=abc").status_code == 400
    assert api_client.get(PRODUCTS + "?page_size=0").status_code == 400
    assert api_client.get(PRODUCTS + "?page=9").status_code == 404
    assert api_client.get(PRODUCTS + "?page=abc").status_code == 404


def test_page_size_is_capped_at_100():
    from api.pagination import PageNumberPagination

    assert (PageNumberPagination.page_size, PageNumberPagination.max_page_size) == (
        20,
        100,
    )


def test_vendor_creates_a_published_product_with_stock(client_as, store, client):
    response = client_as(store.vendor).post(
        PRODUCTS,
        {
            "store": store.pk,
            "name": "Speckled mug",
            "description": "Glazed <b>twice</b>.\n\nDishwasher safe.",
            "price": "28.5",
            "stock_quantity": 12,
        },
    )

    assert response.status_code == 201
    body = response.json()
    product = ProductPage.objects.get()
    assert body["id"] == product.pk
    assert (body["price"], body["stock_quantity"], body["in_stock"]) == (
        "28.50",
        12,
        True,
    )
    assert body["description"] == "Glazed <b>twice</b>.\nDishwasher safe."
    assert product.get_parent().pk == store.pk
    assert (product.live, product.owner, product.price) == (
        True,
        store.vendor,
        Decimal("28.50"),
    )
    assert product.description == (
        "<p>Glazed &lt;b&gt;twice&lt;/b&gt;.</p>\n\n<p>Dishwasher safe.</p>"
    )
    assert Stock.objects.get(product=product).quantity == 12
    assert product.permissions_for_user(store.vendor).can_edit()
    assert Announcement.objects.filter(page=product).exists()
    assert client.get("/stores/kiln-studio/speckled-mug/").status_code == 200


def test_a_product_image_upload_goes_to_the_vendors_collection(client_as, store):
    response = client_as(store.vendor).post(
        PRODUCTS,
        {"store": store.pk, "name": "Mug", "price": "1.00", "image": image_upload()},
        format="multipart",
    )

    assert response.status_code == 201
    image = get_image_model().objects.get()
    assert image.collection == store.vendor.workspace.collection
    assert ProductPage.objects.get().image == image
    assert set(response.json()["image"]) == {"thumbnail", "medium", "large"}


def _not_an_image():
    upload = io.BytesIO(b"GIF89a but not really")
    upload.name = "mug.gif"
    return upload


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"price": "-0.01"}, "price"),
        ({"price": "abc"}, "price"),
        ({"price": "NaN"}, "price"),
        ({"price": "1.001"}, "price"),
        ({"price": "12345678901.00"}, "price"),
        ({"price": 1.5}, None),
        ({"stock_quantity": -1}, "stock_quantity"),
        ({"stock_quantity": "many"}, "stock_quantity"),
        ({"stock_quantity": 10**12}, "stock_quantity"),
        ({"name": ""}, "name"),
        ({"store": 999999}, "store"),
        ({"store": "abc"}, "store"),
        ({"store": 10**30}, "store"),
        ({"store": None}, "store"),
        ({"digital": "perhaps"}, "digital"),
        ({"image": "not-a-file"}, "image"),
    ],
)
def test_product_create_refuses_invalid_input_and_saves_nothing(
    client_as, store, payload, field
):
    data = {"store": store.pk, "name": "Mug", "price": "1.00", **payload}

    response = client_as(store.vendor).post(PRODUCTS, data)

    if field is None:
        # A JSON number is read as a decimal price: allowed when it is exact.
        assert response.status_code == 201
        return
    assert response.status_code == 400
    assert field in response.json()
    assert not ProductPage.objects.exists()
    assert not Stock.objects.exists()


@pytest.mark.parametrize("too_large", [False, True])
def test_a_bad_product_image_gets_400(client_as, store, settings, too_large):
    if too_large:
        settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    upload = image_upload(size=(300, 300)) if too_large else _not_an_image()

    response = client_as(store.vendor).post(
        PRODUCTS,
        {"store": store.pk, "name": "Mug", "price": "1.00", "image": upload},
        format="multipart",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["image"]
    assert not ProductPage.objects.exists()
    assert not get_image_model().objects.exists()


def test_vendor_updates_price_and_stock(client_as, product):
    response = client_as(product.store.vendor).patch(
        f"{PRODUCTS}{product.pk}/", {"price": "11.00", "stock_quantity": 0}
    )

    assert response.status_code == 200
    assert (response.json()["price"], response.json()["in_stock"]) == ("11.00", False)
    product = ProductPage.objects.get(pk=product.pk)
    assert (product.price, product.stock.quantity, product.live) == (
        Decimal("11.00"),
        0,
        True,
    )


@pytest.mark.parametrize(
    ("payload", "field"),
    [({"price": "-1"}, "price"), ({"stock_quantity": -5}, "stock_quantity")],
)
def test_product_update_refuses_negative_price_or_stock(
    client_as, product, payload, field
):
    response = client_as(product.store.vendor).patch(
        f"{PRODUCTS}{product.pk}/", payload
    )

    assert response.status_code == 400
    assert list(response.json()) == [field]
    product = ProductPage.objects.get(pk=product.pk)
    assert (product.price, product.stock.quantity) == (Decimal("10.00"), 10)


def test_product_delete_hides_it_but_keeps_the_page(client_as, api_client, product):
    response = client_as(product.store.vendor).delete(f"{PRODUCTS}{product.pk}/")

    assert response.status_code == 204
    assert ProductPage.objects.get(pk=product.pk).live is False
    api_client.credentials()
    assert api_client.get(PRODUCTS).json()["count"] == 0


def test_product_list_queries_do_not_grow_with_the_number_of_products(
    api_client, store
):
    def count():
        url = PRODUCTS + "?page_size=100"
        api_client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert api_client.get(url).status_code == 200
        return len(queries)

    for _ in range(5):
        ProductPageFactory(store=store, image=ImageFactory())
    five = count()
    for _ in range(45):
        ProductPageFactory(store=store, image=ImageFactory())

    assert count() == five
    assert api_client.get(PRODUCTS + "?page_size=100").json()["count"] == 50
