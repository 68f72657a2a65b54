"""Token pairs end with logout, a new password or "log out everywhere", and a chain
of rotated refresh tokens has an absolute limit."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from accounts.models import User
from accounts.tests.factories import TEST_PASSWORD

LOGIN = "/api/auth/login/"
REFRESH = "/api/auth/refresh/"
LOGOUT = "/api/auth/logout/"
LOGOUT_EVERYWHERE = "/api/auth/logout-everywhere/"
ME = "/api/auth/me/"
NEW_PASSWORD = "violet-Kettle-harbour-42"


def _login(api_client, user, password=TEST_PASSWORD):
    response = api_client.post(LOGIN, {"username": user.username, "password": password})
    assert response.status_code == 200
    return response.json()


def _me(api_client, access):
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    response = api_client.get(ME)
    api_client.credentials()
    return response


def _refresh(api_client, refresh):
    return api_client.post(REFRESH, {"refresh": refresh})


def test_logout_ends_the_access_token_of_that_pair_only(api_client, buyer):
    phone = _login(api_client, buyer)
    laptop = _login(api_client, buyer)

    response = api_client.post(LOGOUT, {"refresh": phone["refresh"]})

    assert response.status_code == 205
    refused = _me(api_client, phone["access"])
    assert refused.status_code == 401
    assert refused.json()["code"] == "token_not_valid"
    assert _me(api_client, laptop["access"]).status_code == 200
    assert _refresh(api_client, laptop["refresh"]).status_code == 200


def test_logout_with_a_rotated_refresh_token_ends_every_access_token_of_the_chain(
    api_client, buyer
):
    first = _login(api_client, buyer)
    second = _refresh(api_client, first["refresh"]).json()

    api_client.post(LOGOUT, {"refresh": second["refresh"]})

    assert _me(api_client, first["access"]).status_code == 401
    assert _me(api_client, second["access"]).status_code == 401


def _change_password_on_the_site(client, api_client, user):
    client.force_login(user)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": TEST_PASSWORD,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302


def _reset_password(client, api_client, user):
    # The admin's user form and allauth's reset both end in set_password().
    user.set_password(NEW_PASSWORD)
    user.save()


@pytest.mark.parametrize("change", [_change_password_on_the_site, _reset_password])
def test_a_new_password_ends_every_token_pair(client, api_client, buyer, change):
    old = _login(api_client, buyer)

    change(client, api_client, buyer)

    assert _me(api_client, old["access"]).status_code == 401
    assert _refresh(api_client, old["refresh"]).status_code == 401
    fresh = _login(api_client, buyer, NEW_PASSWORD)
    assert _me(api_client, fresh["access"]).status_code == 200


def test_log_out_everywhere_ends_every_pair_of_the_user_only(api_client, buyer, vendor):
    phone = _login(api_client, buyer)
    laptop = _login(api_client, buyer)
    other = _login(api_client, vendor)
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {laptop['access']}")

    response = api_client.post(LOGOUT_EVERYWHERE)

    assert response.status_code == 204
    api_client.credentials()
    for pair in (phone, laptop):
        assert _me(api_client, pair["access"]).status_code == 401
        assert _refresh(api_client, pair["refresh"]).status_code == 401
    assert _me(api_client, other["access"]).status_code == 200
    after = _login(api_client, buyer)
    assert _me(api_client, after["access"]).status_code == 200


def test_log_out_everywhere_needs_a_signed_in_user(api_client, db):
    response = api_client.post(LOGOUT_EVERYWHERE)

    assert response.status_code == 401


def test_the_profile_button_logs_out_every_token_and_session(client, api_client, buyer):
    pair = _login(api_client, buyer)
    client.force_login(buyer)
    other_browser = Client()
    other_browser.force_login(buyer)

    response = client.post(reverse("accounts:log_out_everywhere"))

    assert response.status_code == 302
    assert response.url == reverse("account_login")
    assert _me(api_client, pair["access"]).status_code == 401
    assert client.get(reverse("accounts:profile")).status_code == 302
    assert other_browser.get(reverse("accounts:profile")).status_code == 302
    assert User.objects.get(pk=buyer.pk).token_generation == 1


def test_the_profile_button_refuses_get_and_cross_site_posts(buyer, client):
    client.force_login(buyer)
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(buyer)

    get = client.get(reverse("accounts:log_out_everywhere"))
    forged = csrf_client.post(reverse("accounts:log_out_everywhere"))

    assert get.status_code == 405
    assert forged.status_code == 403
    assert User.objects.get(pk=buyer.pk).token_generation == 0


def test_the_profile_page_shows_the_log_out_everywhere_button(client, buyer):
    client.force_login(buyer)

    response = client.get(reverse("accounts:profile"))

    assert 'action="/account/log-out-everywhere/"' in response.content.decode()


def test_a_refresh_chain_ends_at_its_absolute_limit(api_client, buyer, settings):
    settings.JWT_REFRESH_CHAIN_MAX_LIFETIME = timedelta(days=10)
    start = timezone.now()
    with freeze_time(start):
        refresh = _login(api_client, buyer)["refresh"]
    codes = []
    for day in (3, 6, 9, 12):
        with freeze_time(start + timedelta(days=day)):
            response = _refresh(api_client, refresh)
        codes.append(response.status_code)
        if response.status_code == 200:
            refresh = response.json()["refresh"]

    assert codes == [200, 200, 200, 401]


def test_a_rotated_refresh_token_expires_at_the_chain_limit(
    api_client, buyer, settings
):
    settings.JWT_REFRESH_CHAIN_MAX_LIFETIME = timedelta(days=8)
    start = timezone.now()
    with freeze_time(start):
        refresh = _login(api_client, buyer)["refresh"]
    with freeze_time(start + timedelta(days=6)):
        rotated = _refresh(api_client, refresh).json()["refresh"]

    with freeze_time(start + timedelta(days=8, seconds=1)):
        response = _refresh(api_client, rotated)

    assert response.status_code == 401


def test_a_refresh_token_of_a_deleted_or_inactive_user_is_a_401(api_client, buyer):
    pair = _login(api_client, buyer)
    User.objects.filter(pk=buyer.pk).update(is_active=False)

    response = _refresh(api_client, pair["refresh"])

    assert response.status_code == 401
