from decimal import Decimal

import pytest
from django.urls import reverse

from vendors.tests.factories import ProductPageFactory, StorePageFactory
from vendors.tests.markers import search_db

CATALOGUE = reverse("vendors:catalogue")
SEARCH = reverse("vendors:search")
ALL_NEWEST_FIRST = ["Drum kit", "Cookbook (e-book)", "Anvil", "banjo strings"]


@pytest.fixture
def products(store, vendor):
    """Four products created in this order (oldest first), over two stores."""
    other_store = StorePageFactory(vendor=vendor, title="Book Nook")
    specs = [
        (store, "banjo strings", "12.00", 0, False),
        (store, "Anvil", "250.00", 2, False),
        (other_store, "Cookbook (e-book)", "5.00", 0, True),
        (other_store, "Drum kit", "99.99", 8, False),
    ]
    return {
        title: ProductPageFactory(
            store=shop,
            title=title,
            price=Decimal(price),
            stock_quantity=stock,
            digital=digital,
        )
        for shop, title, price, stock, digital in specs
    }


def _titles(response):
    return [product.title for product in response.context["products"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ALL_NEWEST_FIRST),
        ({"min_price": "12"}, ["Drum kit", "Anvil", "banjo strings"]),
        ({"max_price": "99.99"}, ["Drum kit", "Cookbook (e-book)", "banjo strings"]),
        ({"min_price": "10", "max_price": "100"}, ["Drum kit", "banjo strings"]),
        ({"in_stock": "true"}, ["Drum kit", "Cookbook (e-book)", "Anvil"]),
        ({"digital": "true"}, ["Cookbook (e-book)"]),
        ({"digital": "false"}, ["Drum kit", "Anvil", "banjo strings"]),
        (
            {"in_stock": "true", "digital": "false", "max_price": "100"},
            ["Drum kit"],
        ),
    ],
)
def test_catalogue_filters(client, products, params, expected):
    response = client.get(CATALOGUE, params)

    assert response.status_code == 200
    assert _titles(response) == expected


def test_catalogue_filters_by_store(client, products, store):
    response = client.get(CATALOGUE, {"store": store.pk})

    assert _titles(response) == ["Anvil", "banjo strings"]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("-created", ALL_NEWEST_FIRST),
        ("newest", ALL_NEWEST_FIRST),
        ("-created_at", ALL_NEWEST_FIRST),
        ("price", ["Cookbook (e-book)", "banjo strings", "Drum kit", "Anvil"]),
        ("-price", ["Anvil", "Drum kit", "banjo strings", "Cookbook (e-book)"]),
        ("name", ["Anvil", "banjo strings", "Cookbook (e-book)", "Drum kit"]),
    ],
)
def test_catalogue_sorts(client, products, ordering, expected):
    response = client.get(CATALOGUE, {"ordering": ordering})

    assert _titles(response) == expected


@pytest.mark.parametrize(
    ("params", "field", "expected"),
    [
        ({"min_price": "abc"}, "min_price", ALL_NEWEST_FIRST),
        ({"max_price": "-5"}, "max_price", ALL_NEWEST_FIRST),
        ({"min_price": "1e400"}, "min_price", ALL_NEWEST_FIRST),
        ({"min_price": "NaN"}, "min_price", ALL_NEWEST_FIRST),
        ({"max_price": "9" * 40}, "max_price", ALL_NEWEST_FIRST),
        ({"min_price": "50", "max_price": "10"}, "max_price", ["Drum kit", "Anvil"]),
        ({"store": "not-a-number"}, "store", ALL_NEWEST_FIRST),
        ({"store": "999999"}, "store", ALL_NEWEST_FIRST),
        ({"digital": "maybe"}, "digital", ALL_NEWEST_FIRST),
        ({"ordering": "price; DROP TABLE"}, "ordering", ALL_NEWEST_FIRST),
    ],
)
def test_catalogue_ignores_an_invalid_filter_and_says_why(
    client, products, params, field, expected
):
    response = client.get(CATALOGUE, params)

    assert response.status_code == 200
    assert list(response.context["filter_form"].errors) == [field]
    assert _titles(response) == expected


def test_catalogue_keeps_valid_filters_beside_invalid_ones(client, products):
    response = client.get(CATALOGUE, {"min_price": "abc", "digital": "true"})

    assert _titles(response) == ["Cookbook (e-book)"]


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=0",
        "page=-1",
        "page=99999999999999999999999999",
        "page=2.5",
        "page=",
        "page=1&page=2",
        "in_stock=banana",
        "ordering=",
        "store=",
        "store=99999999999999999999999",
        "store=-3",
        "min_rating=99999999999999999999999",
        "min_price=%00",
        "q=%F0%9F%98%80",
        "q=%22",
        "q=%22unbalanced",
        "q=%00",
        "q=mug%22%20AND%20%22",
        "q=NEAR(a%20b)",
        "q=-%2B*~%3C%3E(%40",
        "unknown=1",
        "store[]=1&min_price[]=2",
    ],
)
@pytest.mark.parametrize("url", [CATALOGUE, SEARCH, "/stores/", "/stores/kiln-studio/"])
def test_junk_query_strings_never_fail(client, products, url, query):
    response = client.get(f"{url}?{query}")

    # The catalogue has no page past CATALOGUE_MAX_PAGES: a 404 that says so.
    past_the_cap = url == CATALOGUE and query == "page=99999999999999999999999999"
    assert response.status_code == (404 if past_the_cap else 200)


def test_page_past_the_end_shows_the_last_page(client, store):
    for number in range(25):
        ProductPageFactory(store=store, title=f"Cup {number:02d}")

    response = client.get(CATALOGUE, {"page": 99})

    assert response.context["products"].number == 2
    assert _titles(response) == ["Cup 00"]


@search_db
def test_search_finds_a_product_by_a_word_of_its_description(client, store):
    ProductPageFactory(
        store=store,
        title="Breakfast mug",
        description="<p>Glazed in a speckled oatmeal finish.</p>",
    )
    ProductPageFactory(store=store, title="Plain cup")

    response = client.get(SEARCH, {"q": "oatmeal"})

    assert response.status_code == 200
    assert _titles(response) == ["Breakfast mug"]


@search_db
def test_search_finds_products_by_their_store_name(client, products):
    response = client.get(SEARCH, {"q": "nook"})

    # Both match equally well, so their order is the backend's to choose.
    assert sorted(_titles(response)) == ["Cookbook (e-book)", "Drum kit"]


@search_db
def test_search_finds_a_store_by_its_description(client, store):
    response = client.get(SEARCH, {"q": "workshop"})

    assert response.context["stores"] == [store]


def test_search_without_a_query_lists_nothing(client, products):
    response = client.get(SEARCH, {"q": "   "})

    assert response.status_code == 200
    assert response.context["stores"] == []
    assert _titles(response) == []


@pytest.mark.parametrize("url", [CATALOGUE, SEARCH])
def test_catalogue_and_search_refuse_posts(client, url):
    response = client.post(url)

    assert response.status_code == 405
