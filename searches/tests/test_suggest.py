"""Suggestions as a buyer types: prefix of any word, public items only."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from searches.suggest import suggestions
from vendors.tests.factories import ProductPageFactory, StorePageFactory
from vendors.tests.markers import search_db

SUGGEST = reverse("api:search-suggest")


def _names(found):
    return [item.name for item in found.products], [item.name for item in found.stores]


@search_db
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("spe", ["Speckled stoneware mug"]),
        ("sto", ["Speckled stoneware mug"]),
        ("MU", ["Speckled stoneware mug"]),
        ("stone mu", ["Speckled stoneware mug"]),
        ("mug spe", ["Speckled stoneware mug"]),
        ("ug", []),
        ("ware", []),
        ("spe xyz", []),
        ("te", ["Green teapot"]),
    ],
)
def test_suggests_products_whose_name_has_a_word_starting_with_each_word_typed(
    store, typed, expected
):
    ProductPageFactory(store=store, title="Speckled stoneware mug")
    ProductPageFactory(store=store, title="Green teapot")

    products, _ = _names(suggestions(query=typed))

    assert products == expected


@search_db
def test_suggests_stores_by_a_word_of_their_name(store_index, vendor):
    StorePageFactory(vendor=vendor, title="Kiln & Clay Ceramics")
    StorePageFactory(vendor=vendor, title="Northbound Coffee")

    _, stores = _names(suggestions(query="cer"))

    assert stores == ["Kiln & Clay Ceramics"]


@search_db
def test_never_suggests_what_the_public_cannot_see(store_index, vendor, store):
    closed = StorePageFactory(vendor=vendor, title="Teaware closed", is_active=False)
    draft = StorePageFactory(vendor=vendor, title="Teaware draft", publish=False)
    ProductPageFactory(store=store, title="Teapot shown")
    ProductPageFactory(store=store, title="Teapot unpublished", publish=False)
    ProductPageFactory(store=closed, title="Teapot of a closed store")
    ProductPageFactory(store=draft, title="Teapot of a draft store")
    ProductPageFactory(store=store, title="Teapot taken down").unpublish()

    products, stores = _names(suggestions(query="tea"))

    assert products == ["Teapot shown"]
    assert stores == []


@search_db
def test_suggests_at_most_five_of_each(store_index, vendor, store):
    for number in range(7):
        ProductPageFactory(store=store, title=f"Tumbler {number}")
        StorePageFactory(vendor=vendor, title=f"Tumble shop {number}")

    products, stores = _names(suggestions(query="tum"))

    assert (len(products), len(stores)) == (5, 5)


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["", "m", " m ", "  ", "!!", "é"])
def test_short_queries_suggest_nothing_without_a_query(
    client, product, typed, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get(SUGGEST, {"q": typed})

    assert response.status_code == 200
    assert response.json() == {"query": typed, "products": [], "stores": []}


@search_db
def test_the_api_answers_as_the_contract_says(client, store):
    product = ProductPageFactory(store=store, title="Speckled mug", price="28.00")

    answer = client.get(SUGGEST, {"q": "spe"}).json()

    assert answer["query"] == "spe"
    assert answer["products"] == [
        {
            "id": product.pk,
            "name": "Speckled mug",
            "url": f"http://testserver{product.url}",
            "price": "28.00",
            "thumbnail": None,
        }
    ]
    assert answer["stores"] == []


@pytest.mark.django_db
def test_a_query_too_long_is_refused_with_a_message(client):
    response = client.get(SUGGEST, {"q": "x" * 201})

    assert response.status_code == 400
    assert "q" in response.json()


@search_db
def test_suggestions_are_cached_until_the_catalogue_changes(
    client, store, django_assert_num_queries
):
    ProductPageFactory(store=store, title="Teapot one")
    client.get(SUGGEST, {"q": "tea"})

    with django_assert_num_queries(0):
        cached = client.get(SUGGEST, {"q": "Tea "}).json()
    ProductPageFactory(store=store, title="Teapot two")
    fresh = client.get(SUGGEST, {"q": "tea"}).json()

    assert [item["name"] for item in cached["products"]] == ["Teapot one"]
    assert sorted(item["name"] for item in fresh["products"]) == [
        "Teapot one",
        "Teapot two",
    ]


def _queries_for(client, typed) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(SUGGEST, {"q": typed})
    return len(queries)


@search_db
def test_a_suggestion_costs_the_same_queries_however_many_products_match(client, store):
    for number in range(2):
        ProductPageFactory(store=store, title=f"Tumbler {number}")
    few = _queries_for(client, "tum")
    for number in range(2, 12):
        ProductPageFactory(store=store, title=f"Tumbler {number}")

    many = _queries_for(client, "tum")

    assert many == few <= 8


@search_db
def test_another_search_backend_is_asked_through_wagtail(store, monkeypatch):
    """On OpenSearch (or any backend but the database's own) the candidates come
    from Wagtail's autocomplete(); here Wagtail's SQLite/MariaDB backend stands
    in for it, and the visibility rules still apply."""
    monkeypatch.setattr("searches.suggest._backend_kind", lambda: "other")
    ProductPageFactory(store=store, title="Speckled mug")
    ProductPageFactory(store=store, title="Speckled bowl", publish=False)

    products, _ = _names(suggestions(query="speck"))

    assert products == ["Speckled mug"]
