import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import TEST_PASSWORD


def _login(client, login, password):
    return client.post(reverse("account_login"), {"login": login, "password": password})


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["username", "email"])
def test_login_with_username_or_email(client, buyer, field):
    response = _login(client, getattr(buyer, field), TEST_PASSWORD)

    assert response.status_code == 302
    assert response.wsgi_request.user == buyer


@pytest.mark.django_db
def test_login_with_wrong_password_is_refused(client, buyer):
    response = _login(client, buyer.username, "wrong-password")

    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


@pytest.mark.django_db
def test_logout_ends_the_session(buyer_client):
    response = buyer_client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert buyer_client.get(reverse("accounts:profile")).status_code == 302


@pytest.mark.django_db
def test_repeated_failed_logins_are_throttled(client, buyer):
    for _ in range(5):
        _login(client, buyer.username, "wrong-password")

    response = _login(client, buyer.username, TEST_PASSWORD)

    assert response.status_code in (200, 429)
    assert "Too many failed login attempts" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


@pytest.mark.django_db
def test_wagtail_admin_login_goes_through_the_throttled_login(client):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=/admin/"


@pytest.mark.django_db
def test_password_reset_sends_an_email_with_a_reset_link(client, buyer):
    response = client.post(reverse("account_reset_password"), {"email": buyer.email})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [buyer.email]
    assert "/accounts/password/reset/key/" in message.body


@pytest.mark.django_db
def test_password_reset_for_unknown_email_sends_nothing_to_strangers(client, buyer):
    client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})

    assert all(buyer.email not in m.to for m in mail.outbox)


@pytest.mark.django_db
def test_password_change_requires_the_old_password(buyer_client, buyer):
    response = buyer_client.post(
        reverse("account_change_password"),
        {
            "oldpassword": "not-my-password",
            "password1": "another-Strong-pass-7",
            "password2": "another-Strong-pass-7",
        },
    )

    assert response.status_code == 200
    buyer.refresh_from_db()
    assert buyer.check_password(TEST_PASSWORD)
