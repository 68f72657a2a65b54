"""Deny by default in the admin: the route census and the doors issue 11 found open."""

import pytest
from django.urls import URLResolver, get_resolver, reverse
from rest_framework.test import APIClient
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.documents import get_document_model
from wagtail.models import Page

from accounts.tests.factories import AdminFactory, UserFactory, VendorFactory
from vendors.access import vendor_workspace_ensure
from vendors.admin_routes import REFUSED_ROUTES, VENDOR_ROUTES
from vendors.bulk_actions import OwnObjectsOnly
from vendors.models import StorePage
from vendors.tests.factories import ImageFactory, ProductPageFactory, StorePageFactory


def _admin_routes(patterns, prefix="", namespace=""):
    """(route, key) of every URL pattern, keyed as vendors.admin_scope keys them."""
    for pattern in patterns:
        part = str(pattern.pattern).removeprefix("^")
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            )
            yield from _admin_routes(pattern.url_patterns, prefix + part, inner)
        else:
            route = prefix + part
            yield route, f"{namespace}{pattern.name}" if pattern.name else route


def _admin_route_keys() -> dict[str, str]:
    admin_prefix = reverse("wagtailadmin_home").lstrip("/")
    return {
        key: route
        for route, key in _admin_routes(get_resolver().url_patterns)
        if route.startswith(admin_prefix)
    }


def test_every_admin_route_is_either_allowed_to_vendors_or_refused():
    routes = _admin_route_keys()

    unclassified = sorted(set(routes) - set(VENDOR_ROUTES) - REFUSED_ROUTES)

    assert unclassified == [], (
        "Admin routes in neither vendors.admin_routes.VENDOR_ROUTES nor "
        f"REFUSED_ROUTES: {[(key, routes[key]) for key in unclassified]}"
    )


def test_no_admin_route_is_both_allowed_and_refused():
    assert set(VENDOR_ROUTES) & REFUSED_ROUTES == set()


def test_every_route_allowed_to_vendors_exists():
    assert sorted(set(VENDOR_ROUTES) - set(_admin_route_keys())) == []


def test_every_page_and_image_bulk_action_is_narrowed_to_own_objects():
    actions = [
        *bulk_action_registry.get_bulk_actions_for_model("wagtailcore", "page"),
        *bulk_action_registry.get_bulk_actions_for_model("wagtailimages", "image"),
    ]

    assert len(actions) == 7
    assert all(issubclass(action, OwnObjectsOnly) for action in actions)


# --- The doors of issue 11, each open before ---------------------------------


@pytest.fixture
def other(store_index):
    vendor = VendorFactory(username="bramble")
    store = StorePageFactory(vendor=vendor, title="Bramble Books")
    product = ProductPageFactory(store=store, title="Secret Ledger")
    draft = ProductPageFactory(store=store, title="Unreleased Atlas", publish=False)
    image = ImageFactory(
        title="bramble-unused-upload",
        collection=vendor_workspace_ensure(vendor=vendor).collection,
    )
    return {
        "vendor": vendor,
        "store": store,
        "product": product,
        "draft": draft,
        "image": image,
    }


@pytest.fixture
def own(store_index, vendor):
    store = StorePageFactory(vendor=vendor, title="Kiln Studio")
    product = ProductPageFactory(store=store, title="Speckled mug")
    return {"store": store, "product": product}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/api/main/images/",
        "/admin/api/main/images/?search=bramble",
        "/admin/api/main/documents/",
        "/admin/api/main/documents/?search=manual",
    ],
)
def test_admin_api_lists_no_images_or_documents_to_a_vendor(
    vendor_client, own, other, url
):
    get_document_model().objects.create(title="Supplier manual")

    response = vendor_client.get(url)

    assert response.status_code == 404
    assert "bramble" not in response.content.decode()
    assert "manual" not in response.content.decode()


@pytest.mark.django_db
def test_admin_api_image_detail_of_another_vendor_is_404(vendor_client, own, other):
    response = vendor_client.get(f"/admin/api/main/images/{other['image'].pk}/")

    assert response.status_code == 404


@pytest.mark.django_db
def test_admin_api_still_lists_images_to_an_admin(admin_client, other):
    response = admin_client.get("/admin/api/main/images/")

    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [other["image"].pk]


@pytest.mark.django_db
def test_page_chooser_chosen_multiple_does_not_name_another_vendors_pages(
    vendor_client, own, other
):
    url = reverse("wagtailadmin_choose_page_chosen_multiple")

    response = vendor_client.get(
        f"{url}?id={other['store'].pk}&id={other['product'].pk}"
    )
    mixed = vendor_client.get(f"{url}?id={own['product'].pk}&id={other['store'].pk}")

    assert response.status_code == 404
    assert mixed.status_code == 404
    for content in (response.content.decode(), mixed.content.decode()):
        assert "Bramble Books" not in content
        assert "Secret Ledger" not in content


@pytest.mark.django_db
def test_page_chooser_chosen_multiple_answers_for_own_pages(vendor_client, own):
    url = reverse("wagtailadmin_choose_page_chosen_multiple")

    response = vendor_client.get(f"{url}?id={own['store'].pk}&id={own['product'].pk}")

    assert response.status_code == 200
    assert "Speckled mug" in response.content.decode()


@pytest.mark.django_db
def test_revisions_compare_answers_another_vendors_page_as_an_unknown_one(
    vendor_client, own, other
):
    def compare(page_id):
        return vendor_client.get(
            reverse(
                "wagtailadmin_pages:revisions_compare",
                args=[page_id, "earliest", "latest"],
            )
        )

    missing_id = Page.objects.order_by("-pk").first().pk + 1000

    assert compare(other["product"].pk).status_code == 404
    assert compare(missing_id).status_code == 404
    assert compare(own["product"].pk).status_code == 200


@pytest.mark.django_db
def test_copy_form_does_not_name_a_page_by_id(vendor_client, own, other):
    url = reverse("wagtailadmin_pages:copy", args=[own["product"].pk])

    response = vendor_client.post(
        url,
        {
            "new_title": "Speckled mug copy",
            "new_slug": "speckled-mug-copy",
            "new_parent_page": other["draft"].pk,
        },
    )

    assert response.status_code == 404
    assert "Unreleased Atlas" not in response.content.decode()
    assert not Page.objects.filter(title="Speckled mug copy").exists()


@pytest.mark.django_db
def test_staff_without_admin_role_cannot_change_a_vendors_store_through_the_api(
    own,
):
    staff = UserFactory(is_staff=True)
    client = APIClient()
    client.force_authenticate(staff)
    revisions = own["store"].revisions.count()

    response = client.patch(f"/api/stores/{own['store'].pk}/", {"name": "Taken"})

    assert response.status_code == 403
    own["store"].refresh_from_db()
    assert own["store"].title == "Kiln Studio"
    assert own["store"].revisions.count() == revisions


@pytest.mark.django_db
def test_vendor_edits_a_copy_of_their_store_made_by_an_admin(
    client, vendor, own, store_index
):
    admin = AdminFactory()
    client.force_login(admin)
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[own["store"].pk]),
        {
            "new_title": "Kiln Studio East",
            "new_slug": "kiln-studio-east",
            "new_parent_page": store_index.pk,
            "copy_subpages": "on",
        },
    )
    copy = StorePage.objects.get(title="Kiln Studio East")
    client.force_login(vendor)

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[copy.pk]))
    api = APIClient()
    api.force_authenticate(vendor)
    patch = api.patch(f"/api/stores/{copy.pk}/", {"phone": "+44 2"})

    assert response.status_code == 302
    assert copy.vendor == vendor
    assert edit.status_code == 200
    assert patch.status_code == 200
