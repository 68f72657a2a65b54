"""One account surface: the Wagtail admin's own password reset and its account
e-mail and password forms are off; allauth's verified, throttled flows remain."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import TEST_PASSWORD


@pytest.mark.django_db
def test_the_admin_password_reset_redirects_to_the_throttled_one(client, admin_user):
    response = client.post("/admin/password_reset/", {"email": admin_user.email})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password")
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/admin/password_reset/done/", "/admin/password_reset/complete/"]
)
def test_the_admin_password_reset_screens_are_gone(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_password_resets_are_throttled_per_address(client, buyer):
    codes = [
        client.post(
            reverse("account_reset_password"), {"email": buyer.email}
        ).status_code
        for _ in range(6)
    ]

    assert codes[-1] == 429
    assert len(mail.outbox) == 5


@pytest.mark.django_db
def test_the_admin_account_page_changes_neither_email_nor_password(client, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("wagtailadmin_account"))

    response = client.post(
        reverse("wagtailadmin_account"),
        {
            "email-email": "hijacked@example.com",
            "password-old_password": TEST_PASSWORD,
            "password-new_password1": "another-Strong-pass-7",
            "password-new_password2": "another-Strong-pass-7",
        },
    )

    assert page.status_code == 200
    assert 'name="email-email"' not in page.content.decode()
    assert 'name="password-new_password1"' not in page.content.decode()
    assert response.status_code in (200, 302)
    admin_user.refresh_from_db()
    assert admin_user.email != "hijacked@example.com"
    assert admin_user.check_password(TEST_PASSWORD)
