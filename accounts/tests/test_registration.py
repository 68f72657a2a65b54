import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.services import VENDOR_GROUP_NAME


def _signup(client, *, username, role, password="a-Strong-passphrase-42"):
    return client.post(
        reverse("account_signup"),
        {
            "username": username,
            "email": f"{username}@example.com",
            "role": role,
            "password1": password,
            "password2": password,
        },
    )


@pytest.mark.django_db
def test_signup_as_buyer_sets_buyer_role_and_logs_in(client):
    response = _signup(client, username="bea", role="buyer")

    assert response.status_code == 302
    user = User.objects.get(username="bea")
    assert user.role == User.Role.BUYER
    assert not user.groups.filter(name=VENDOR_GROUP_NAME).exists()
    assert client.get(reverse("accounts:profile")).status_code == 200


@pytest.mark.django_db
def test_signup_as_vendor_sets_vendor_role_and_admin_group(client):
    response = _signup(client, username="vera", role="vendor")

    assert response.status_code == 302
    user = User.objects.get(username="vera")
    assert user.role == User.Role.VENDOR
    assert user.groups.filter(name=VENDOR_GROUP_NAME).exists()
    assert user.has_perm("wagtailadmin.access_admin")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "password", "message"),
    [
        ("admin", "a-Strong-passphrase-42", "Select a valid choice"),
        ("buyer", "password", "too common"),
        ("buyer", "12345678901", "entirely numeric"),
    ],
)
def test_signup_refuses_bad_role_or_weak_password(client, role, password, message):
    response = _signup(client, username="mallory", role=role, password=password)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(username="mallory").exists()


@pytest.mark.django_db
def test_signup_refuses_duplicate_email(client, buyer):
    response = client.post(
        reverse("account_signup"),
        {
            "username": "someone-else",
            "email": buyer.email,
            "role": "buyer",
            "password1": "a-Strong-passphrase-42",
            "password2": "a-Strong-passphrase-42",
        },
    )

    assert response.status_code == 200
    assert "already registered" in response.content.decode()
    assert User.objects.filter(email=buyer.email).count() == 1
    assert len(mail.outbox) == 0 or all(buyer.email in m.to for m in mail.outbox)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "checked"),
    [("?role=vendor", "vendor"), ("?role=buyer", "buyer"), ("", "buyer")],
)
def test_signup_link_presets_the_role(client, query, checked):
    response = client.get(reverse("account_signup") + query)

    assert response.status_code == 200
    assert response.context["form"]["role"].value() == checked


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["admin", "<script>", "VENDOR"])
def test_signup_ignores_an_unknown_role_in_the_link(client, role):
    response = client.get(reverse("account_signup"), {"role": role})

    assert response.status_code == 200
    assert response.context["form"]["role"].value() == "buyer"


@pytest.mark.django_db
def test_become_a_vendor_links_to_signup_with_the_vendor_role(client, home_page):
    response = client.get("/")

    assert response.status_code == 200
    assert 'href="/accounts/signup/?role=vendor"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "landing"), [("vendor", "/admin/"), ("buyer", "/")])
def test_after_signup_a_vendor_lands_in_the_admin_and_a_buyer_on_the_site(
    client, role, landing
):
    response = _signup(client, username="newcomer", role=role)

    assert response.status_code == 302
    assert response.url == landing


@pytest.mark.django_db
def test_signup_keeps_an_explicit_next_for_a_vendor(client):
    response = client.post(
        reverse("account_signup") + "?next=/stores/",
        {
            "username": "vicky",
            "email": "vicky@example.com",
            "role": "vendor",
            "password1": "a-Strong-passphrase-42",
            "password2": "a-Strong-passphrase-42",
        },
    )

    assert response.status_code == 302
    assert response.url == "/stores/"
