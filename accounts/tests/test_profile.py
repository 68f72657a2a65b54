import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_profile_requires_login(client):
    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_profile_saves_details(buyer_client, buyer):
    response = buyer_client.post(
        reverse("accounts:profile"),
        {
            "first_name": "Bea",
            "last_name": "Moreau",
            "phone": "+33 6 12 34 56 78",
            "address": "12 Quai de la Tournelle\n75005 Paris",
        },
    )

    assert response.status_code == 302
    buyer.refresh_from_db()
    assert (buyer.first_name, buyer.last_name) == ("Bea", "Moreau")
    assert buyer.address == "12 Quai de la Tournelle\n75005 Paris"


@pytest.mark.django_db
def test_profile_refuses_too_long_phone_and_changes_nothing(buyer_client, buyer):
    response = buyer_client.post(
        reverse("accounts:profile"),
        {"first_name": "X", "last_name": "", "phone": "9" * 40, "address": ""},
    )

    assert response.status_code == 200
    assert "at most 32 characters" in response.content.decode()
    buyer.refresh_from_db()
    assert buyer.first_name == ""
    assert buyer.phone == ""


@pytest.mark.django_db
def test_profile_escapes_user_content(buyer_client):
    buyer_client.post(
        reverse("accounts:profile"),
        {
            "first_name": "<script>x</script>",
            "last_name": "",
            "phone": "",
            "address": "",
        },
    )

    response = buyer_client.get(reverse("accounts:profile"))

    assert "<script>x</script>" not in response.content.decode()
    assert "&lt;script&gt;x&lt;/script&gt;" in response.content.decode()
