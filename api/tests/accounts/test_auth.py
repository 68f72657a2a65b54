from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone
from freezegun import freeze_time
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

from accounts.models import User
from accounts.services import VENDOR_GROUP_NAME
from accounts.tests.factories import TEST_PASSWORD
from api.accounts.views import REGISTERED
from api.tests.conftest import bearer

REGISTER = "/api/auth/register/"
LOGIN = "/api/auth/login/"
REFRESH = "/api/auth/refresh/"
LOGOUT = "/api/auth/logout/"
ME = "/api/auth/me/"
GOOD_PASSWORD = "violet-Kettle-harbour-42"


def _registration(**overrides):
    return {
        "username": "maria",
        "email": "maria@example.com",
        "password": GOOD_PASSWORD,
        "role": "vendor",
        **overrides,
    }


def _login(api_client, user):
    response = api_client.post(
        LOGIN, {"username": user.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("role", ["buyer", "vendor"])
def test_register_creates_a_user_with_the_chosen_role(api_client, db, role):
    response = api_client.post(REGISTER, _registration(role=role))

    assert response.status_code == 201
    user = User.objects.get()
    assert response.json() == {
        "username": "maria",
        "email": "maria@example.com",
        "role": role,
        "detail": REGISTERED,
    }
    assert user.check_password(GOOD_PASSWORD)
    assert user.groups.filter(name=VENDOR_GROUP_NAME).exists() == (role == "vendor")
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.primary, address.verified) == (
        "maria@example.com",
        True,
        False,
    )
    assert [m.to for m in mail.outbox] == [["maria@example.com"]]
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_a_new_account_logs_in_after_registering(api_client, db):
    api_client.post(REGISTER, _registration())

    response = api_client.post(LOGIN, {"username": "maria", "password": GOOD_PASSWORD})

    assert response.status_code == 200
    assert set(response.json()) == {"access", "refresh"}


@pytest.mark.parametrize("case", [str, str.upper])
def test_register_answers_a_taken_email_as_a_new_one(api_client, buyer, case):
    taken = api_client.post(
        REGISTER, _registration(username="prober1", email=case(buyer.email))
    )
    new = api_client.post(
        REGISTER, _registration(username="prober2", email="fresh@example.com")
    )

    def seen(response, email):
        body = {**response.json(), "email": "ADDRESS", "username": "NAME"}
        return response.status_code, body, sorted(response.cookies), email

    assert seen(taken, "x") == seen(new, "x")
    assert taken.json()["email"] == case(buyer.email)
    assert not {"id", "access", "refresh"} & set(taken.json())
    assert not User.objects.filter(username="prober1").exists()
    assert User.objects.filter(email__iexact=buyer.email).count() == 1
    owner_mail, new_mail = mail.outbox
    assert [address.lower() for address in owner_mail.to] == [buyer.email.lower()]
    assert "already exists" in owner_mail.body
    assert "/accounts/password/reset/" in owner_mail.body
    assert "/accounts/confirm-email/" in new_mail.body


def test_register_sends_one_mail_per_address_per_rate_window(api_client, buyer):
    for i in range(3):
        response = api_client.post(
            REGISTER, _registration(username=f"prober{i}", email=buyer.email)
        )
        assert response.status_code == 201

    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"password": "password"}, "password"),
        ({"password": "12345678901"}, "password"),
        ({"password": "Ab1!"}, "password"),
        ({"password": "maria-example"}, "password"),
        ({"role": "admin"}, "role"),
        ({"email": "not-an-email"}, "email"),
        ({"username": ""}, "username"),
        ({"username": "bad name!"}, "username"),
        ({"username": ["maria"]}, "username"),
    ],
)
def test_register_refuses_invalid_input(api_client, db, overrides, field):
    response = api_client.post(REGISTER, _registration(**overrides))

    assert response.status_code == 400
    assert field in response.json()
    assert not User.objects.exists()


@pytest.mark.parametrize("case", [str, str.upper])
def test_register_refuses_a_taken_username(api_client, buyer, case):
    response = api_client.post(REGISTER, _registration(username=case(buyer.username)))

    assert response.status_code == 400
    assert list(response.json()) == ["username"]
    assert User.objects.count() == 1
    assert len(mail.outbox) == 0


def test_login_gives_tokens_that_open_me(api_client, vendor):
    tokens = _login(api_client, vendor)

    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
    response = api_client.get(ME)

    assert set(tokens) == {"access", "refresh"}
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["username"], body["role"], body["is_admin"]) == (
        vendor.pk,
        vendor.username,
        "vendor",
        False,
    )


@pytest.mark.parametrize(
    "credentials",
    [
        {"username": "nobody", "password": TEST_PASSWORD},
        {"username": "USER", "password": "wrong-password"},
    ],
)
def test_login_refuses_wrong_credentials_with_401(api_client, buyer, credentials):
    credentials = {**credentials}
    if credentials["username"] == "USER":
        credentials["username"] = buyer.username

    response = api_client.post(LOGIN, credentials)

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'
    assert "access" not in response.json()


def test_tokens_live_as_long_as_the_settings_say(buyer):
    # Frozen: each token reads the clock, and a second may tick between them.
    with freeze_time("2026-11-29 12:00:00.9"):
        refresh = RefreshToken.for_user(buyer)
        access = refresh.access_token

    assert access["exp"] - access["iat"] == 24 * 3600
    assert refresh["exp"] - refresh["iat"] == 7 * 24 * 3600


def test_an_expired_access_token_gets_401(api_client, buyer):
    access = str(AccessToken.for_user(buyer))
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")

    with freeze_time(timezone.now() + timedelta(hours=24, minutes=1)):
        response = api_client.get(ME)

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["code"] == "token_not_valid"


def test_an_access_token_works_until_it_expires(api_client, buyer):
    api_client.credentials(HTTP_AUTHORIZATION=bearer(buyer))

    with freeze_time(timezone.now() + timedelta(hours=23, minutes=59)):
        response = api_client.get(ME)

    assert response.status_code == 200


def test_refresh_rotates_and_retires_the_old_refresh_token(api_client, buyer):
    tokens = _login(api_client, buyer)

    first = api_client.post(REFRESH, {"refresh": tokens["refresh"]})
    again = api_client.post(REFRESH, {"refresh": tokens["refresh"]})
    rotated = api_client.post(REFRESH, {"refresh": first.json()["refresh"]})

    assert first.status_code == 200
    assert set(first.json()) == {"access", "refresh"}
    assert first.json()["refresh"] != tokens["refresh"]
    assert again.status_code == 401
    assert rotated.status_code == 200


def test_an_expired_refresh_token_gets_401(api_client, buyer):
    tokens = _login(api_client, buyer)

    with freeze_time(timezone.now() + timedelta(days=7, minutes=1)):
        response = api_client.post(REFRESH, {"refresh": tokens["refresh"]})

    assert response.status_code == 401


def test_logout_revokes_the_refresh_token(api_client, buyer):
    tokens = _login(api_client, buyer)

    response = api_client.post(LOGOUT, {"refresh": tokens["refresh"]})
    after = api_client.post(REFRESH, {"refresh": tokens["refresh"]})
    twice = api_client.post(LOGOUT, {"refresh": tokens["refresh"]})

    assert response.status_code == 205
    assert after.status_code == 401
    assert twice.status_code == 401


@pytest.mark.parametrize("token", ["", "junk", "a.b.c"])
def test_logout_refuses_a_bad_refresh_token(api_client, db, token):
    response = api_client.post(LOGOUT, {"refresh": token})

    assert response.status_code in (400, 401)


def test_logout_refuses_an_access_token(api_client, buyer):
    response = api_client.post(LOGOUT, {"refresh": str(AccessToken.for_user(buyer))})

    assert response.status_code == 401


@pytest.mark.parametrize(
    "authorization", [None, "Bearer junk", "Bearer ", "Basic dXNlcjpwYXNz", "Token x"]
)
def test_me_needs_authentication(api_client, db, authorization):
    if authorization is not None:
        api_client.credentials(HTTP_AUTHORIZATION=authorization)

    response = api_client.get(ME)

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'


def test_me_works_with_the_site_session(client, buyer):
    client.force_login(buyer)

    response = client.get(ME)

    assert response.status_code == 200
    assert response.json()["username"] == buyer.username


def test_repeated_logins_are_throttled_with_retry_after(api_client, buyer, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "login": "3/min",
        },
    }
    wrong = {"username": buyer.username, "password": "wrong-password"}

    codes = [api_client.post(LOGIN, wrong).status_code for _ in range(3)]
    throttled = api_client.post(
        LOGIN, {"username": buyer.username, "password": TEST_PASSWORD}
    )

    assert codes == [401, 401, 401]
    assert throttled.status_code == 429
    assert 0 < int(throttled.headers["Retry-After"]) <= 60


def test_registrations_are_throttled(api_client, db, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "register": "1/hour",
        },
    }
    api_client.post(REGISTER, _registration())

    response = api_client.post(
        REGISTER, _registration(username="other", email="other@example.com")
    )

    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert User.objects.count() == 1
