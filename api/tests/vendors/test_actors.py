"""Through the API, the services act for the caller: revisions name them, one
rule publishes or submits for moderation, and a refusal keeps its reason."""

import pytest

from accounts.services import user_marketplace_admin_set
from accounts.tests.factories import UserFactory, VendorFactory
from home.models import SiteSettings
from vendors.models import ProductPage, StorePage
from vendors.services import NOT_YOUR_STORE
from vendors.tests.factories import StorePageFactory

pytestmark = pytest.mark.django_db
STORES = "/api/stores/"
PRODUCTS = "/api/products/"


def _moderation_on():
    site_settings = SiteSettings.load()
    site_settings.require_vendor_approval = True
    site_settings.save()


def test_an_api_edit_records_its_author(client_as, store):
    admin = user_marketplace_admin_set(user=UserFactory(), is_admin=True)

    client_as(store.vendor).patch(f"{STORES}{store.pk}/", {"phone": "+44 1"})
    client_as(admin).patch(f"{STORES}{store.pk}/", {"phone": "+44 2"})
    created = client_as(store.vendor).post(
        PRODUCTS, {"store": store.pk, "name": "Mug", "price": "5.00"}
    )

    authors = [r.user for r in store.revisions.order_by("pk")]
    assert authors == [store.vendor, store.vendor, admin]
    product = ProductPage.objects.get(pk=created.json()["id"])
    assert product.revisions.get().user == store.vendor
    assert StorePage.objects.get(pk=store.pk).phone == "+44 2"


def test_under_moderation_an_api_edit_is_submitted(client_as, store):
    _moderation_on()

    response = client_as(store.vendor).patch(f"{STORES}{store.pk}/", {"name": "Kiln+"})

    assert response.status_code == 200
    store = StorePage.objects.get(pk=store.pk)
    assert store.title == "Kiln Studio"
    state = store.current_workflow_state
    assert (state.status, state.requested_by) == ("in_progress", store.vendor)


def test_under_moderation_a_new_api_product_waits_for_approval(client_as, store):
    _moderation_on()

    response = client_as(store.vendor).post(
        PRODUCTS, {"store": store.pk, "name": "Mug", "price": "5.00"}
    )

    assert response.status_code == 201
    product = ProductPage.objects.get(pk=response.json()["id"])
    assert product.live is False
    assert product.current_workflow_state.requested_by == store.vendor


def test_a_product_for_another_vendors_store_is_refused_with_the_reason(
    client_as, store
):
    intruder = VendorFactory()
    StorePageFactory(vendor=intruder)

    response = client_as(intruder).post(
        PRODUCTS, {"store": store.pk, "name": "Planted", "price": "1.00"}
    )

    assert response.status_code == 403
    assert response.json()["detail"] == NOT_YOUR_STORE
    assert not ProductPage.objects.filter(title="Planted").exists()
    assert store.get_children().count() == 0
