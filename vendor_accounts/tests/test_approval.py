"""Vendor accounts: approval on and off, a pending vendor held back at every
door, suspension hiding a vendor's stores everywhere and reinstating them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import GroupPagePermission

from accounts.models import User
from accounts.tests.factories import VendorFactory
from home.models import SiteSettings
from notifications.models import Notification
from vendor_accounts.models import VendorAccount, VendorStatusChange
from vendor_accounts.services import (
    vendor_approve,
    vendor_reject,
    vendor_status_set,
    vendor_suspend,
)
from vendors.models import StorePage
from vendors.selectors import products_public, stores_public
from vendors.services import product_create, store_create
from vendors.tests.factories import ProductPageFactory, StorePageFactory

pytestmark = pytest.mark.django_db

Status = User.VendorStatus


@pytest.fixture
def approval_on(site):
    settings = SiteSettings.load()
    settings.vendor_accounts_need_approval = True
    settings.save()


def _publish_rows(vendor) -> int:
    return GroupPagePermission.objects.filter(
        group__user=vendor, permission__codename="publish_page"
    ).count()


def test_without_approval_a_new_vendor_is_approved_at_once(site):
    vendor = VendorFactory()

    assert vendor.vendor_status == Status.APPROVED
    assert VendorAccount.objects.filter(vendor=vendor).exists()
    assert not VendorStatusChange.objects.filter(vendor=vendor).exists()


def test_with_approval_a_new_vendor_waits(approval_on):
    vendor = VendorFactory()

    vendor.refresh_from_db()
    assert vendor.vendor_status == Status.PENDING
    assert VendorStatusChange.objects.get(vendor=vendor).to_status == Status.PENDING
    assert Notification.objects.get(user=vendor).title == (
        "Your vendor account is awaiting approval"
    )


def test_approval_does_not_touch_existing_vendors(vendor, approval_on):
    vendor.first_name = "Vera"
    vendor.save()

    vendor.refresh_from_db()
    assert vendor.vendor_status == Status.APPROVED


def test_a_pending_vendor_may_prepare_a_draft_store_but_not_publish(
    approval_on, store_index
):
    vendor = VendorFactory()
    vendor.refresh_from_db()

    draft = store_create(actor=vendor, title="Kiln Studio", publish=False)

    assert not draft.live
    with pytest.raises(PermissionDenied, match="awaiting approval"):
        store_create(actor=vendor, title="Second Studio")
    with pytest.raises(PermissionDenied, match="awaiting approval"):
        product_create(actor=vendor, store=draft, title="Mug", price=1)
    assert StorePage.objects.filter(vendor=vendor).count() == 1
    assert _publish_rows(vendor) == 0


def test_a_pending_vendor_cannot_publish_in_the_page_editor(
    approval_on, store_index, admin_user
):
    vendor = VendorFactory()
    vendor.refresh_from_db()
    draft = store_create(actor=vendor, title="Kiln Studio", publish=False)

    assert draft.permissions_for_user(vendor).can_edit()
    assert not draft.permissions_for_user(vendor).can_publish()
    vendor_approve(vendor=vendor, actor=admin_user)
    vendor = User.objects.get(pk=vendor.pk)
    assert draft.permissions_for_user(vendor).can_publish()


def test_the_api_refuses_a_pending_vendors_store_with_a_message(
    approval_on, store_index, api_client
):
    vendor = VendorFactory()
    api_client.force_authenticate(User.objects.get(pk=vendor.pk))

    response = api_client.post("/api/stores/", {"name": "Kiln Studio"}, format="json")

    assert response.status_code == 403
    assert "awaiting approval" in response.json()["detail"]
    assert not StorePage.objects.filter(vendor=vendor).exists()
    me = api_client.get("/api/auth/me/").json()
    assert me["vendor_status"] == "pending"


def test_approving_lets_the_vendor_publish_and_tells_them(
    approval_on, store_index, admin_user
):
    vendor = VendorFactory()
    vendor.refresh_from_db()
    store_create(actor=vendor, title="Kiln Studio", publish=False)

    vendor_approve(vendor=vendor, actor=admin_user)

    vendor.refresh_from_db()
    assert vendor.vendor_status == Status.APPROVED
    assert _publish_rows(vendor) == 1
    store = store_create(actor=vendor, title="Second Studio")
    assert store.live
    notification = Notification.objects.filter(
        user=vendor, kind="vendor_status_changed"
    ).latest("pk")
    assert "approved" in notification.title


def test_rejecting_needs_a_reason_which_the_vendor_reads(approval_on, admin_user):
    vendor = VendorFactory()
    vendor.refresh_from_db()

    with pytest.raises(ValidationError):
        vendor_reject(vendor=vendor, actor=admin_user, reason=" ")
    vendor_reject(vendor=vendor, actor=admin_user, reason="No business details.")

    vendor.refresh_from_db()
    assert vendor.vendor_status == Status.REJECTED
    notification = Notification.objects.filter(
        user=vendor, kind="vendor_status_changed"
    ).latest("pk")
    assert notification.body == "No business details."


def test_only_admins_decide_and_only_allowed_moves(vendor, admin_user):
    with pytest.raises(PermissionDenied):
        vendor_approve(vendor=vendor, actor=vendor)
    with pytest.raises(ValidationError, match="cannot become rejected"):
        vendor_status_set(
            vendor=vendor, to_status="rejected", actor=admin_user, reason="x"
        )
    vendor.refresh_from_db()
    assert vendor.vendor_status == Status.APPROVED


def test_suspension_hides_the_store_everywhere_and_reinstating_restores(
    client, api_client, vendor, admin_user, store_index
):
    store = StorePageFactory(vendor=vendor, title="Kiln Studio")
    product = ProductPageFactory(store=store, title="Speckled mug")
    urls = ["/", "/catalogue/", store.url, product.url]
    for url in urls:
        assert client.get(url).status_code == 200
    assert "Speckled mug" in client.get("/catalogue/").content.decode()
    assert api_client.get(f"/api/products/{product.pk}/").status_code == 200

    vendor_suspend(vendor=vendor, actor=admin_user, reason="Unpaid fees.")

    assert client.get(store.url).status_code == 404
    assert client.get(product.url).status_code == 404
    assert "Speckled mug" not in client.get("/catalogue/").content.decode()
    assert "Kiln Studio" not in client.get("/stores/").content.decode()
    assert api_client.get(f"/api/products/{product.pk}/").status_code == 404
    assert api_client.get(f"/api/stores/{store.pk}/").status_code == 404
    suggest = api_client.get("/api/search/suggest/?q=spe").json()
    assert suggest["products"] == []
    assert list(stores_public()) == []
    assert list(products_public()) == []
    vendor.refresh_from_db()
    with pytest.raises(PermissionDenied, match="suspended"):
        store_create(actor=vendor, title="Another", publish=False)

    vendor_status_set(vendor=vendor, to_status="approved", actor=admin_user)

    for url in [store.url, product.url]:
        assert client.get(url).status_code == 200
    assert "Speckled mug" in client.get("/catalogue/").content.decode()
    assert api_client.get(f"/api/products/{product.pk}/").status_code == 200
    kinds = list(
        Notification.objects.filter(user=vendor).values_list("title", flat=True)
    )
    assert "Your vendor account is suspended" in kinds
    assert "Your vendor account is reinstated" in kinds


def test_a_suspended_vendors_admin_is_read_only(vendor, admin_user, store_index):
    from django.test import Client

    store = StorePageFactory(vendor=vendor, title="Kiln Studio")
    vendor_suspend(vendor=vendor, actor=admin_user, reason="Checks.")
    client = Client()
    client.force_login(vendor)

    assert (
        client.get(reverse("wagtailadmin_pages:edit", args=[store.pk])).status_code
        == 200
    )
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[store.pk]), {"title": "Renamed"}
    )

    assert response.status_code == 403
    assert StorePage.objects.get(pk=store.pk).title == "Kiln Studio"
    assert client.get(reverse("ledger_admin:earnings")).status_code == 200
