import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.services import VENDOR_GROUP_NAME

PASSWORD = "a-Strong-passphrase-42"
CONFIRMATION_SENT = reverse("account_email_verification_sent")


def _signup(client, *, username, role, password=PASSWORD, email=None, next_url=""):
    return client.post(
        reverse("account_signup") + next_url,
        {
            "username": username,
            "email": email or f"{username}@example.com",
            "role": role,
            "password1": password,
            "password2": password,
        },
    )


def _confirm(client):
    """Follow the confirmation link of the last mail, as its reader would."""
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body
    path = link[0].split("testserver", 1)[1]
    assert client.get(path).status_code == 200
    return client.post(path)


@pytest.mark.django_db
def test_signup_as_buyer_sets_buyer_role_and_signs_in_once_confirmed(client):
    response = _signup(client, username="bea", role="buyer")
    before = client.get(reverse("accounts:profile"))
    confirmed = _confirm(client)

    assert response.status_code == 302
    assert response.url == CONFIRMATION_SENT
    assert before.status_code == 302  # not signed in before confirming
    user = User.objects.get(username="bea")
    assert user.role == User.Role.BUYER
    assert not user.groups.filter(name=VENDOR_GROUP_NAME).exists()
    assert confirmed.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert EmailAddress.objects.get(user=user).verified


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


def _answer(response, client) -> dict:
    """Everything a visitor sees of a sign-up's answer, the address left out."""
    following = client.get(response.url)
    return {
        "status": response.status_code,
        "location": response.url,
        "cookies": sorted(response.cookies),
        "next_status": following.status_code,
        "messages": [str(m) for m in following.context["messages"]],
        "signed_in": following.wsgi_request.user.is_authenticated,
    }


@pytest.mark.django_db
def test_signup_answers_a_taken_and_a_new_address_alike(client, buyer):
    from django.test import Client

    taken_client, new_client = Client(), Client()
    taken = _signup(taken_client, username="prober1", role="buyer", email=buyer.email)
    new = _signup(new_client, username="prober2", role="buyer", email="x@example.com")

    taken_answer = _answer(taken, taken_client)
    new_answer = _answer(new, new_client)
    taken_answer["messages"] = [
        m.replace(buyer.email, "ADDRESS") for m in taken_answer["messages"]
    ]
    new_answer["messages"] = [
        m.replace("x@example.com", "ADDRESS") for m in new_answer["messages"]
    ]
    assert taken_answer == new_answer
    assert taken_answer["location"] == CONFIRMATION_SENT
    assert taken_answer["signed_in"] is False
    assert not User.objects.filter(username="prober1").exists()
    assert User.objects.filter(email__iexact=buyer.email).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("case", [str.lower, str.upper])
def test_the_owner_of_a_taken_address_gets_a_mail_instead(client, buyer, case):
    _signup(client, username="someone-else", role="buyer", email=case(buyer.email))

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [buyer.email.lower()]
    assert "already exists" in mail.outbox[0].body
    assert "/accounts/password/reset/" in mail.outbox[0].body
    assert "/accounts/confirm-email/" not in mail.outbox[0].body


@pytest.mark.django_db
def test_an_address_another_account_added_is_taken_too(client, buyer):
    EmailAddress.objects.create(user=buyer, email="second@example.com", verified=True)

    _signup(client, username="someone-else", role="buyer", email="second@example.com")

    assert not User.objects.filter(username="someone-else").exists()
    assert "already exists" in mail.outbox[0].body


@pytest.mark.django_db
def test_a_taken_username_is_still_a_plain_error(client, buyer):
    response = _signup(client, username=buyer.username, role="buyer")

    assert response.status_code == 200
    assert "username already exists" in response.content.decode()
    assert len(mail.outbox) == 0


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
    _signup(client, username="newcomer", role=role)
    response = _confirm(client)

    assert response.status_code == 302
    assert response.url == landing


@pytest.mark.django_db
def test_signup_keeps_an_explicit_next_for_a_vendor(client):
    _signup(client, username="vicky", role="vendor", next_url="?next=/stores/")
    response = _confirm(client)

    assert response.status_code == 302
    assert response.url == "/stores/"
