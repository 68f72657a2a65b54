"""Products published while their store was hidden are announced when it goes live."""

import json

from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    streamfield,
)

from announcements.models import Announcement
from announcements.services import announcements_queue_for_store_products
from announcements.tests.conftest import TWEET_URL
from vendors.tests.factories import ProductPageFactory, StorePageFactory

STORE_URL = "https://shop.example.com/stores/kiln-studio/"


def _draft_store_with_products(vendor):
    store = StorePageFactory(vendor=vendor, title="Kiln Studio", publish=False)
    mug = ProductPageFactory(store=store, title="Speckled mug", price="24.00")
    bowl = ProductPageFactory(store=store, title="Glazed bowl", price="19.50")
    draft = ProductPageFactory(store=store, title="Teapot", publish=False)
    return store, mug, bowl, draft


def _texts(calls) -> list[str]:
    return [json.loads(call.request.body)["text"] for call in calls]


def test_a_product_published_in_a_draft_store_waits_for_the_store(
    store_index, vendor, x_accepts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _draft_store_with_products(vendor)

    assert Announcement.objects.count() == 0
    assert len(x_accepts.calls) == 0


def test_publishing_the_store_announces_it_then_its_live_products_once(
    store_index, vendor, x_accepts, django_capture_on_commit_callbacks
):
    store, mug, bowl, draft = _draft_store_with_products(vendor)

    with django_capture_on_commit_callbacks(execute=True):
        store.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        store.save_revision().publish()

    assert list(
        Announcement.objects.order_by("pk").values_list("page", "kind", "status")
    ) == [
        (store.pk, Announcement.Kind.STORE, Announcement.Status.SENT),
        (mug.pk, Announcement.Kind.PRODUCT, Announcement.Status.SENT),
        (bowl.pk, Announcement.Kind.PRODUCT, Announcement.Status.SENT),
    ]
    assert [call.request.url for call in x_accepts.calls] == [TWEET_URL] * 3
    assert _texts(x_accepts.calls)[1:] == [
        f"New at Kiln Studio: Speckled mug, $24.00\n{STORE_URL}speckled-mug/",
        f"New at Kiln Studio: Glazed bowl, $19.50\n{STORE_URL}glazed-bowl/",
    ]
    assert not Announcement.objects.filter(page=draft).exists()


def test_a_store_published_again_announces_only_products_it_has_not_yet(
    store_index, vendor, x_accepts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        store = StorePageFactory(vendor=vendor, title="Kiln Studio")
        mug = ProductPageFactory(store=store, title="Speckled mug")
    store.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        bowl = ProductPageFactory(store=store, title="Glazed bowl")

    with django_capture_on_commit_callbacks(execute=True):
        store.save_revision().publish()

    assert Announcement.objects.filter(page=mug).count() == 1
    assert Announcement.objects.filter(page=bowl).count() == 1
    assert len(x_accepts.calls) == 3


def test_a_store_announced_without_products_queues_nothing_more(
    store_index, vendor, x_accepts, django_capture_on_commit_callbacks
):
    store = StorePageFactory(vendor=vendor, title="Kiln Studio")

    assert announcements_queue_for_store_products(store=store) == []


def test_publishing_the_store_in_the_wagtail_admin_announces_its_products(
    vendor_client, vendor, store_index, x_accepts, django_capture_on_commit_callbacks
):
    store, mug, bowl, draft = _draft_store_with_products(vendor)
    form = nested_form_data(
        {
            "title": "Kiln Studio",
            "slug": "kiln-studio",
            "description": "Stoneware.",
            "body": streamfield([]),
            "address": "",
            "phone": "",
            "email": "",
            "is_active": "on",
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = vendor_client.post(f"/admin/pages/{store.pk}/edit/", form)

    assert response.status_code == 302
    assert set(Announcement.objects.values_list("page", "status")) == {
        (store.pk, Announcement.Status.SENT),
        (mug.pk, Announcement.Status.SENT),
        (bowl.pk, Announcement.Status.SENT),
    }
    assert len(x_accepts.calls) == 3
