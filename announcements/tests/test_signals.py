import json

import pytest
import requests
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from announcements.models import Announcement
from announcements.tests.conftest import TWEET_ID, TWEET_URL
from vendors.models import ProductPage
from vendors.tests.factories import ProductPageFactory, StorePageFactory

MUG_URL = "https://shop.example.com/stores/kiln-studio/speckled-mug/"


@pytest.fixture
def draft(store_index, vendor):
    store = StorePageFactory(vendor=vendor, title="Kiln Studio")
    return ProductPageFactory(store=store, title="Mug", publish=False)


def _edit_form(*, publish: bool) -> dict:
    data = {
        "title": "Speckled mug",
        "slug": "speckled-mug",
        "price": "24.00",
        "summary": "Stoneware, speckled glaze.",
        "description": rich_text(""),
        "gallery_images": inline_formset([]),
        "comments": inline_formset([]),
    }
    if publish:
        data["action-publish"] = "publish"
    return nested_form_data(data)


def test_publishing_from_the_wagtail_admin_announces_the_product(
    admin_client, draft, x_accepts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/pages/{draft.pk}/edit/", _edit_form(publish=True)
        )

    assert response.status_code == 302
    assert ProductPage.objects.get(pk=draft.pk).live is True
    announcement = Announcement.objects.get(page=draft)
    assert announcement.status == Announcement.Status.SENT
    assert announcement.tweet_id == TWEET_ID
    assert [call.request.url for call in x_accepts.calls] == [TWEET_URL]
    assert json.loads(x_accepts.calls[0].request.body) == {
        "text": f"New at Kiln Studio: Speckled mug, $24.00\n{MUG_URL}"
    }


def test_publishing_from_the_wagtail_admin_while_x_is_down_saves_the_page(
    admin_client, draft, x_api, x_configured, django_capture_on_commit_callbacks
):
    x_api.post(TWEET_URL, body=requests.ConnectionError("X is down"))

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/pages/{draft.pk}/edit/", _edit_form(publish=True)
        )

    assert response.status_code == 302
    product = ProductPage.objects.get(pk=draft.pk)
    assert product.live is True
    assert product.title == "Speckled mug"
    announcement = Announcement.objects.get(page=draft)
    assert announcement.status == Announcement.Status.PENDING
    assert announcement.attempts == 1
    assert len(x_api.calls) == 1


def test_saving_a_draft_in_the_wagtail_admin_announces_nothing(
    admin_client, draft, x_accepts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/pages/{draft.pk}/edit/", _edit_form(publish=False)
        )

    assert response.status_code == 302
    assert ProductPage.objects.get(pk=draft.pk).live is False
    assert not Announcement.objects.filter(page=draft).exists()
    assert len(x_accepts.calls) == 0
