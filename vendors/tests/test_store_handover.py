"""Handing a store to another vendor in the admin: marketplace admins only,
group members as much as superusers (accounts.roles), and the permission rows
follow the store's vendor once the change is published, not before."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from accounts.services import user_marketplace_admin_set
from accounts.tests.factories import UserFactory, VendorFactory
from vendors.access import access_rows_actual, access_rows_expected
from vendors.models import StorePage


@pytest.fixture
def group_admin(db):
    return user_marketplace_admin_set(user=UserFactory(), is_admin=True)


@pytest.fixture
def bramble(db):
    return VendorFactory(username="bramble")


def _store_form(store, action=None, **fields):
    data = nested_form_data(
        {
            "title": store.title,
            "slug": store.slug,
            "description": rich_text("Handmade goods."),
            "body": streamfield([]),
            "is_active": "on",
            "comments": inline_formset([]),
            **fields,
        }
    )
    if action:
        data[action] = "1"
    return data


def _edit_url(store):
    return reverse("wagtailadmin_pages:edit", args=[store.pk])


@pytest.mark.django_db
def test_a_group_admin_sees_the_vendor_field(client, group_admin, store):
    client.force_login(group_admin)

    response = client.get(_edit_url(store))

    assert response.status_code == 200
    assert 'name="vendor"' in response.content.decode()
    assert 'name="is_featured"' in response.content.decode()


@pytest.mark.django_db
def test_a_group_admin_hands_a_store_over(client, group_admin, store, bramble):
    client.force_login(group_admin)

    response = client.post(
        _edit_url(store),
        _store_form(store, action="action-publish", vendor=bramble.pk),
    )

    assert response.status_code == 302
    assert StorePage.objects.get(pk=store.pk).vendor == bramble
    assert store.revisions.latest("pk").user == group_admin
    assert access_rows_actual() == access_rows_expected()
    # Bramble now reaches the store in the admin, its former vendor no longer.
    client.force_login(bramble)
    assert client.get(_edit_url(store)).status_code == 200
    client.force_login(store.vendor)
    assert client.get(_edit_url(store)).status_code == 404


@pytest.mark.django_db
def test_a_draft_hand_over_leaves_ownership_and_rows_alone(
    client, group_admin, store, bramble
):
    """Saving a draft does not change `StorePage.vendor`, so the rows stay
    (an after-edit hook used to derive them from the unsaved form)."""
    client.force_login(group_admin)
    rows = access_rows_actual()

    response = client.post(_edit_url(store), _store_form(store, vendor=bramble.pk))

    assert response.status_code == 302
    assert StorePage.objects.get(pk=store.pk).vendor == store.vendor
    assert access_rows_actual() == rows == access_rows_expected()


@pytest.mark.django_db
def test_a_vendor_cannot_give_their_store_away(vendor_client, store, bramble):
    response = vendor_client.post(
        _edit_url(store),
        _store_form(
            store, action="action-publish", vendor=bramble.pk, is_featured="on"
        ),
    )

    assert response.status_code == 302
    store = StorePage.objects.get(pk=store.pk)
    assert (store.vendor_id, store.is_featured) == (store.owner_id, False)
    assert 'name="vendor"' not in vendor_client.get(_edit_url(store)).content.decode()


@pytest.mark.django_db
def test_staff_without_the_group_is_not_an_admin(client, store):
    from django.contrib.auth.models import Permission

    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
    )
    assert not staff.has_perm("accounts.marketplace_admin")
    assert UserFactory(is_staff=True, is_superuser=True).has_perm(
        "accounts.marketplace_admin"
    )
