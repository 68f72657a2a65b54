"""A page refuses images and documents that are not its editor's."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from accounts.tests.factories import VendorFactory
from vendors.access import vendor_workspace_ensure
from vendors.models import ProductPage
from vendors.page_forms import FOREIGN_MEDIA
from vendors.tests.factories import ImageFactory


@pytest.fixture
def foreign_image(store_index):
    vendor = VendorFactory(username="bramble")
    return ImageFactory(
        title="bramble-private",
        collection=vendor_workspace_ensure(vendor=vendor).collection,
    )


def _product_form(product, **fields):
    return nested_form_data(
        {
            "title": product.title,
            "slug": product.slug,
            "price": "10.00",
            "summary": "",
            "description": rich_text(""),
            "image": "",
            "gallery_images": inline_formset([]),
            "comments": inline_formset([]),
            **fields,
        }
    )


def _store_form(store, **fields):
    return nested_form_data(
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


def _edit(client, page, data):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


@pytest.mark.django_db
def test_product_image_field_refuses_another_vendors_image(
    vendor_client, own, foreign_image
):
    product = own["product"]
    revisions = product.revisions.count()

    response = _edit(
        vendor_client, product, _product_form(product, image=foreign_image.pk)
    )

    assert response.status_code == 200
    assert FOREIGN_MEDIA in response.content.decode()
    product = ProductPage.objects.get(pk=product.pk)
    assert product.image_id is None
    assert product.revisions.count() == revisions


@pytest.mark.django_db
def test_product_image_field_takes_the_vendors_own_image(vendor_client, own):
    product = own["product"]

    response = _edit(
        vendor_client, product, _product_form(product, image=own["image"].pk)
    )

    assert response.status_code == 302
    assert product.revisions.latest("pk").as_object().image_id == own["image"].pk


@pytest.mark.django_db
def test_product_gallery_refuses_another_vendors_image(
    vendor_client, own, foreign_image
):
    product = own["product"]
    revisions = product.revisions.count()
    gallery = inline_formset([{"image": foreign_image.pk, "caption": "mine now"}])

    response = _edit(
        vendor_client, product, _product_form(product, gallery_images=gallery)
    )

    assert response.status_code == 200
    assert FOREIGN_MEDIA in response.content.decode()
    assert product.revisions.count() == revisions


def _gallery_of(image):
    # A ListBlock's form data: like a stream's, without block types.
    images = {
        "count": "1",
        "0": {
            "value": {"image": image.pk, "caption": ""},
            "deleted": "",
            "order": "0",
            "id": "",
        },
    }
    return streamfield([("gallery", {"heading": "Shop floor", "images": images})])


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["logo", "banner", "body"])
def test_store_refuses_another_vendors_image(vendor_client, own, foreign_image, field):
    store = own["store"]
    revisions = store.revisions.count()
    value = _gallery_of(foreign_image) if field == "body" else foreign_image.pk

    response = _edit(vendor_client, store, _store_form(store, **{field: value}))

    assert response.status_code == 200
    assert FOREIGN_MEDIA in response.content.decode()
    assert store.revisions.count() == revisions


@pytest.mark.django_db
def test_store_body_gallery_takes_the_vendors_own_image(vendor_client, own):
    store = own["store"]

    response = _edit(
        vendor_client, store, _store_form(store, body=_gallery_of(own["image"]))
    )

    assert response.status_code == 302
    body = store.revisions.latest("pk").as_object().body
    assert body[0].value["images"][0]["image"].pk == own["image"].pk


@pytest.mark.django_db
def test_admin_may_use_any_vendors_image(admin_client, own, foreign_image):
    product = own["product"]

    response = _edit(
        admin_client, product, _product_form(product, image=foreign_image.pk)
    )

    assert response.status_code == 302


@pytest.mark.django_db
def test_a_vendor_cannot_edit_the_home_page_or_its_blocks(
    vendor_client, own, foreign_image, home_page
):
    """The home page's blocks are the admins' alone: a vendor holds no rights
    on it and the admin's guard answers 404, so no image of anyone's reaches it
    through them."""
    url = reverse("wagtailadmin_pages:edit", args=[home_page.pk])
    data = nested_form_data(
        {
            "title": home_page.title,
            "slug": home_page.slug,
            "body": _gallery_of(foreign_image),
            "comments": inline_formset([]),
            "action-publish": "1",
        }
    )
    revisions = home_page.revisions.count()

    assert vendor_client.get(url).status_code == 404
    assert vendor_client.post(url, data).status_code == 404
    assert home_page.revisions.count() == revisions
    assert not home_page.specific.permissions_for_user(own["store"].vendor).can_edit()
