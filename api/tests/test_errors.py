"""Bad input of every kind gets a 4xx with a JSON body, never a 500."""

import pytest

from api.tests.conftest import bearer

STORES = "/api/stores/"


@pytest.fixture
def vendor_client(api_client, vendor, store_index):
    api_client.credentials(HTTP_AUTHORIZATION=bearer(vendor))
    return api_client


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b'{"name": "Kiln"',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"name": ' * 50_000 + b"1" + b"}" * 50_000,
        b'{"name": NaN}',
        b"\xff\xfe\x00garbage",
        b"",
    ],
    ids=[
        "broken",
        "unterminated",
        "deep-list",
        "deep-object",
        "nan",
        "bad-utf8",
        "empty",
    ],
)
def test_malformed_json_gets_400(vendor_client, body):
    response = vendor_client.generic(
        "POST", STORES, body, content_type="application/json"
    )

    assert response.status_code == 400
    assert "detail" in response.json() or "name" in response.json()


def test_oversized_json_gets_400(vendor_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = b'{"name": "' + b"x" * 2000 + b'"}'

    response = vendor_client.generic(
        "POST", STORES, body, content_type="application/json"
    )

    assert response.status_code == 400


@pytest.mark.parametrize(
    "payload",
    [[], ["name"], "Kiln", 42, None, {"name": None}, {"name": True}],
)
def test_wrong_types_get_400(vendor_client, payload):
    response = vendor_client.post(STORES, payload, format="json")

    assert response.status_code == 400


def test_an_unsupported_media_type_gets_415(vendor_client):
    response = vendor_client.generic("POST", STORES, b"name=x", content_type="text/csv")

    assert response.status_code == 415


@pytest.mark.parametrize(
    ("method", "url"),
    [("put", "/api/stores/1/"), ("delete", STORES), ("post", "/api/auth/me/")],
)
def test_unsupported_methods_get_405(vendor_client, method, url):
    response = getattr(vendor_client, method)(url, {})

    assert response.status_code == 405


@pytest.mark.parametrize(
    "url",
    [
        "/api/stores/999999/",
        "/api/products/999999/",
        "/api/vendors/999999/",
        "/api/stores/999999/products/",
        "/api/products/99999999999999999999999999/",
    ],
)
def test_unknown_ids_get_404(api_client, db, url):
    response = api_client.get(url)

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


def test_anonymous_requests_are_throttled_with_retry_after(api_client, db, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "anon": "2/min",
        },
    }

    # Answers from the page cache are sent before DRF runs (pagecache): each
    # request here asks for a list not cached yet.
    codes = [api_client.get(f"{STORES}?page_size={n}").status_code for n in (1, 2, 3)]
    response = api_client.get(f"{STORES}?page_size=4")

    assert codes == [200, 200, 429]
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 60


def test_signed_in_users_have_their_own_rate(api_client, buyer, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "anon": "1/min",
            "user": "3/min",
        },
    }
    api_client.credentials(HTTP_AUTHORIZATION=bearer(buyer))

    codes = [api_client.get("/api/auth/me/").status_code for _ in range(4)]

    assert codes == [200, 200, 200, 429]


def test_a_protected_endpoint_without_a_token_gets_401_with_www_authenticate(
    api_client, db
):
    response = api_client.post(STORES, {"name": "Kiln"})

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'
