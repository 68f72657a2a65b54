"""Vendor isolation in the Wagtail admin: log in as one vendor, look for another's."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page

from accounts.tests.factories import VendorFactory
from vendors.access import vendor_workspace_ensure
from vendors.models import ProductPage, StorePage, VendorWorkspace
from vendors.tests.factories import ImageFactory, ProductPageFactory, StorePageFactory

OTHER_NAMES = ["Bramble Books", "Secret Ledger", "bramble-logo"]


@pytest.fixture
def other(store_index):
    vendor = VendorFactory(username="bramble")
    store = StorePageFactory(vendor=vendor, title="Bramble Books")
    product = ProductPageFactory(store=store, title="Secret Ledger")
    image = ImageFactory(
        title="bramble-logo",
        collection=vendor_workspace_ensure(vendor=vendor).collection,
    )
    store.logo = image
    store.save_revision().publish()
    return {"vendor": vendor, "store": store, "product": product, "image": image}


def _assert_no_trace_of_other(response, other):
    # The not-found page names the address that was asked for (its canonical
    # URL): that tells the asker nothing they did not send.
    content = response.content.decode().replace(response.request["PATH_INFO"], "")
    for name in OTHER_NAMES:
        assert name not in content, name
    for page in (other["store"], other["product"]):
        assert f"/admin/pages/{page.pk}/" not in content


@pytest.mark.django_db
def test_vendor_edits_their_own_store_and_product(vendor_client, own):
    for page in (own["store"], own["product"]):
        response = vendor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page
    response = vendor_client.get(reverse("wagtailimages:edit", args=[own["image"].pk]))
    assert response.status_code == 200


PAGE_URLS = [
    ("wagtailadmin_pages:edit", "page"),
    ("wagtailadmin_explore", "page"),
    ("wagtailadmin_pages:history", "page"),
    ("wagtailadmin_pages:revisions_index", "page"),
    ("wagtailadmin_pages:usage", "page"),
    ("wagtailadmin_pages:view_draft", "page"),
    ("wagtailadmin_pages:delete", "page"),
    ("wagtailadmin_pages:copy", "page"),
    ("wagtailadmin_pages:move", "page"),
    ("wagtailadmin_pages:unpublish", "page"),
    ("wagtailadmin_pages:workflow_history", "page"),
    ("wagtailadmin_pages:add_subpage", "page"),
    ("wagtailadmin_choose_page_child", "page"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "_"), PAGE_URLS)
@pytest.mark.parametrize("which", ["store", "product"])
def test_vendor_gets_404_for_another_vendors_page(
    vendor_client, own, other, url_name, _, which
):
    url = reverse(url_name, args=[other[which].pk])

    response = vendor_client.get(url)

    assert response.status_code == 404
    _assert_no_trace_of_other(response, other)


@pytest.mark.django_db
def test_vendor_cannot_add_a_product_to_another_vendors_store(vendor_client, other):
    url = reverse(
        "wagtailadmin_pages:add",
        args=["vendors", "productpage", other["store"].pk],
    )

    get_response = vendor_client.get(url)
    post_response = vendor_client.post(
        url, {"title": "Intruder", "slug": "intruder", "price": "1.00"}
    )

    assert get_response.status_code == 404
    assert post_response.status_code == 404
    assert not ProductPage.objects.filter(title="Intruder").exists()


@pytest.mark.django_db
def test_vendor_cannot_move_a_product_into_another_vendors_store(
    vendor_client, own, other
):
    url = reverse(
        "wagtailadmin_pages:move_confirm",
        args=[own["product"].pk, other["store"].pk],
    )

    response = vendor_client.post(url)

    assert response.status_code == 404
    own["product"].refresh_from_db()
    assert own["product"].get_parent().pk == own["store"].pk


@pytest.mark.django_db
def test_vendor_cannot_edit_another_vendors_page_by_post(vendor_client, own, other):
    url = reverse("wagtailadmin_pages:edit", args=[other["product"].pk])

    response = vendor_client.post(url, {"title": "Hacked", "price": "0.01"})

    assert response.status_code == 404
    other["product"].refresh_from_db()
    assert other["product"].title == "Secret Ledger"


IMAGE_URLS = [
    ("wagtailimages:edit", []),
    ("wagtailimages:delete", []),
    ("wagtailimages:url_generator", []),
    ("wagtailimages:image_usage", []),
    ("wagtailimages:edit_multiple", []),
    ("wagtailimages:preview", ["original"]),
    ("wagtailimages_chooser:chosen", []),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "extra"), IMAGE_URLS)
def test_vendor_gets_404_for_another_vendors_image(
    vendor_client, own, other, url_name, extra
):
    url = reverse(url_name, args=[other["image"].pk, *extra])

    response = vendor_client.get(url)

    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/admin/", 200),
        ("/admin/pages/", 302),
        ("/admin/pages/search/?q=Bramble", 200),
        ("/admin/pages/search/?q=Ledger", 200),
        ("/admin/images/", 200),
        ("/admin/images/?q=bramble", 200),
        ("/admin/images/chooser/", 200),
        ("/admin/images/chooser/results/?q=bramble", 200),
        ("/admin/choose-page/", 200),
        ("/admin/choose-page/search/?q=Bramble", 200),
        ("/admin/api/main/pages/?for_explorer=1", 400),
        ("/admin/reports/locked/", 200),
        ("/admin/reports/site-history/", 200),
        ("/admin/reports/aging-pages/", 200),
        ("/admin/reports/page-types-usage/", 404),
        ("/admin/reports/workflow/", 200),
        ("/admin/reports/workflow_tasks/", 200),
        ("/admin/search/?q=Bramble", 404),
        ("/admin/documents/", 404),
        ("/admin/documents/chooser/", 404),
        ("/admin/collections/", 404),
        ("/admin/workflows/list/", 404),
        ("/admin/snippets/", 404),
        ("/admin/users/", 404),
        ("/admin/groups/", 404),
        ("/admin/settings/", 404),
    ],
)
def test_admin_listings_show_a_vendor_nothing_of_another_vendor(
    vendor_client, own, other, url, status
):
    response = vendor_client.get(url)

    # 302: the pages listing opens at the vendor's own store; 400: the admin's
    # page API wants a parent; 404: the deny-by-default guard.
    assert response.status_code == status
    _assert_no_trace_of_other(response, other)


@pytest.mark.django_db
def test_explorer_of_the_stores_page_lists_only_the_vendors_own_stores(
    vendor_client, vendor, store_index, own, other
):
    # With two stores the vendor's explorer starts at the stores page itself.
    StorePageFactory(vendor=vendor, title="Kiln Outlet")

    response = vendor_client.get(reverse("wagtailadmin_explore", args=[store_index.pk]))

    assert response.status_code == 200
    assert "Kiln Studio" in response.content.decode()
    assert "Kiln Outlet" in response.content.decode()
    _assert_no_trace_of_other(response, other)


@pytest.mark.django_db
def test_admin_api_child_listing_is_scoped(vendor_client, store_index, own, other):
    response = vendor_client.get(
        f"/admin/api/main/pages/?child_of={store_index.pk}&for_explorer=1"
    )

    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert titles == ["Kiln Studio"]


@pytest.mark.django_db
def test_image_upload_form_offers_only_the_vendors_collection(
    vendor_client, own, other
):
    response = vendor_client.get(reverse("wagtailimages:add"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "bramble" not in content


def _png(name: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.mark.django_db
def test_a_new_vendor_without_a_store_uploads_into_their_own_collection(
    client, store_index, other
):
    newcomer = VendorFactory(username="newcomer")
    client.force_login(newcomer)

    form = client.get(reverse("wagtailimages:add"))
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "first-shot", "file": _png("first-shot.png")},
    )

    assert form.status_code == 200
    assert response.status_code == 302, response.content
    image = get_image_model().objects.get(title="first-shot")
    assert image.collection == VendorWorkspace.objects.get(vendor=newcomer).collection
    assert image.uploaded_by_user == newcomer


@pytest.mark.django_db
def test_admin_sees_and_edits_every_vendors_pages(admin_client, own, other):
    for page in (own["store"], other["store"], other["product"]):
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200
    response = admin_client.get(reverse("wagtailimages:edit", args=[other["image"].pk]))
    assert response.status_code == 200


@pytest.mark.django_db
def test_vendor_opens_a_store_and_may_then_edit_it(vendor_client, vendor, store_index):
    response = vendor_client.post(
        reverse("vendors_admin:store_open"),
        {"title": "Night Owl Tea", "description": "Loose-leaf teas."},
    )

    store = StorePage.objects.get(title="Night Owl Tea")
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[store.pk])
    assert store.vendor == vendor
    assert store.owner == vendor
    assert not store.live
    assert store.get_parent().pk == store_index.pk
    assert vendor_client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_open_a_store_refuses_a_blank_name(vendor_client, store_index):
    count = StorePage.objects.count()

    response = vendor_client.post(reverse("vendors_admin:store_open"), {"title": ""})

    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert StorePage.objects.count() == count


@pytest.mark.django_db
def test_buyers_cannot_open_stores(buyer_client, store_index):
    response = buyer_client.get(reverse("vendors_admin:store_open"))

    assert response.status_code == 302
    assert Page.objects.type(StorePage).count() == 0


@pytest.mark.django_db
def test_dashboard_counts_only_the_vendors_own_pages(vendor_client, vendor, own, other):
    # With two stores the vendor's explorable root is the stores page, under which
    # Wagtail would count the other vendor's store and product too.
    StorePageFactory(vendor=vendor, title="Kiln Outlet")

    response = vendor_client.get("/admin/")

    assert response.status_code == 200
    assert "3 Pages" in " ".join(response.content.decode().split())


def _bulk_url(model: str, action: str) -> str:
    app_label, model_name = model.split(".")
    return reverse(
        "wagtail_bulk_action",
        kwargs={"app_label": app_label, "model_name": model_name, "action": action},
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "action", "which"),
    [
        ("wagtailcore.page", "publish", "store"),
        ("wagtailcore.page", "delete", "product"),
        ("wagtailcore.page", "unpublish", "product"),
        ("wagtailcore.page", "move", "store"),
        ("wagtailimages.image", "delete", "image"),
        ("wagtailimages.image", "add_to_collection", "image"),
    ],
)
def test_vendor_bulk_action_on_another_vendors_object_is_404(
    vendor_client, own, other, model, action, which
):
    url = f"{_bulk_url(model, action)}?id={own[which].pk}&id={other[which].pk}"

    response = vendor_client.get(url)

    assert response.status_code == 404
    _assert_no_trace_of_other(response, other)


@pytest.mark.django_db
def test_vendor_bulk_action_on_their_own_pages_lists_them(vendor_client, own, other):
    url = f"{_bulk_url('wagtailcore.page', 'unpublish')}?id={own['product'].pk}"

    response = vendor_client.get(url)

    assert response.status_code == 200
    assert "Speckled mug" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("parent", "status"), [("store_index", 200), ("root", 404)])
def test_vendor_bulk_select_all_covers_only_their_own_pages(
    vendor_client, own, other, store_index, parent, status
):
    parent_id = (
        store_index.pk if parent == "store_index" else Page.get_first_root_node().pk
    )
    url = f"{_bulk_url('wagtailcore.page', 'delete')}?id=all&childOf={parent_id}"

    response = vendor_client.get(url)

    # Below the stores page the bulk form lists their own pages; the root is
    # not a page of theirs to act below.
    assert response.status_code == status
    _assert_no_trace_of_other(response, other)


@pytest.mark.django_db
def test_vendor_bulk_select_all_of_their_store_keeps_its_products(
    vendor_client, own, other
):
    url = (
        f"{_bulk_url('wagtailcore.page', 'unpublish')}?id=all&childOf={own['store'].pk}"
    )

    response = vendor_client.get(url)

    assert response.status_code == 200
    assert "Speckled mug" in response.content.decode()
    _assert_no_trace_of_other(response, other)


@pytest.mark.django_db
def test_vendor_bulk_select_all_images_shows_only_their_own(vendor_client, own, other):
    response = vendor_client.get(f"{_bulk_url('wagtailimages.image', 'delete')}?id=all")

    assert response.status_code == 200
    assert "kiln-logo" in response.content.decode()
    _assert_no_trace_of_other(response, other)


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["?id=abc", "?id=99999999999999999999999"])
def test_vendor_bulk_action_with_junk_ids_is_404(vendor_client, own, query):
    response = vendor_client.get(_bulk_url("wagtailcore.page", "publish") + query)

    assert response.status_code == 404


@pytest.mark.django_db
def test_vendor_cannot_bulk_act_on_users(vendor_client, own, other):
    url = f"{_bulk_url('accounts.user', 'delete')}?id={other['vendor'].pk}"

    response = vendor_client.get(url)

    assert response.status_code == 404
    assert "bramble" not in response.content.decode()
