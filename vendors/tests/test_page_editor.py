"""The Wagtail page editor works with the catalog pages as they are modelled."""

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from vendors.models import ProductPage


def _product_form(**fields):
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


def test_product_editor_shows_stock_read_only(admin_client, product):
    response = admin_client.get(f"/admin/pages/{product.pk}/edit/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "<strong>10</strong> in stock" in content
    assert 'name="stock' not in content


def test_product_created_in_the_editor_belongs_to_its_store(admin_client, store):
    response = admin_client.post(
        f"/admin/pages/add/vendors/productpage/{store.pk}/",
        _product_form(**{"action-publish": "publish"}),
    )

    assert response.status_code == 302
    product = ProductPage.objects.get(slug="glazed-bowl")
    assert product.live is True
    assert product.store == store
    assert product.stock_quantity == 0


def test_draft_created_in_the_editor_belongs_to_its_store(admin_client, store):
    response = admin_client.post(
        f"/admin/pages/add/vendors/productpage/{store.pk}/", _product_form()
    )

    assert response.status_code == 302
    product = ProductPage.objects.get(slug="glazed-bowl")
    assert product.live is False
    assert product.store == store


def test_editor_refuses_a_negative_price(admin_client, store):
    response = admin_client.post(
        f"/admin/pages/add/vendors/productpage/{store.pk}/",
        _product_form(price="-1.00", **{"action-publish": "publish"}),
    )

    assert response.status_code == 200
    assert "price" in response.context["form"].errors
    assert not ProductPage.objects.exists()
    assert Page.objects.get(pk=store.pk).numchild == 0
