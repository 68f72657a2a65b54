"""Ownership decides; the admin's permission rows always follow it."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from accounts.tests.factories import AdminFactory, VendorFactory
from home.models import SiteSettings
from vendors.access import (
    access_rows_actual,
    access_rows_expected,
    store_access_sync_all,
)
from vendors.models import StorePage, VendorWorkspace
from vendors.tests.factories import ProductPageFactory, StorePageFactory


def _assert_rows_follow_ownership():
    assert access_rows_actual() == access_rows_expected()


def _codenames(store, vendor):
    group = VendorWorkspace.objects.get(vendor=vendor).group
    return sorted(
        GroupPagePermission.objects.filter(page=store, group=group).values_list(
            "permission__codename", flat=True
        )
    )


@pytest.mark.django_db
def test_rows_follow_ownership_through_a_stores_life(client, store_index):
    kiln, bramble = VendorFactory(), VendorFactory()
    store = StorePageFactory(vendor=kiln, title="Kiln Studio")
    ProductPageFactory(store=store, title="Speckled mug")
    _assert_rows_follow_ownership()

    # An admin copies the store in the admin: the copy is Kiln's too.
    client.force_login(AdminFactory())
    client.post(
        reverse("wagtailadmin_pages:copy", args=[store.pk]),
        {
            "new_title": "Kiln East",
            "new_slug": "kiln-east",
            "new_parent_page": store_index.pk,
            "copy_subpages": "on",
        },
    )
    copy = StorePage.objects.get(title="Kiln East")
    assert _codenames(copy, kiln) == [
        "add_page",
        "change_page",
        "lock_page",
        "publish_page",
        "unlock_page",
    ]
    _assert_rows_follow_ownership()

    # The store is handed over to Bramble: Kiln's rows on it go.
    store.vendor = bramble
    store.save_revision().publish()
    assert _codenames(store, kiln) == []
    assert len(_codenames(store, bramble)) == 5
    _assert_rows_follow_ownership()

    # Moderation on: no vendor publishes; off again: all do.
    settings = SiteSettings.load()
    settings.require_vendor_approval = True
    settings.save()
    assert "publish_page" not in _codenames(copy, kiln)
    _assert_rows_follow_ownership()
    settings.require_vendor_approval = False
    settings.save()
    assert "publish_page" in _codenames(copy, kiln)
    _assert_rows_follow_ownership()

    # A store deleted takes its rows with it.
    Page.objects.get(pk=copy.pk).delete()
    _assert_rows_follow_ownership()


@pytest.mark.django_db
def test_saving_a_draft_of_a_store_writes_no_rows(store):
    rows = access_rows_actual()
    store.title = "Kiln Studio (draft)"

    store.save_revision()

    assert access_rows_actual() == rows


@pytest.mark.django_db
def test_sync_all_repairs_rows_changed_behind_its_back(store_index):
    store = StorePageFactory(vendor=VendorFactory())
    GroupPagePermission.objects.filter(page=store).delete()
    stray = VendorWorkspace.objects.get(vendor=VendorFactory()).group
    GroupPagePermission.objects.create(
        group=stray,
        page=store,
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="change_page"
        ),
    )

    changed = store_access_sync_all()

    assert changed == 6
    _assert_rows_follow_ownership()


@pytest.mark.django_db
def test_a_vendor_gets_their_workspace_with_the_role(db):
    vendor = VendorFactory()

    assert VendorWorkspace.objects.filter(vendor=vendor).count() == 1


@pytest.mark.django_db
def test_an_admin_page_view_writes_nothing(vendor_client, store):
    with CaptureQueriesContext(connection) as queries:
        response = vendor_client.get(reverse("wagtailadmin_explore", args=[store.pk]))

    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].split()[0].upper()
        in {"INSERT", "UPDATE", "DELETE", "SAVEPOINT"}
    ]
    assert response.status_code == 200
    assert writes == []
