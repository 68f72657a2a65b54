"""Pages showing reviews or ratings run as many queries for 50 as for 5."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import UserFactory
from reviews.tests.factories import (
    ReviewFactory,
    ReviewReplyFactory,
    ReviewReportFactory,
)
from vendors.tests.factories import ProductPageFactory


@pytest.fixture(autouse=True)
def _roomy_cache(settings):
    # As in vendors' query-count tests: keep Wagtail's cached site root paths.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }
    # Count what a render costs: a cache hit costs none (pagecache's own tests).
    settings.PAGE_CACHE_ENABLED = False


def _add_reviews(product, count: int, *, reporter) -> None:
    for n in range(count):
        review = ReviewFactory(product=product, rating=n % 5 + 1)
        if n % 2:
            ReviewReplyFactory(review=review)
        if n % 3 == 0:
            ReviewReportFactory(review=review, user=reporter)


def _queries_for(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("visitor", ["anonymous", "buyer", "vendor"])
def test_product_page_queries_do_not_grow_with_reviews(
    client, product, vendor, visitor
):
    user = {"anonymous": None, "buyer": UserFactory(), "vendor": vendor}[visitor]
    reporter = user if visitor == "buyer" else UserFactory()
    if user is not None:
        client.force_login(user)
    # 5 reviews on the page, then a full page of 10 out of 50.
    url = product.url + "?reviews_page=1&reviews_sort=highest"

    _add_reviews(product, 5, reporter=reporter)
    at_5 = _queries_for(client, url)
    _add_reviews(product, 45, reporter=reporter)
    at_50 = _queries_for(client, url)

    assert at_5 == at_50


@pytest.mark.parametrize(
    "url",
    ["/catalogue/", "/catalogue/?ordering=-rating&min_rating=2", "/search/?q=thing"],
)
def test_rated_product_cards_add_no_queries(client, store, url):
    def add_rated_products(count: int) -> None:
        for n in range(count):
            ReviewFactory(product=ProductPageFactory(store=store), rating=n % 4 + 2)

    add_rated_products(5)
    at_5 = _queries_for(client, url)
    add_rated_products(45)
    at_50 = _queries_for(client, url)

    assert at_5 == at_50
    # InnoDB's full-text index sees rows only once committed: on MariaDB the
    # search finds nothing inside the test's transaction.
    if url.startswith("/catalogue/"):
        assert "out of 5 stars" in client.get(url).content.decode()
