"""Storefront renditions are made in the task worker (the immediate backend in
tests) when a page is published or an image changes, so no visitor waits."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from vendors import renditions
from vendors.models import ProductGalleryImage
from vendors.tests.factories import (
    ImageFactory,
    ProductPageFactory,
    StorePageFactory,
    _uploaded_by,
)

Rendition = get_image_model().get_rendition_model()

PRODUCT_IMAGE_SPECS = set(
    renditions.PRODUCT_CARD
    + renditions.PRODUCT_GALLERY
    + renditions.CART_LINE
    + renditions.SHARE
)


def _specs(image) -> set[str]:
    return set(
        Rendition.objects.filter(image=image).values_list("filter_spec", flat=True)
    )


def _png(color: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), color).save(buffer, "PNG")
    return SimpleUploadedFile("new.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def published_product(store, django_capture_on_commit_callbacks):
    picture, side_view = ImageFactory(), ImageFactory()
    with django_capture_on_commit_callbacks(execute=True):
        product = ProductPageFactory(
            store=store, title="Speckled mug", image=picture, gallery=[(side_view, "")]
        )
    return product, picture, side_view


def test_publishing_a_product_makes_its_storefront_renditions(published_product):
    product, picture, side_view = published_product

    assert _specs(picture) == PRODUCT_IMAGE_SPECS
    assert _specs(side_view) == set(renditions.PRODUCT_GALLERY + renditions.SHARE)


def test_the_pages_showing_a_published_product_make_no_rendition(
    client, published_product
):
    product, _, _ = published_product
    count = Rendition.objects.count()

    pages = [product.url, product.store.url, "/catalogue/", "/"]
    statuses = [client.get(url).status_code for url in pages]

    assert statuses == [200, 200, 200, 200]
    assert Rendition.objects.count() == count


def test_a_draft_makes_no_rendition(store, django_capture_on_commit_callbacks):
    picture = ImageFactory()

    with django_capture_on_commit_callbacks(execute=True):
        ProductPageFactory(store=store, image=picture, publish=False)

    assert _specs(picture) == set()


def test_publishing_a_store_makes_its_logo_banner_and_body_renditions(
    client, store_index, vendor, django_capture_on_commit_callbacks
):
    logo, banner, figure, tile = (ImageFactory() for _ in range(4))
    body = [
        ("image", {"image": figure, "caption": "The kiln"}),
        ("gallery", {"heading": "", "images": [{"image": tile, "caption": ""}]}),
    ]

    _uploaded_by(vendor, figure, tile)
    with django_capture_on_commit_callbacks(execute=True):
        store = StorePageFactory(vendor=vendor, logo=logo, banner=banner, body=body)
    count = Rendition.objects.count()
    statuses = [client.get(url).status_code for url in (store.url, "/stores/")]

    assert _specs(logo) == set(renditions.STORE_LOGO + renditions.SHARE)
    assert _specs(banner) == set(
        renditions.STORE_BANNER_CARD + renditions.STORE_BANNER + renditions.SHARE
    )
    assert _specs(figure) == set(renditions.BODY_IMAGE)
    assert _specs(tile) == set(renditions.BODY_GALLERY)
    assert statuses == [200, 200]
    assert Rendition.objects.count() == count


def test_a_new_file_for_an_image_in_use_remakes_its_renditions(
    admin_client, published_product, django_capture_on_commit_callbacks
):
    product, picture, _ = published_product
    old_files = set(
        Rendition.objects.filter(image=picture).values_list("file", flat=True)
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/images/{picture.pk}/",
            {
                "title": picture.title,
                "file": _png("orange"),
                "collection": picture.collection_id,
                "tags": "",
            },
        )
    count = Rendition.objects.count()
    product_page = admin_client.get(product.url)

    assert response.status_code == 302
    assert _specs(picture) == PRODUCT_IMAGE_SPECS
    assert not old_files & set(
        Rendition.objects.filter(image=picture).values_list("file", flat=True)
    )
    assert product_page.status_code == 200
    assert Rendition.objects.count() == count


def test_an_image_in_no_live_page_makes_no_rendition(
    admin_client, django_capture_on_commit_callbacks
):
    picture = ImageFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/images/{picture.pk}/",
            {
                "title": "Renamed",
                "collection": picture.collection_id,
                "tags": "",
            },
        )

    assert response.status_code == 302
    assert _specs(picture) == set()


def test_page_image_specs_lists_each_picture_of_a_product(store):
    picture, side_view = ImageFactory(), ImageFactory()
    product = ProductPageFactory(store=store, image=picture, gallery=[(side_view, "")])
    ProductGalleryImage.objects.create(page=product, image=None)

    uses = renditions.page_image_specs(product)

    assert [(image.pk, set(specs)) for image, specs in uses] == [
        (picture.pk, PRODUCT_IMAGE_SPECS),
        (side_view.pk, set(renditions.PRODUCT_GALLERY + renditions.SHARE)),
    ]


def test_a_queue_that_refuses_the_task_leaves_the_publish_saved(
    store, settings, django_capture_on_commit_callbacks, caplog
):
    picture = ImageFactory()
    immediate = "django_tasks.backends.immediate.ImmediateBackend"

    with django_capture_on_commit_callbacks(execute=True):
        product = ProductPageFactory(store=store, image=picture)
        # By the commit the queue takes no task, as a queue that is down.
        settings.TASKS = {"default": {"BACKEND": immediate, "QUEUES": ["other"]}}

    assert product.live is True
    assert _specs(picture) == set()
    assert "page_renditions_enqueue.<locals>.enqueue" in caplog.text
