"""A product whose store hides it says so in the admin."""

import pytest
from django.contrib.messages import get_messages
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from vendors.panels import store_hidden_reason
from vendors.tests.factories import ProductPageFactory, StorePageFactory


@pytest.fixture
def draft_store(store_index, vendor):
    return StorePageFactory(vendor=vendor, title="Kiln Studio", publish=False)


def _product_form(**fields):
    return nested_form_data(
        {
            "title": "Glazed bowl",
            "slug": "glazed-bowl",
            "price": "19.50",
            "summary": "",
            "description": rich_text(""),
            "gallery_images": inline_formset([]),
            "comments": inline_formset([]),
            **fields,
        }
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"publish": False}, "not visible until the store “Kiln Studio” is published"),
        ({"is_active": False}, "not visible while the store “Kiln Studio” is inactive"),
        ({}, ""),
    ],
)
def test_store_hidden_reason(store_index, vendor, changes, reason):
    store = StorePageFactory(vendor=vendor, title="Kiln Studio", **changes)

    assert store_hidden_reason(store) == reason


def test_the_editor_of_a_live_product_in_a_draft_store_warns(
    vendor_client, draft_store
):
    product = ProductPageFactory(store=draft_store, title="Speckled mug")

    response = vendor_client.get(f"/admin/pages/{product.pk}/edit/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "data-store-hidden" in content
    assert (
        "Published, but not visible until the store “Kiln Studio” is published."
        in content
    )


def test_the_create_form_in_a_draft_store_warns(vendor_client, draft_store):
    response = vendor_client.get(
        f"/admin/pages/add/vendors/productpage/{draft_store.pk}/"
    )

    assert response.status_code == 200
    assert (
        "Not visible until the store “Kiln Studio” is published, even once you "
        "publish this product." in response.content.decode()
    )


def test_a_product_in_a_live_store_shows_no_warning(vendor_client, product):
    response = vendor_client.get(f"/admin/pages/{product.pk}/edit/")

    assert response.status_code == 200
    assert "data-store-hidden" not in response.content.decode()


def test_publishing_a_product_in_a_draft_store_says_it_is_not_visible(
    vendor_client, draft_store
):
    response = vendor_client.post(
        f"/admin/pages/add/vendors/productpage/{draft_store.pk}/",
        _product_form(**{"action-publish": "publish"}),
    )

    assert response.status_code == 302
    warnings = [
        str(message).strip()
        for message in get_messages(response.wsgi_request)
        if message.level_tag == "warning"
    ]
    assert warnings == [
        "“Glazed bowl” is published, but not visible until the store "
        "“Kiln Studio” is published."
    ]


def test_publishing_a_product_in_a_live_store_warns_of_nothing(vendor_client, store):
    response = vendor_client.post(
        f"/admin/pages/add/vendors/productpage/{store.pk}/",
        _product_form(**{"action-publish": "publish"}),
    )

    assert response.status_code == 302
    assert not [
        message
        for message in get_messages(response.wsgi_request)
        if message.level_tag == "warning"
    ]
