"""The search page: promotions first, facets, no dead ends; every search counted,
cached or not; the reports on what buyers searched for."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from searches.models import QueryOutcome
from searches.selectors import top_queries, vendor_top_queries
from searches.services import search_counted
from searches.tests.outcomes import outcomes_made_stale
from vendors.tests.factories import ProductPageFactory, StorePageFactory
from vendors.tests.markers import search_db

SEARCH = reverse("vendors:search")
SEEN = reverse("searches:seen")


def _titles(response):
    return [product.title for product in response.context["products"]]


def _hits(text: str) -> int:
    query = Query.objects.filter(query_string=text).first()
    return query.hits if query else 0


def _promote(text: str, *pages) -> None:
    query = Query.get(text)
    for order, page in enumerate(pages):
        SearchPromotion.objects.create(query=query, page=page, sort_order=order)


@search_db
def test_promoted_pages_come_first_in_their_group(client, store_index, vendor, store):
    ProductPageFactory(store=store, title="Mug classic")
    pinned = ProductPageFactory(store=store, title="Travel cup")  # no "mug" in it
    other_store = StorePageFactory(vendor=vendor, title="Pottery Barn")
    StorePageFactory(vendor=vendor, title="Mug World")
    _promote("mug", pinned, other_store)

    response = client.get(SEARCH, {"q": "Mug"})

    assert _titles(response) == ["Travel cup", "Mug classic"]
    assert [s.title for s in response.context["stores"]] == [
        "Pottery Barn",
        "Mug World",
    ]
    assert response.content.decode().count("data-promoted") == 2


@search_db
def test_a_promoted_page_the_public_cannot_see_is_left_out(client, store):
    ProductPageFactory(store=store, title="Mug classic")
    hidden = ProductPageFactory(store=store, title="Secret cup", publish=False)
    _promote("mug", hidden)

    response = client.get(SEARCH, {"q": "mug"})

    assert _titles(response) == ["Mug classic"]


@search_db
def test_a_new_promotion_shows_on_a_cached_results_page(client, store):
    ProductPageFactory(store=store, title="Mug classic")
    pinned = ProductPageFactory(store=store, title="Travel cup")
    client.get(SEARCH, {"q": "mug"})

    _promote("mug", pinned)
    response = client.get(SEARCH, {"q": "mug"})

    assert response["X-Cache"] == "MISS"
    assert _titles(response) == ["Travel cup", "Mug classic"]


@search_db
def test_facets_count_the_results_and_narrow_them(client, store_index, vendor, store):
    other = StorePageFactory(vendor=vendor, title="Second shop")
    ProductPageFactory(store=store, title="Mug cheap", price=Decimal("5.00"))
    ProductPageFactory(store=store, title="Mug middle", price=Decimal("15.00"))
    ProductPageFactory(
        store=other, title="Mug dear", price=Decimal("30.00"), stock_quantity=0
    )

    response = client.get(SEARCH, {"q": "mug"})
    facets = {
        facet.name: {option.label: option.count for option in facet.options}
        for facet in response.context["found"].facets
    }
    narrowed = client.get(SEARCH, {"q": "mug", "min_price": "10", "max_price": "24.99"})
    in_stock = client.get(SEARCH, {"q": "mug", "in_stock": "true"})
    by_store = client.get(SEARCH, {"q": "mug", "store": other.pk})

    assert facets["store"] == {store.title: 2, "Second shop": 1}
    assert facets["price"] == {
        "Under $10.00": 1,
        "$10.00 – $25.00": 1,
        "$25.00 – $50.00": 1,
    }
    assert facets["in_stock"] == {"In stock": 2}
    assert "min_rating" not in facets  # nothing rated yet
    assert _titles(narrowed) == ["Mug middle"]
    assert sorted(_titles(in_stock)) == ["Mug cheap", "Mug middle"]
    assert _titles(by_store) == ["Mug dear"]


@search_db
def test_nothing_found_suggests_the_closest_popular_query_and_best_sellers(
    client, store
):
    ProductPageFactory(store=store, title="Coffee beans")
    client.get(SEARCH, {"q": "coffee"})  # renders: found 1
    search_counted(query="coffee")

    response = client.get(SEARCH, {"q": "cofee"})
    page = response.content.decode()

    assert response.context["found"].closest_query == "coffee"
    assert "Did you mean" in page and 'href="/search/?q=coffee"' in page
    assert [p.title for p in response.context["found"].best_sellers] == ["Coffee beans"]


@search_db
def test_every_search_is_counted_even_from_the_cache(client, store):
    ProductPageFactory(store=store, title="Mug classic")

    first = client.get(SEARCH, {"q": "mug"})
    second = client.get(SEARCH, {"q": "mug"})
    for response in (first, second):
        # What the browser does with the image the page holds.
        assert f'src="{SEEN}?q=mug"' in response.content.decode()
        client.get(SEEN, {"q": "mug"})

    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert _hits("mug") == 2


@search_db
def test_paging_filtering_or_sorting_is_not_a_new_search(client, store):
    ProductPageFactory(store=store, title="Mug classic")

    for params in ({"page": "2"}, {"ordering": "price"}, {"in_stock": "true"}):
        response = client.get(SEARCH, {"q": "mug", **params})
        assert SEEN not in response.content.decode()


@pytest.mark.django_db
def test_the_counting_image_is_never_cached_and_ignores_empty_queries(client):
    response = client.get(SEEN, {"q": "  !! "})

    assert response["Content-Type"] == "image/gif"
    assert "no-store" in response["Cache-Control"]
    assert Query.objects.count() == 0


@search_db
def test_zero_result_queries_are_recorded_and_reported(admin_client, client, store):
    ProductPageFactory(store=store, title="Mug classic")
    for text in ("zebra", "zebra", "mug", "quokka"):
        client.get(SEARCH, {"q": text})
        client.get(SEEN, {"q": text})

    zero = top_queries(zero_results=True)
    report = admin_client.get(reverse("search_reports:report"))
    page = report.content.decode()

    assert [(row.query_string, row.hits) for row in zero] == [
        ("zebra", 2),
        ("quokka", 1),
    ]
    assert QueryOutcome.objects.get(query__query_string="mug").result_count == 1
    assert report.status_code == 200
    zebra = Query.objects.get(query_string="zebra")
    promote = reverse("wagtailsearchpromotions:edit", args=[zebra.pk])
    assert f'href="{promote}"' in page
    assert "Promote something for “zebra”" in page


@search_db
def test_a_promotion_takes_a_query_off_the_zero_results_report(client, store):
    pinned = ProductPageFactory(store=store, title="Travel cup")
    client.get(SEARCH, {"q": "zebra"})
    client.get(SEEN, {"q": "zebra"})

    _promote("zebra", pinned)
    client.get(SEARCH, {"q": "zebra"})

    assert top_queries(zero_results=True) == []


@search_db
def test_vendors_see_the_queries_that_found_their_own_products(
    client, vendor_client, vendor, store, store_index
):
    other_store = StorePageFactory(title="Other shop")
    ProductPageFactory(store=store, title="Mug classic")
    ProductPageFactory(store=store, title="Mug tall")
    ProductPageFactory(store=other_store, title="Teapot")
    for text in ("mug", "mug", "teapot"):
        client.get(SEARCH, {"q": text})
        client.get(SEEN, {"q": text})

    mine = vendor_top_queries(user=vendor)
    theirs = vendor_top_queries(user=other_store.vendor)
    report = vendor_client.get(reverse("search_reports:vendor_report"))

    assert [(r.query_string, r.hits, r.product_count) for r in mine] == [("mug", 2, 2)]
    assert [r.query_string for r in theirs] == ["teapot"]
    assert report.status_code == 200
    assert "mug" in report.content.decode()
    assert "teapot" not in report.content.decode()


@pytest.mark.django_db
def test_vendors_cannot_open_the_marketplace_search_report(vendor_client, store):
    for url in (
        reverse("search_reports:report"),
        reverse("wagtailsearchpromotions:index"),
    ):
        assert vendor_client.get(url).status_code == 404


def _search_queries(client, text) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(SEARCH, {"q": text})
    return len(queries)


@search_db
def test_a_search_costs_the_same_queries_however_many_products_match(client, store):
    for number in range(2):
        ProductPageFactory(
            store=store, title=f"Mug {number}", price=Decimal(number + 5)
        )
    _search_queries(client, "teapot")  # warms what any first search loads
    # Each a query not searched before, so each writes its outcome.
    few = _search_queries(client, "mug")
    for number in range(14):
        ProductPageFactory(
            store=store, title=f"Cup {number}", price=Decimal(number * 9)
        )

    many = _search_queries(client, "cup")

    assert many == few


@search_db
def test_another_search_backend_gives_the_same_results_page(client, store, monkeypatch):
    monkeypatch.setattr("searches.selectors.ranked_ids", lambda *a, **k: None)
    ProductPageFactory(store=store, title="Mug classic")
    ProductPageFactory(store=store, title="Mug hidden", publish=False)

    response = client.get(SEARCH, {"q": "mug"})

    assert _titles(response) == ["Mug classic"]


def _search_rows(client, text, rows_read) -> int:
    # The outcome made stale, so each search writes it again the same way.
    outcomes_made_stale()
    cache.clear()
    before = rows_read()
    client.get(SEARCH, {"q": text})
    return rows_read() - before


@search_db
def test_a_search_reads_no_more_rows_when_its_stores_hold_more_products(
    client, store, rows_read
):
    ProductPageFactory(store=store, title="Mug classic")
    ProductPageFactory(store=store, title="Mug tall")
    _search_rows(client, "mug", rows_read)  # warms what any first search loads
    few = _search_rows(client, "mug", rows_read)
    for number in range(30):
        ProductPageFactory(store=store, title=f"Plate {number}")

    many = _search_rows(client, "mug", rows_read)

    # The store facet once started from the store table and read every
    # product of each store (30 more here).
    assert many - few < 10, (few, many)
