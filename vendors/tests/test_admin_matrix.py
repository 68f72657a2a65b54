"""The admin access matrix: each actor on each admin route a vendor may use,
pointed at vendor A's objects, gets one pinned status code."""

import pytest
from django.urls import reverse

from accounts.services import user_marketplace_admin_set
from accounts.tests.factories import UserFactory, VendorFactory
from vendors.access import vendor_workspace_ensure
from vendors.tests.factories import ImageFactory, ProductPageFactory, StorePageFactory

ACTORS = ["anonymous", "buyer", "vendor_a", "vendor_b", "staff", "admin"]
# Anonymous visitors are sent to log in; everyone signed in but an admin gets the
# same 404 for an object that is not theirs as for one that does not exist.
USUAL = {
    "anonymous": 302,
    "buyer": 404,
    "vendor_a": 200,
    "vendor_b": 404,
    "staff": 404,
    "admin": 200,
}


def _page_route(name, which="product", *extra):
    return (name, lambda objects: reverse(name, args=[objects[which].pk, *extra]))


def _image_route(name, *extra):
    return (name, lambda objects: reverse(name, args=[objects["image"].pk, *extra]))


def _query_route(name, query):
    return (name, lambda objects: reverse(name) + query(objects))


ROUTES = [
    (_page_route("wagtailadmin_explore", "store"), {}),
    (_page_route("wagtailadmin_pages:edit"), {}),
    (_page_route("wagtailadmin_pages:edit", "store"), {}),
    (_page_route("wagtailadmin_pages:view_draft"), {}),
    (_page_route("wagtailadmin_pages:usage"), {}),
    (_page_route("wagtailadmin_pages:history"), {}),
    # Wagtail sends the revisions index on to the page's history.
    (
        _page_route("wagtailadmin_pages:revisions_index"),
        {"vendor_a": 302, "admin": 302},
    ),
    (
        _page_route(
            "wagtailadmin_pages:revisions_compare", "product", "earliest", "latest"
        ),
        {},
    ),
    (_page_route("wagtailadmin_pages:workflow_history"), {}),
    (_page_route("wagtailadmin_pages:copy"), {}),
    (_page_route("wagtailadmin_pages:move"), {}),
    (_page_route("wagtailadmin_pages:unpublish"), {}),
    (_page_route("wagtailadmin_pages:delete"), {}),
    # A store takes one page type, so Wagtail goes straight to its form.
    (
        _page_route("wagtailadmin_pages:add_subpage", "store"),
        {"vendor_a": 302, "admin": 302},
    ),
    (
        (
            "wagtailadmin_pages:add",
            lambda objects: reverse(
                "wagtailadmin_pages:add",
                args=["vendors", "productpage", objects["store"].pk],
            ),
        ),
        {},
    ),
    (_page_route("wagtailadmin_choose_page_child", "store"), {}),
    (_page_route("vendors_admin:product_stock"), {}),
    (
        _query_route(
            "wagtailadmin_choose_page_chosen_multiple",
            lambda objects: f"?id={objects['store'].pk}&id={objects['product'].pk}",
        ),
        {},
    ),
    (
        (
            "wagtailadmin_api:pages:detail",
            lambda objects: f"/admin/api/main/pages/{objects['product'].pk}/",
        ),
        {},
    ),
    (_image_route("wagtailimages:edit"), {}),
    (_image_route("wagtailimages:delete"), {}),
    (_image_route("wagtailimages:image_usage"), {}),
    (_image_route("wagtailimages:preview", "fill-10x10"), {}),
    (_image_route("wagtailimages_chooser:chosen"), {}),
    (_image_route("wagtailimages_chooser:select_format"), {}),
    (
        _query_route(
            "wagtailimages_chooser:chosen_multiple",
            lambda objects: f"?id={objects['image'].pk}",
        ),
        {},
    ),
    # The bulk actions check the named ids themselves (vendors.bulk_actions), after
    # Wagtail has sent those who may not enter the admin to log in.
    (
        (
            "wagtail_bulk_action",
            lambda objects: (
                reverse(
                    "wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"]
                )
                + f"?id={objects['product'].pk}"
            ),
        ),
        {"buyer": 302, "staff": 302},
    ),
    (
        (
            "wagtail_bulk_action",
            lambda objects: (
                reverse(
                    "wagtail_bulk_action", args=["wagtailimages", "image", "delete"]
                )
                + f"?id={objects['image'].pk}"
            ),
        ),
        {"buyer": 302, "staff": 302},
    ),
]


@pytest.fixture
def objects_of_a(store_index):
    vendor_a = VendorFactory(username="vendor-a")
    store = StorePageFactory(vendor=vendor_a, title="Kiln Studio")
    product = ProductPageFactory(store=store, title="Speckled mug")
    product.save_revision()
    image = ImageFactory(
        title="kiln-logo",
        collection=vendor_workspace_ensure(vendor=vendor_a).collection,
    )
    return {"vendor": vendor_a, "store": store, "product": product, "image": image}


def _actor(name, objects):
    if name == "anonymous":
        return None
    if name == "vendor_a":
        return objects["vendor"]
    if name == "vendor_b":
        vendor_b = VendorFactory(username="vendor-b")
        StorePageFactory(vendor=vendor_b, title="Bramble Books")
        return vendor_b
    if name == "staff":
        return UserFactory(username="staff", is_staff=True)
    if name == "admin":
        admin = UserFactory(username="ops")
        return user_marketplace_admin_set(user=admin, is_admin=True)
    return UserFactory(username="buyer")


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(
    ("route", "overrides"),
    ROUTES,
    ids=[f"{route[0]}-{index}" for index, (route, _) in enumerate(ROUTES)],
)
def test_admin_access_matrix(client, objects_of_a, actor, route, overrides):
    _, url_of = route
    user = _actor(actor, objects_of_a)
    if user is not None:
        client.force_login(user)

    response = client.get(url_of(objects_of_a))

    assert response.status_code == {**USUAL, **overrides}[actor]
