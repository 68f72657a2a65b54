from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import GroupPagePermission, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from home.models import SiteSettings
from vendors.models import ProductPage


def _edit_data(product, *, price, action):
    data = nested_form_data(
        {
            "title": product.title,
            "slug": product.slug,
            "price": price,
            "sku": product.sku,
            "summary": product.summary,
            "description": rich_text("<p>Thrown by hand.</p>"),
            "gallery_images": inline_formset([]),
        }
    )
    data[action] = "1"
    return data


def _approval_set(required: bool) -> None:
    settings = SiteSettings.load()
    settings.require_vendor_approval = required
    settings.save()


def _live_price(product) -> Decimal:
    return ProductPage.objects.get(pk=product.pk).price


@pytest.mark.django_db
def test_without_moderation_a_vendor_publishes_directly(vendor_client, product):
    url = reverse("wagtailadmin_pages:edit", args=[product.pk])

    response = vendor_client.post(
        url, _edit_data(product, price="12.50", action="action-publish")
    )

    assert response.status_code == 302
    assert _live_price(product) == Decimal("12.50")
    assert not ProductPage.objects.get(pk=product.pk).has_unpublished_changes


@pytest.mark.django_db
def test_with_moderation_a_vendor_cannot_publish(vendor_client, product, vendor):
    _approval_set(True)
    url = reverse("wagtailadmin_pages:edit", args=[product.pk])

    vendor_client.post(url, _edit_data(product, price="99.00", action="action-publish"))

    assert _live_price(product) == Decimal("10.00")
    assert not GroupPagePermission.objects.filter(
        group__user=vendor, permission__codename="publish_page"
    ).exists()


@pytest.mark.django_db
def test_with_moderation_an_edit_goes_live_only_after_approval(
    client, vendor, admin_user, product
):
    _approval_set(True)
    client.force_login(vendor)
    url = reverse("wagtailadmin_pages:edit", args=[product.pk])

    client.post(url, _edit_data(product, price="14.00", action="action-submit"))

    state = WorkflowState.objects.get(object_id=str(product.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert _live_price(product) == Decimal("10.00")

    client.force_login(admin_user)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[product.pk, "approve", state.current_task_state.pk],
        ),
        {"comment": "Looks good"},
    )

    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert _live_price(product) == Decimal("14.00")


@pytest.mark.django_db
def test_switching_moderation_off_gives_publishing_back(vendor_client, product):
    _approval_set(True)
    _approval_set(False)
    url = reverse("wagtailadmin_pages:edit", args=[product.pk])

    vendor_client.post(url, _edit_data(product, price="11.00", action="action-publish"))

    assert _live_price(product) == Decimal("11.00")


@pytest.mark.django_db
def test_stores_opened_while_moderated_get_no_publish_permission(vendor, store_index):
    from vendors.tests.factories import StorePageFactory

    _approval_set(True)

    store = StorePageFactory(vendor=vendor, publish=False)

    codenames = set(
        GroupPagePermission.objects.filter(page=store).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page", "lock_page", "unlock_page"}
