"""Cached answers are sent from the top of the middleware stack: with the headers
the stack gave them, to the visitors they may go to, and only while fresh."""

import uuid

import pytest
from django.core.cache import caches
from django.test import Client, override_settings

from api.tests.conftest import bearer
from pagecache.responses import Entry, LocalEntries
from vendors.tests.factories import ProductPageFactory

# Headers the security, clickjacking and CSP middleware add below the page cache.
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
)


@pytest.mark.django_db
def test_a_hit_carries_the_headers_the_whole_stack_gave_the_page(client, product):
    miss = client.get(product.url)
    hit = client.get(product.url)

    assert (miss["X-Cache"], hit["X-Cache"]) == ("MISS", "HIT")
    for header in SECURITY_HEADERS:
        assert hit[header] == miss[header], header
    assert "Set-Cookie" not in hit
    assert hit["Cache-Control"] == miss["Cache-Control"]


@pytest.mark.django_db
def test_a_conditional_hit_is_a_304_with_the_security_headers(client, product):
    etag = client.get(product.url)["ETag"]

    response = client.get(product.url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert "Content-Security-Policy" in response
    assert "Content-Type" not in response


@pytest.mark.django_db
def test_a_hit_skips_the_rest_of_the_stack(client, product, settings):
    client.get(product.url)
    # A middleware that fails every request it sees: a hit never reaches it.
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "pagecache.tests.test_top_of_stack.Refuse",
    ]
    client = Client()  # loads the middleware anew

    assert client.get(product.url)["X-Cache"] == "HIT"
    assert client.get("/stores/").status_code == 418


class Refuse:
    def __init__(self, get_response):
        pass

    def __call__(self, request):
        from django.http import HttpResponse

        return HttpResponse(status=418)


@pytest.mark.django_db
def test_an_anonymous_api_answer_is_sent_without_authentication(
    api_client, product, django_assert_num_queries
):
    url = f"/api/products/{product.pk}/"
    api_client.get(url)

    with django_assert_num_queries(0):
        hit = api_client.get(url)

    assert (hit.status_code, hit["X-Cache"]) == (200, "HIT")
    assert hit.json()["name"] == product.title


@pytest.mark.django_db
def test_a_cached_public_read_still_refuses_a_bad_token(api_client, product):
    api_client.get("/api/products/")

    refused = api_client.get("/api/products/", HTTP_AUTHORIZATION="Bearer not-a-token")

    assert refused.status_code == 401
    assert refused.json()["code"] == "token_not_valid"


@pytest.mark.django_db
def test_a_cached_public_list_is_served_to_a_valid_token_after_authentication(
    api_client, buyer, product
):
    anonymous = api_client.get("/api/products/")

    signed_in = api_client.get("/api/products/", HTTP_AUTHORIZATION=bearer(buyer))

    assert (signed_in.status_code, signed_in["X-Cache"]) == (200, "HIT")
    assert signed_in.content == anonymous.content


@pytest.mark.django_db
def test_a_vendor_signed_in_by_session_is_not_sent_the_anonymous_detail(
    api_client, client, store, vendor
):
    product = ProductPageFactory(store=store, title="Teapot")
    url = f"/api/products/{product.pk}/"
    assert api_client.get(url)["X-Cache"] == "MISS"
    client.force_login(vendor)

    response = client.get(url)

    assert response.status_code == 200
    assert "X-Cache" not in response


@pytest.mark.django_db
def test_a_change_is_seen_by_a_process_that_kept_the_page_in_memory(client, store):
    product = ProductPageFactory(store=store, title="Blue jug")
    client.get(product.url)
    assert client.get(product.url)["X-Cache"] == "HIT"

    product.title = "Green jug"
    product.save_revision().publish()
    response = client.get(product.url)

    assert response["X-Cache"] == "MISS"
    assert b"Green jug" in response.content


def _entry(size: int) -> Entry:
    return Entry({}, 200, (), b"x" * size, '"e"', 0.0)


def test_the_memory_tier_keeps_to_its_size_and_drops_the_oldest():
    entries = LocalEntries(max_bytes=800)
    for name in "abcdefghi":
        entries.put(name, _entry(100))
    entries.get("b")  # recently used: kept
    entries.put("j", _entry(100))

    assert entries.size <= 800
    assert entries.get("a") is None
    assert entries.get("c") is None
    assert entries.get("b") is not None
    assert entries.get("j") is not None


def test_the_memory_tier_does_not_keep_an_answer_of_an_eighth_of_its_size():
    entries = LocalEntries(max_bytes=800)
    entries.put("big", _entry(101))

    assert entries.get("big") is None


@override_settings(
    CACHES={
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "redis": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/14",
        },
    }
)
def test_the_redis_backend_reuses_one_client_and_works_as_djangos():
    redis_cache = caches["redis"]
    key = f"test:{uuid.uuid4().hex}"

    redis_cache.set(key, {"a": 1}, timeout=30)
    redis_cache.set_many({f"{key}:2": 2}, timeout=30)

    assert redis_cache.get(key) == {"a": 1}
    assert redis_cache.get_many([key, f"{key}:2", f"{key}:3"]) == {
        key: {"a": 1},
        f"{key}:2": 2,
    }
    client = redis_cache._cache.get_client(key)
    assert redis_cache._cache.get_client(key) is client
    redis_cache.delete_many([key, f"{key}:2"])
    assert redis_cache.get(key) is None
