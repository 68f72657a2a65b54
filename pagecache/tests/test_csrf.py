"""Forms on cached pages carry no token of their own (pagecache.csrf)."""

import pytest
from django.test import Client

from shop.session import SessionCart


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


def _add_to_cart(client, product, **headers):
    return client.post(
        "/cart/add/", {"product": product.pk, "quantity": 1}, headers=headers
    )


@pytest.mark.django_db
def test_a_form_sent_from_this_site_needs_no_token(strict_client, product):
    strict_client.get(product.url)

    response = _add_to_cart(
        strict_client,
        product,
        sec_fetch_site="same-origin",
        origin="http://testserver",
    )

    assert response.status_code == 302
    assert SessionCart(strict_client.session).quantities() == {product.pk: 1}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"sec_fetch_site": "cross-site"},
        {"sec_fetch_site": "same-site"},
        {"sec_fetch_site": "same-origin", "origin": "https://evil.example"},
    ],
)
def test_a_form_from_elsewhere_without_a_token_is_refused(
    strict_client, product, headers
):
    response = _add_to_cart(strict_client, product, **headers)

    assert response.status_code == 403
    assert SessionCart(strict_client.session).quantities() == {}


@pytest.mark.django_db
def test_the_token_from_the_session_state_endpoint_is_accepted(strict_client, product):
    token = strict_client.get("/session-state/").json()["csrf_token"]

    response = strict_client.post(
        "/cart/add/",
        {"product": product.pk, "quantity": 1, "csrfmiddlewaretoken": token},
    )

    assert response.status_code == 302
    assert SessionCart(strict_client.session).quantities() == {product.pk: 1}


def test_the_deploy_check_wants_a_csrf_middleware(settings):
    from pagecache.checks import csrf_middleware_check

    present = csrf_middleware_check(None)
    settings.MIDDLEWARE = [
        path for path in settings.MIDDLEWARE if not path.endswith("CsrfViewMiddleware")
    ]

    assert present == []
    assert [warning.id for warning in csrf_middleware_check(None)] == ["pagecache.W001"]
