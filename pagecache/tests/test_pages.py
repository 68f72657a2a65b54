"""Public pages from the cache: the same HTML for everyone, conditional GETs,
and fixed query counts (the root conftest clears the cache for every test)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pagecache.responses import release
from searches.tests.outcomes import outcomes_made_stale
from vendors.tests.factories import ProductPageFactory


def _public_urls(store, product):
    return [
        "/",
        "/stores/",
        store.url,
        product.url,
        "/catalogue/",
        "/catalogue/?sort=price&page=1",
        "/search/?q=mug",
    ]


@pytest.fixture
def catalogue(store, product):
    return store, product


@pytest.mark.django_db
def test_every_public_page_is_served_from_the_cache_without_a_query(
    client, catalogue, django_assert_num_queries
):
    for url in _public_urls(*catalogue):
        first = client.get(url)
        with django_assert_num_queries(0):
            second = client.get(url)

        assert (first.status_code, first["X-Cache"]) == (200, "MISS"), url
        assert (second.status_code, second["X-Cache"]) == (200, "HIT"), url
        assert second.content == first.content


@pytest.mark.django_db
def test_a_signed_in_visitor_gets_the_cached_page_without_a_query(
    client, buyer_client, catalogue, django_assert_num_queries
):
    store, product = catalogue
    client.get(product.url)

    with django_assert_num_queries(0):
        response = buyer_client.get(product.url)

    assert response["X-Cache"] == "HIT"


@pytest.mark.django_db
def test_a_page_rendered_for_a_signed_in_buyer_holds_nothing_of_theirs(
    client, buyer, product
):
    buyer.username = "ada-lovelace"
    buyer.save()
    client.force_login(buyer)
    client.post("/cart/add/", {"product": product.pk, "quantity": 3}, follow=True)
    mine = client.get(product.url)
    client.logout()

    theirs = client.get(product.url)

    assert mine["X-Cache"] == "MISS"
    assert theirs["X-Cache"] == "HIT"
    assert theirs.content == mine.content
    html = mine.content.decode()
    assert "ada-lovelace" not in html
    assert "csrfmiddlewaretoken" not in html
    assert "Log out" not in html
    assert "data-cart-count hidden></span>" in html
    assert "Set-Cookie" not in str(mine.headers)
    assert "Cookie" not in mine.get("Vary", "")


@pytest.mark.django_db
def test_a_cached_page_says_how_long_it_may_be_kept_and_answers_304(
    client, product, settings
):
    settings.PAGE_CACHE_MAX_AGE = 0
    settings.PAGE_CACHE_S_MAXAGE = 60
    settings.PAGE_CACHE_STALE_WHILE_REVALIDATE = 30
    first = client.get(product.url)

    by_etag = client.get(product.url, headers={"If-None-Match": first["ETag"]})
    by_date = client.get(
        product.url, headers={"If-Modified-Since": first["Last-Modified"]}
    )
    other = client.get(product.url, headers={"If-None-Match": '"something-else"'})

    assert set(first["Cache-Control"].split(", ")) == {
        "public",
        "max-age=0",
        "s-maxage=60",
        "stale-while-revalidate=30",
    }
    assert (by_etag.status_code, by_etag.content) == (304, b"")
    assert by_etag["ETag"] == first["ETag"]
    assert by_date.status_code == 304
    assert other.status_code == 200


@pytest.mark.django_db
def test_query_strings_that_mean_the_same_share_one_entry(client, product):
    client.get("/catalogue/?sort=price&digital=")

    response = client.get("/catalogue/?sort=price")

    assert response["X-Cache"] == "HIT"


@pytest.mark.django_db
def test_each_page_of_a_listing_is_its_own_entry(client, store):
    for number in range(30):
        ProductPageFactory(store=store, title=f"Bowl {number:02}")
    first = client.get("/catalogue/?page=1")

    second = client.get("/catalogue/?page=2")

    assert second["X-Cache"] == "MISS"
    assert second.content != first.content


@pytest.fixture
def _release_read_again():
    release.cache_clear()
    yield
    release.cache_clear()


@pytest.mark.django_db
@pytest.mark.usefixtures("_release_read_again")
def test_a_new_release_does_not_serve_what_the_last_one_rendered(
    client, product, settings
):
    settings.PAGE_CACHE_RELEASE = "a1"
    client.get(product.url)
    assert client.get(product.url)["X-Cache"] == "HIT"
    settings.PAGE_CACHE_RELEASE = "b2"  # the next release's processes
    release.cache_clear()

    response = client.get(product.url)

    assert response["X-Cache"] == "MISS"


@pytest.mark.usefixtures("_release_read_again")
def test_without_a_release_id_the_static_manifest_stands_for_it(settings, tmp_path):
    settings.PAGE_CACHE_RELEASE = ""
    settings.STATIC_ROOT = tmp_path
    assert release() == ""  # development: nothing collected
    manifest = tmp_path / "staticfiles.json"
    manifest.write_text('{"paths": {"css/site.css": "css/site.1.css"}}')
    release.cache_clear()
    first = release()
    manifest.write_text('{"paths": {"css/site.css": "css/site.2.css"}}')
    release.cache_clear()

    assert first and release() and release() != first


def _queries_for(client, url) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_a_cache_miss_costs_the_same_queries_however_many_products(client, store):
    first = ProductPageFactory(store=store, title="Mug one")
    ProductPageFactory(store=store, title="Mug two")
    urls = _public_urls(store, first)
    for url in urls:  # what a process loads once (content types and the like)
        _queries_for(client, url)
    few = _misses(client, urls)
    for number in range(6):
        ProductPageFactory(store=store, title=f"Mug extra {number}")

    many = _misses(client, urls)

    assert many == few


def _misses(client, urls) -> dict[str, int]:
    # Each search writes its outcome again: kept while fresh and unchanged it
    # would be one read (on MariaDB, whose full-text index sees none of these
    # uncommitted products, the search finds none both times).
    outcomes_made_stale()
    return {url: _queries_for(client, url) for url in urls}


@pytest.mark.django_db
def test_messages_waiting_are_shown_on_a_page_of_their_own(client, product):
    cached = client.get(product.url)

    refused = client.post(
        "/cart/add/",
        {"product": product.pk, "quantity": 999, "next": product.url},
        follow=True,
    )
    after = client.get(product.url)

    assert refused.redirect_chain == [(product.url, 302)]
    assert "alert-danger" in refused.content.decode()
    assert "X-Cache" not in refused
    assert "alert-danger" not in after.content.decode()
    assert (after["X-Cache"], after.content) == ("HIT", cached.content)
