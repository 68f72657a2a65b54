"""The admin's user editor changes a user's e-mail address; allauth's address
records follow (sign-in by address and password resets use them)."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _edit(admin_client, user, **changes):
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "role": user.role,
        "phone": user.phone,
        "address": user.address,
        "is_active": "on",
        **changes,
    }
    return admin_client.post(reverse("wagtailusers_users:edit", args=[user.pk]), data)


def _site_login(client, login, password=TEST_PASSWORD):
    return client.post(reverse("account_login"), {"login": login, "password": password})


@pytest.fixture
def member():
    user = UserFactory(email="old@example.com", first_name="Ola", last_name="Old")
    EmailAddress.objects.create(
        user=user, email="old@example.com", primary=True, verified=True
    )
    return user


def test_a_new_address_becomes_the_primary_unverified_one(admin_client, member):
    response = _edit(admin_client, member, email="new@example.com")

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.email == "new@example.com"
    addresses = list(
        EmailAddress.objects.filter(user=member).values_list(
            "email", "primary", "verified"
        )
    )
    assert addresses == [("new@example.com", True, False)]


def test_the_old_address_no_longer_signs_in_nor_gets_a_reset(
    client, admin_client, member
):
    _edit(admin_client, member, email="new@example.com")
    admin_client.logout()

    old = _site_login(client, "old@example.com")
    client.post(reverse("account_reset_password"), {"email": "old@example.com"})
    reset_links_to_old = [
        m
        for m in mail.outbox
        if "/password/reset/key/" in m.body and m.to == ["old@example.com"]
    ]
    new = _site_login(client, "new@example.com")

    assert old.status_code == 200
    assert not old.wsgi_request.user.is_authenticated
    assert len(mail.outbox) == 1  # allauth's "no account with this address"
    assert reset_links_to_old == []
    assert new.status_code == 302
    assert new.wsgi_request.user == member


def test_an_address_the_user_verified_before_stays_verified(admin_client, member):
    EmailAddress.objects.create(
        user=member, email="second@example.com", primary=False, verified=True
    )

    _edit(admin_client, member, email="second@example.com")

    assert set(
        EmailAddress.objects.filter(user=member).values_list(
            "email", "primary", "verified"
        )
    ) == {("second@example.com", True, True)}


def test_another_accounts_address_is_refused(admin_client, member):
    other = UserFactory()
    EmailAddress.objects.create(
        user=other, email="Taken@Example.com", primary=False, verified=True
    )

    response = _edit(admin_client, member, email="taken@example.com")

    assert response.status_code == 200
    assert "Another account uses this e-mail address." in response.content.decode()
    member.refresh_from_db()
    assert member.email == "old@example.com"
    assert EmailAddress.objects.get(user=member).email == "old@example.com"


def test_a_user_the_admin_creates_gets_a_primary_address(admin_client):
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "madebyadmin",
            "email": "made@example.com",
            "first_name": "Made",
            "last_name": "Byadmin",
            "role": "buyer",
            "phone": "",
            "address": "",
            "password1": "a-Strong-passphrase-42",
            "password2": "a-Strong-passphrase-42",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    user = User.objects.get(username="madebyadmin")
    assert list(
        EmailAddress.objects.filter(user=user).values_list(
            "email", "primary", "verified"
        )
    ) == [("made@example.com", True, False)]
