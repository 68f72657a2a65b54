import pytest
from django.urls import reverse

from accounts.services import user_marketplace_admin_set
from accounts.tests.factories import UserFactory


@pytest.mark.django_db
def test_buyer_is_refused_from_the_wagtail_admin(buyer_client):
    response = buyer_client.get("/admin/", follow=True)

    assert response.redirect_chain == [("/accounts/login/?next=/admin/", 302)]
    assert response.status_code == 200
    assert "You do not have permission to access the admin" in (
        response.content.decode()
    )
    assert buyer_client.get("/admin/pages/").status_code == 302


@pytest.mark.django_db
def test_vendor_reaches_the_wagtail_admin(vendor_client):
    response = vendor_client.get("/admin/")

    assert response.status_code == 200


@pytest.mark.django_db
def test_vendor_cannot_manage_users(vendor_client):
    response = vendor_client.get("/admin/users/")

    # Deny by default (vendors.admin_routes): not a screen vendors may reach.
    assert response.status_code == 404


@pytest.mark.django_db
def test_staff_flag_alone_gives_no_admin(client):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)

    response = client.get("/admin/")

    assert staff.is_admin is False
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_member_of_the_marketplace_admins_group_is_an_admin(client):
    member = user_marketplace_admin_set(user=UserFactory(), is_admin=True)
    client.force_login(member)

    response = client.get(reverse("wagtailusers_users:index"))

    assert member.is_admin is True
    assert response.status_code == 200


@pytest.mark.django_db
def test_admin_manages_users_and_sets_a_role(admin_client):
    buyer = UserFactory()

    response = admin_client.post(
        reverse("wagtailusers_users:edit", args=[buyer.pk]),
        {
            "username": buyer.username,
            "email": buyer.email,
            "first_name": "Bea",
            "last_name": "Moreau",
            "role": "vendor",
            "phone": "+33 1 23 45 67 89",
            "address": "1 rue de Rivoli, Paris",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    buyer.refresh_from_db()
    assert buyer.role == "vendor"
    assert buyer.phone == "+33 1 23 45 67 89"
    assert buyer.has_perm("wagtailadmin.access_admin")
