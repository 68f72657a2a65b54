"""One lockout for every door: the API login consumes allauth's failed-login
counters (per account and per client address), shared with the site and admin."""

import pytest
from django.urls import reverse

from accounts.tests.factories import TEST_PASSWORD, UserFactory

LOGIN = "/api/auth/login/"


@pytest.fixture
def roomy_login_throttle(settings):
    # Take DRF's per-address login throttle out of the way, to see allauth's counters.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "login": "1000/min",
        },
    }


def _api_login(api_client, username, password, **headers):
    return api_client.post(
        LOGIN, {"username": username, "password": password}, **headers
    )


def _site_login(client, login, password):
    return client.post(reverse("account_login"), {"login": login, "password": password})


def test_twelve_wrong_logins_from_twelve_forwarded_addresses_end_in_429(
    api_client, buyer
):
    codes = [
        _api_login(
            api_client, buyer.username, "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}"
        ).status_code
        for i in range(12)
    ]
    last = _api_login(
        api_client, buyer.username, TEST_PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.1"
    )

    assert codes == [401] * 5 + [429] * 7
    assert last.status_code == 429
    assert "access" not in last.json()


def test_the_account_counter_gives_retry_after_of_its_window(
    api_client, buyer, roomy_login_throttle
):
    for _ in range(5):
        _api_login(api_client, buyer.username, "wrong")

    response = _api_login(api_client, buyer.username, TEST_PASSWORD)

    assert response.status_code == 429
    assert 295 <= int(response.headers["Retry-After"]) <= 300


def test_an_account_locked_on_the_site_cannot_get_api_tokens(
    client, api_client, buyer, roomy_login_throttle
):
    for _ in range(5):
        _site_login(client, buyer.username, "wrong")

    response = _api_login(api_client, buyer.username, TEST_PASSWORD)

    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0


def test_an_account_locked_through_the_api_cannot_sign_in_on_the_site(
    client, api_client, buyer, roomy_login_throttle
):
    for _ in range(5):
        _api_login(api_client, buyer.username, "wrong")

    response = _site_login(client, buyer.email, TEST_PASSWORD)

    assert "Too many failed login attempts" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_username_and_email_of_one_account_share_one_counter(
    api_client, buyer, roomy_login_throttle
):
    for _ in range(3):
        _api_login(api_client, buyer.username.upper(), "wrong")
    for _ in range(2):
        _api_login(api_client, buyer.email.upper(), "wrong")

    response = _api_login(api_client, buyer.username, TEST_PASSWORD)

    assert response.status_code == 429


def test_a_successful_login_does_not_use_up_the_account_counter(
    api_client, buyer, roomy_login_throttle
):
    codes = [
        _api_login(api_client, buyer.email, TEST_PASSWORD).status_code for _ in range(8)
    ]

    assert codes == [200] * 8


def test_one_address_trying_many_accounts_is_locked_out(
    api_client, db, roomy_login_throttle
):
    users = UserFactory.create_batch(21)

    codes = [_api_login(api_client, u.username, "wrong").status_code for u in users]

    assert codes == [401] * 20 + [429]


def test_a_locked_account_is_not_locked_for_another_account(
    api_client, buyer, vendor, roomy_login_throttle
):
    for _ in range(5):
        _api_login(api_client, buyer.username, "wrong")

    response = _api_login(api_client, vendor.username, TEST_PASSWORD)

    assert response.status_code == 200


@pytest.mark.parametrize(("proxies", "second_address_code"), [(0, 429), (1, 401)])
def test_the_login_throttle_trusts_x_forwarded_for_only_behind_proxies(
    api_client, db, settings, proxies, second_address_code
):
    settings.TRUSTED_PROXY_COUNT = proxies
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "NUM_PROXIES": proxies,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "login": "3/min",
        },
    }
    for i in range(3):
        _api_login(api_client, f"nobody{i}", "x", HTTP_X_FORWARDED_FOR="203.0.113.7")

    response = _api_login(api_client, "nobody", "x", HTTP_X_FORWARDED_FOR="203.0.113.8")

    assert response.status_code == second_address_code


@pytest.mark.parametrize("field", ["username", "password"])
def test_a_one_megabyte_login_field_is_a_400(api_client, db, field):
    data = {"username": "someone", "password": "x", field: "a" * 2**20}

    response = api_client.post(LOGIN, data)

    assert response.status_code == 400
    assert field in str(response.json())


def test_the_site_login_answers_429_with_retry_after_once_locked(
    client, api_client, buyer, roomy_login_throttle
):
    for _ in range(5):
        _api_login(api_client, buyer.username, "wrong")

    response = _site_login(client, buyer.username, TEST_PASSWORD)

    assert response.status_code == 429
    assert 295 <= int(response.headers["Retry-After"]) <= 300
    assert "Too many failed login attempts" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_a_wrong_password_on_the_site_is_still_a_200_with_the_form(client, buyer):
    response = _site_login(client, buyer.username, "wrong")

    assert response.status_code == 200
    assert "Retry-After" not in response.headers


@pytest.fixture
def two_trusted_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 2}


@pytest.mark.parametrize("forwarded_for", ["203.0.113.9", "not-an-address, 10.0.0.1"])
def test_a_short_or_junk_forwarded_for_behind_proxies_is_a_normal_answer(
    client, api_client, buyer, two_trusted_proxies, forwarded_for
):
    # Fewer entries than trusted proxies made allauth raise ImproperlyConfigured (500).
    site = client.post(
        reverse("account_login"),
        {"login": buyer.username, "password": TEST_PASSWORD},
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )
    api = _api_login(
        api_client, buyer.username, TEST_PASSWORD, HTTP_X_FORWARDED_FOR=forwarded_for
    )

    assert site.status_code == 302
    assert api.status_code == 200
    assert "access" in api.json()


def test_a_short_forwarded_for_counts_under_the_connecting_address(
    api_client, db, two_trusted_proxies, roomy_login_throttle
):
    # The header did not pass every proxy, so its (client-chosen) entry is not
    # trusted: each new value is not a fresh bucket.
    codes = [
        _api_login(
            api_client, f"nobody{i}", "x", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}"
        ).status_code
        for i in range(21)
    ]

    assert codes == [401] * 20 + [429]


def test_a_full_forwarded_for_counts_under_the_outer_proxys_view(
    api_client, db, two_trusted_proxies, roomy_login_throttle
):
    for i in range(20):
        _api_login(
            api_client,
            f"nobody{i}",
            "x",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{i}, 203.0.113.7, 10.0.0.1",
        )

    same = _api_login(
        api_client, "nobody", "x", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7, 10.0.0.1"
    )
    other = _api_login(
        api_client, "nobody", "x", HTTP_X_FORWARDED_FOR="203.0.113.8, 10.0.0.1"
    )

    assert same.status_code == 429
    assert other.status_code == 401
