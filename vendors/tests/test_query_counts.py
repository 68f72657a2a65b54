"""Every storefront page runs the same number of queries for 5 items as for 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vendors.models import ProductGalleryImage
from vendors.tests.factories import ImageFactory, ProductPageFactory, StorePageFactory


@pytest.fixture(autouse=True)
def _roomy_cache(settings):
    # Renditions fill the cache; at locmem's default of 300 entries it would evict
    # Wagtail's cached site root paths part-way and add a query of its own.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }
    # Count what a render costs: a cache hit costs none (pagecache's own tests).
    settings.PAGE_CACHE_ENABLED = False


def _queries_for(client, url: str) -> int:
    # The first request makes the renditions; the second is the one measured.
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _add_stores(count: int, **kwargs) -> list:
    return [
        StorePageFactory(logo=ImageFactory(), banner=ImageFactory(), **kwargs)
        for _ in range(count)
    ]


def _add_products(store, count: int) -> None:
    for _ in range(count):
        ProductPageFactory(store=store, image=ImageFactory())


def _queries_at_5_and_50(client, url: str, add_items) -> tuple[int, int]:
    add_items(5)
    at_5 = _queries_for(client, url)
    add_items(45)
    return at_5, _queries_for(client, url)


def test_home_page_queries_do_not_grow(client, store):
    def add_items(count):
        for featured in _add_stores(count, is_featured=True):
            _add_products(featured, 1)

    at_5, at_50 = _queries_at_5_and_50(client, "/", add_items)

    assert at_5 == at_50


def test_stores_listing_queries_do_not_grow(client, store):
    def add_items(count):
        for added in _add_stores(count):
            _add_products(added, 1)

    at_5, at_50 = _queries_at_5_and_50(client, "/stores/", add_items)

    assert at_5 == at_50


def test_store_page_queries_do_not_grow(client, store):
    at_5, at_50 = _queries_at_5_and_50(
        client, store.url, lambda count: _add_products(store, count)
    )

    assert at_5 == at_50


def test_catalogue_queries_do_not_grow(client, store, vendor):
    other_store = StorePageFactory(vendor=vendor)

    def add_items(count):
        _add_products(store, count - count // 2)
        _add_products(other_store, count // 2)

    at_5, at_50 = _queries_at_5_and_50(client, "/catalogue/", add_items)

    assert at_5 == at_50


@pytest.mark.parametrize("query", ["", "?in_stock=true&ordering=price"])
def test_filtered_catalogue_queries_do_not_grow(client, store, query):
    at_5, at_50 = _queries_at_5_and_50(
        client, f"/catalogue/{query}", lambda count: _add_products(store, count)
    )

    assert at_5 == at_50


def test_a_later_catalogue_page_queries_do_not_grow(client, store):
    """A later page reads its ids first, then those rows (CappedPaginator): one
    query more than the first page, however many products there are."""
    url = "/catalogue/?in_stock=true&ordering=price&page=2"
    _add_products(store, 30)
    first_page = _queries_for(client, "/catalogue/?in_stock=true&ordering=price")
    at_30 = _queries_for(client, url)
    _add_products(store, 60)

    assert at_30 == _queries_for(client, url) == first_page + 1


def test_search_queries_do_not_grow(client, store):
    at_5, at_50 = _queries_at_5_and_50(
        client, "/search/?q=thing", lambda count: _add_products(store, count)
    )

    assert at_5 == at_50


def test_product_page_queries_do_not_grow(client, store):
    product = ProductPageFactory(store=store, image=ImageFactory())

    def add_items(count):
        # More pictures in the gallery, and more products beside it in the store.
        for _ in range(count):
            ProductGalleryImage.objects.create(
                page=product, image=ImageFactory(), caption="Side view"
            )
        _add_products(store, count)

    at_5, at_50 = _queries_at_5_and_50(client, product.url, add_items)

    assert at_5 == at_50
    assert len(client.get(product.url).context["gallery"]) == 51


# Routing loads the site, the home page, the store index, then the product with
# its store (and vendor), stock, rating, picture and 30-day lowest price (the
# "was" price, alerts) in one query; then the view restrictions (by path: the
# ancestors come from routing), the gallery and its renditions, "More from this
# store" with its pictures and their renditions, and the site settings. The
# breadcrumb and the JSON-LD reuse the ancestors and the gallery; an unreviewed
# product's reviews are not counted.
PRODUCT_PAGE_QUERIES = 11


def _pictured_product_seen_once(client, store):
    """A product with a picture and a gallery picture, four pictured products
    beside it in its store, and its page requested once (which makes the
    renditions)."""
    product = ProductPageFactory(store=store, image=ImageFactory())
    ProductGalleryImage.objects.create(page=product, image=ImageFactory())
    _add_products(store, 4)
    client.get(product.url)
    return product


def test_the_product_page_runs_a_pinned_number_of_queries(
    client, store, django_assert_num_queries
):
    product = _pictured_product_seen_once(client, store)

    with django_assert_num_queries(PRODUCT_PAGE_QUERIES):
        response = client.get(product.url)

    content = response.content.decode()
    # home, stores, the store, the product
    assert content.count('class="breadcrumb-item') == 4
    assert '"@type":"BreadcrumbList"' in content


def test_a_product_page_rendered_again_writes_no_rendition_to_the_cache(
    client, store, rendition_cache_writes
):
    # Its renditions are prefetched; writing them back pickled a rendition and
    # its image per picture on every request (home.seo used get_rendition).
    product = _pictured_product_seen_once(client, store)
    rendition_cache_writes.clear()  # the first render makes them

    response = client.get(product.url)

    assert response.status_code == 200
    assert rendition_cache_writes == []
    # The share picture is still there, in the page's head and its JSON-LD.
    assert 'property="og:image"' in response.content.decode()


def test_a_product_is_routed_with_its_store_in_one_query(
    rf, store, django_assert_num_queries
):
    product = ProductPageFactory(store=store)
    index = store.get_parent().specific
    request = rf.get(product.url)

    with django_assert_num_queries(1):
        routed = index.route(request, [store.slug, product.slug])
        # Its store and parent are the store loaded with it.
        assert routed.page.store.vendor == store.vendor
        assert routed.page.get_parent().pk == store.pk

    assert routed.page == product
    assert index.route(request, [store.slug]).page == store
