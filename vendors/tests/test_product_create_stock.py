"""Stock is asked for when a product is created in the Wagtail admin."""

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from shop.models import Stock
from vendors.models import ProductPage


def _create_form(**fields):
    return nested_form_data(
        {
            "title": "Glazed bowl",
            "slug": "glazed-bowl",
            "price": "19.50",
            "sku": "",
            "summary": "A bowl.",
            "description": rich_text("<p>Deep and glazed.</p>"),
            "gallery_images": inline_formset([]),
            **fields,
        }
    )


def _add_url(store):
    return f"/admin/pages/add/vendors/productpage/{store.pk}/"


def test_the_create_form_asks_for_the_units_in_stock(vendor_client, store):
    response = vendor_client.get(_add_url(store))

    content = response.content.decode()
    assert response.status_code == 200
    assert 'name="initial_stock"' in content
    assert "Change stock" not in content


@pytest.mark.parametrize("action", [{}, {"action-publish": "publish"}])
def test_a_product_created_in_the_admin_starts_with_the_stock_given(
    vendor_client, store, action
):
    response = vendor_client.post(
        _add_url(store), _create_form(initial_stock="7", **action)
    )

    assert response.status_code == 302
    product = ProductPage.objects.get(slug="glazed-bowl")
    assert Stock.objects.get(product=product).quantity == 7
    assert "initial_stock" not in product.get_latest_revision().content


def test_an_empty_stock_figure_starts_at_zero(vendor_client, store):
    response = vendor_client.post(_add_url(store), _create_form(initial_stock=""))

    assert response.status_code == 302
    assert Stock.objects.get(product__slug="glazed-bowl").quantity == 0


@pytest.mark.parametrize("quantity", ["-1", "lots", "1.5", "1000001"])
def test_the_create_form_refuses_a_bad_stock_figure_and_creates_nothing(
    vendor_client, store, quantity
):
    response = vendor_client.post(
        _add_url(store),
        _create_form(initial_stock=quantity, **{"action-publish": "publish"}),
    )

    assert response.status_code == 200
    assert "initial_stock" in response.context["form"].errors
    assert not ProductPage.objects.exists()
    assert not Stock.objects.exists()
    assert Page.objects.get(pk=store.pk).numchild == 0


def test_editing_shows_stock_read_only_and_ignores_a_posted_figure(
    vendor_client, product
):
    edit_url = f"/admin/pages/{product.pk}/edit/"

    page = vendor_client.get(edit_url).content.decode()
    response = vendor_client.post(
        edit_url,
        _create_form(slug=product.slug, initial_stock="99"),
    )

    assert 'name="initial_stock"' not in page
    assert "<strong>10</strong> in stock" in page
    assert "Change stock" in page
    assert response.status_code == 302
    assert Stock.objects.get(product=product).quantity == 10
