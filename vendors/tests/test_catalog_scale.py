"""What keeps uncached lists cheap at catalog size: capped counts and pages,
ranked search that stops at its limit, fixed query counts, the generator."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page

from api.pagination import CappedPageNumberPagination
from reviews.models import ProductRating
from shop.models import Stock
from vendors import selectors, views
from vendors.models import ProductPage, StorePage
from vendors.selectors import CappedPaginator, catalogue_search, products_public
from vendors.tests.factories import ProductPageFactory, StorePageFactory
from vendors.tests.markers import search_db

CATALOGUE = reverse("vendors:catalogue")
SEARCH = reverse("vendors:search")


def _titles(page) -> list[str]:
    return [product.title for product in page]


def test_capped_paginator_counts_no_further_than_its_pages(store):
    for number in range(5):
        ProductPageFactory(store=store, title=f"Cup {number}")

    paginator = CappedPaginator(products_public(), 2, max_pages=2)

    assert paginator.count == 4
    assert paginator.is_capped is True
    assert paginator.num_pages == 2
    assert paginator.get_page(3).number == 2


def test_capped_paginator_below_its_cap_counts_exactly(store):
    for number in range(3):
        ProductPageFactory(store=store, title=f"Cup {number}")

    paginator = CappedPaginator(products_public(), 2, max_pages=2)

    assert paginator.count == 3
    assert paginator.is_capped is False


def test_catalogue_says_there_are_more_than_it_counted(client, store, monkeypatch):
    monkeypatch.setattr(views, "CATALOGUE_PER_PAGE", 2)
    monkeypatch.setattr(views, "CATALOGUE_MAX_PAGES", 1)
    for number in range(3):
        ProductPageFactory(store=store, title=f"Cup {number}")

    response = client.get(CATALOGUE)

    assert response.status_code == 200
    assert response.context["products"].number == 1
    assert "2+ products" in response.content.decode()


def test_a_catalogue_page_past_the_cap_is_a_404_that_says_why(
    client, store, monkeypatch
):
    monkeypatch.setattr(views, "CATALOGUE_PER_PAGE", 2)
    monkeypatch.setattr(views, "CATALOGUE_MAX_PAGES", 1)
    for number in range(3):
        ProductPageFactory(store=store, title=f"Cup {number}")

    response = client.get(CATALOGUE, {"page": 2, "ordering": "price"})

    assert response.status_code == 404
    text = response.content.decode()
    assert "There is no page 2" in text
    assert "The catalogue shows its first 1 page (2 products)" in text
    # The way on keeps the visitor's sort order.
    assert 'href="?ordering=price"' in text
    assert 'href="?page=1&amp;ordering=price"' in text


@pytest.mark.parametrize("number", ["101", "1000000", "99999999999999999999"])
def test_catalogue_pages_past_100_do_not_exist_however_few_products(
    client, store, number
):
    ProductPageFactory(store=store, title="Cup")

    response = client.get(CATALOGUE, {"page": number})

    assert response.status_code == 404
    assert "This list has 1 page." in response.content.decode()


@pytest.mark.parametrize("number", ["0", "-1", "abc", "1.5", "", "100"])
def test_other_catalogue_page_numbers_show_a_page_as_before(client, store, number):
    ProductPageFactory(store=store, title="Cup")

    response = client.get(CATALOGUE, {"page": number})

    assert response.status_code == 200
    assert response.context["products"].number == 1


def test_api_product_list_past_its_cap_is_a_404(api_client, store, monkeypatch):
    monkeypatch.setattr(CappedPageNumberPagination, "MAX_RESULTS", 2)
    for number in range(3):
        ProductPageFactory(store=store, title=f"Cup {number}")

    last = api_client.get("/api/products/", {"page_size": 1, "page": 2})
    past = api_client.get("/api/products/", {"page_size": 1, "page": 3})

    assert last.status_code == 200
    assert last.json()["count"] == 2
    assert last.json()["next"] is None
    assert past.status_code == 404


def test_product_lists_leave_out_closed_stores_products(store, vendor):
    closed = StorePageFactory(vendor=vendor, is_active=False)
    ProductPageFactory(store=store, title="Open cup")
    ProductPageFactory(store=closed, title="Closed cup")

    assert _titles(products_public()) == ["Open cup"]


@pytest.mark.parametrize(
    ("path", "most"),
    [
        ("/", 14),
        ("/catalogue/", 12),
        ("/catalogue/?ordering=price&in_stock=on&page=2", 12),
        # Promotions, facets with counts, and what the search found (searches app).
        ("/search/?q=cup", 21),
        ("/api/products/", 8),
        ("/api/products/?search=cup&ordering=price", 8),
    ],
)
def test_uncached_lists_run_a_fixed_small_number_of_queries(
    client, store, settings, django_assert_max_num_queries, path, most
):
    # Every request a cache miss: what a visitor pays when the cache is cold.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    }
    for number in range(30):
        ProductPageFactory(store=store, title=f"Cup {number}")
    client.get(path)

    with django_assert_max_num_queries(most):
        response = client.get(path)

    assert response.status_code == 200


@search_db
def test_search_ranks_a_title_match_before_a_description_match(store):
    ProductPageFactory(
        store=store, title="Plain bowl", description="<p>Glazed like a teapot.</p>"
    )
    ProductPageFactory(store=store, title="Speckled teapot")

    _, products = catalogue_search(query="teapot")

    assert _titles(products[0:10]) == ["Speckled teapot", "Plain bowl"]


@search_db
def test_search_stops_at_its_most_results(store, monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_MAX_RESULTS", 2)
    for number in range(3):
        ProductPageFactory(store=store, title=f"Teapot {number}")

    _, products = catalogue_search(query="teapot")

    assert len(products) == 2


@search_db
def test_search_leaves_out_products_no_longer_visible(store):
    ProductPageFactory(store=store, title="Teapot kept")
    ProductPageFactory(store=store, title="Teapot gone").unpublish()

    _, products = catalogue_search(query="teapot")

    assert _titles(products[0:10]) == ["Teapot kept"]


@search_db
def test_generate_catalog_builds_a_valid_tree_that_lists_and_searches(client):
    call_command("generate_catalog", products=30, stores=2, stdout=StringIO())

    assert Page.find_problems() == ([], [], [], [], [])
    assert ProductPage.objects.live().count() == 30
    assert Stock.objects.count() == 30
    assert ProductRating.objects.filter(average__isnull=False).exists()
    assert [store.numchild for store in StorePage.objects.order_by("pk")] == [15, 15]
    assert client.get(CATALOGUE).context["products"].paginator.count == 30
    word = ProductPage.objects.order_by("pk").first().title.split()[-1]
    _, found = catalogue_search(query=word)
    assert len(found) >= 1


@search_db
def test_generate_catalog_indexes_its_stores_with_no_task_worker(settings):
    # As in development and production: publishing queues the index update.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    call_command("generate_catalog", products=4, stores=2, stdout=StringIO())

    stores, _ = catalogue_search(query="bench store")

    assert sorted(store.title for store in stores) == ["Bench store 1", "Bench store 2"]


def test_a_later_page_lists_its_rows_in_the_chosen_order(client, store, monkeypatch):
    # Later pages load their ids first, then the rows (CappedPaginator).
    monkeypatch.setattr(views, "CATALOGUE_PER_PAGE", 2)
    for number, price in enumerate([5, 3, 9, 1, 7]):
        ProductPageFactory(store=store, title=f"Cup {number}", price=price)

    second = client.get(CATALOGUE, {"page": 2, "ordering": "price"})
    third = client.get(CATALOGUE, {"page": 3, "ordering": "-price"})

    assert [p.title for p in second.context["products"]] == ["Cup 0", "Cup 4"]
    assert [p.title for p in third.context["products"]] == ["Cup 3"]
    assert second.context["products"].number == 2
