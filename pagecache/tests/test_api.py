"""Public API answers from the cache: same invalidation as the pages, right for
filters, orderings and pages, never shared where the answer depends on who asks."""

from decimal import Decimal

import pytest

from reviews.tests.factories import ReviewFactory
from shop.services.stock import stock_set
from vendors.services import product_update
from vendors.tests.factories import ProductPageFactory


def _names(response) -> list[str]:
    return [item["name"] for item in response.json()["results"]]


@pytest.fixture
def products(store):
    return [
        ProductPageFactory(store=store, title="Cheap cup", price=Decimal("3.00")),
        ProductPageFactory(store=store, title="Dear vase", price=Decimal("90.00")),
        ProductPageFactory(store=store, title="Mid bowl", price=Decimal("20.00")),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/products/",
        "/api/stores/",
        "/api/products/?ordering=price&page_size=2",
        "/api/products/?min_price=10",
    ],
)
def test_a_public_list_is_answered_from_the_cache_without_a_query(
    api_client, products, url, django_assert_num_queries
):
    first = api_client.get(url)
    with django_assert_num_queries(0):
        second = api_client.get(url)

    assert (first.status_code, first["X-Cache"]) == (200, "MISS")
    assert (second.status_code, second["X-Cache"]) == (200, "HIT")
    assert second.json() == first.json()


@pytest.mark.django_db
def test_filters_orderings_and_pages_each_get_their_own_answer(api_client, products):
    by_price = _names(api_client.get("/api/products/?ordering=price"))
    by_price_desc = _names(api_client.get("/api/products/?ordering=-price"))
    dear = _names(api_client.get("/api/products/?min_price=50"))
    page_two = _names(
        api_client.get("/api/products/?ordering=price&page=2&page_size=2")
    )

    assert by_price == ["Cheap cup", "Mid bowl", "Dear vase"]
    assert by_price_desc == ["Dear vase", "Mid bowl", "Cheap cup"]
    assert dear == ["Dear vase"]
    assert page_two == ["Dear vase"]


@pytest.mark.django_db
def test_a_bad_filter_is_a_400_and_not_cached(api_client, products):
    first = api_client.get("/api/products/?min_price=lots")
    second = api_client.get("/api/products/?min_price=lots")

    assert (first.status_code, second.status_code) == (400, 400)
    assert "X-Cache" not in second


@pytest.mark.django_db
def test_a_price_change_reaches_the_list_and_the_detail(api_client, products, vendor):
    cup = products[0]
    api_client.get("/api/products/?ordering=price")
    api_client.get(f"/api/products/{cup.pk}/")

    product_update(product=cup, actor=vendor, price=Decimal("95.00"))

    assert _names(api_client.get("/api/products/?ordering=price"))[-1] == "Cheap cup"
    assert api_client.get(f"/api/products/{cup.pk}/").json()["price"] == "95.00"


@pytest.mark.django_db
def test_a_stock_change_reaches_the_detail(api_client, product):
    api_client.get(f"/api/products/{product.pk}/")

    stock_set(product=product, quantity=0, actor=product.store.vendor)
    response = api_client.get(f"/api/products/{product.pk}/")

    assert response["X-Cache"] == "MISS"
    assert response.json()["stock_quantity"] == 0


@pytest.mark.django_db
def test_a_new_review_reaches_the_products_review_list(api_client, product):
    url = f"/api/products/{product.pk}/reviews/"
    assert api_client.get(url).json()["count"] == 0

    ReviewFactory(product=product, rating=4)

    assert api_client.get(url).json()["count"] == 1


@pytest.mark.django_db
def test_a_vendors_draft_is_never_served_from_the_cache(api_client, store, vendor):
    draft = ProductPageFactory(store=store, title="Secret teapot", publish=False)
    url = f"/api/products/{draft.pk}/"
    api_client.force_authenticate(vendor)
    for_vendor = [api_client.get(url), api_client.get(url)]
    api_client.force_authenticate(None)

    anonymous = api_client.get(url)

    assert [response.status_code for response in for_vendor] == [200, 200]
    assert "X-Cache" not in for_vendor[1]
    assert anonymous.status_code == 404


@pytest.mark.django_db
def test_a_store_taken_off_the_site_leaves_its_cached_detail(api_client, store, vendor):
    url = f"/api/stores/{store.pk}/"
    assert api_client.get(url).status_code == 200
    api_client.force_authenticate(vendor)

    assert api_client.delete(url).status_code == 204
    api_client.force_authenticate(None)

    assert api_client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_cached_answer_is_sent_as_the_same_json(api_client, product):
    first = api_client.get("/api/products/")

    second = api_client.get("/api/products/")

    assert second["Content-Type"] == first["Content-Type"] == "application/json"
    assert second.content == first.content
