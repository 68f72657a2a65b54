"""The product's "in stock" flag (vendors.stock_flags) follows every door that
changes stock or `digital`, and "In stock only" reads it."""

import pytest
from wagtail.actions.copy_page import CopyPageAction

from shop.services.orders import order_cancel
from shop.services.stock import stock_set
from shop.tests.factories import order_for
from vendors.models import ProductPage
from vendors.services import product_update
from vendors.tests.factories import ProductPageFactory

IN_STOCK_ONLY = "/catalogue/?in_stock=on"


def _flag(product) -> bool:
    return ProductPage.objects.values_list("in_stock", flat=True).get(pk=product.pk)


def _listed(client, url=IN_STOCK_ONLY) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_a_new_product_is_flagged_by_its_stock_or_being_digital(store):
    counted = ProductPageFactory(store=store, stock_quantity=3)
    none_left = ProductPageFactory(store=store, stock_quantity=0)
    download = ProductPageFactory(store=store, stock_quantity=0, digital=True)

    assert (_flag(counted), _flag(none_left), _flag(download)) == (True, False, True)


@pytest.mark.django_db
def test_a_vendors_count_sets_the_flag_and_the_filter_follows(client, store):
    product = ProductPageFactory(store=store, title="Speckled mug", stock_quantity=2)
    assert "Speckled mug" in _listed(client)

    stock_set(product=product, quantity=0, actor=store.vendor)
    assert _flag(product) is False
    assert "Speckled mug" not in _listed(client)

    stock_set(product=product, quantity=4, actor=store.vendor)
    assert _flag(product) is True
    assert "Speckled mug" in _listed(client)


@pytest.mark.django_db
def test_selling_the_last_unit_clears_it_and_a_cancellation_sets_it_again(
    client, store, buyer
):
    product = ProductPageFactory(store=store, title="Speckled mug", stock_quantity=2)
    others = ProductPageFactory(store=store, title="Tea bowl", stock_quantity=9)
    assert "Speckled mug" in _listed(client)

    order = order_for(buyer=buyer, items=[(product, 2), (others, 1)])
    sold_out = _listed(client)
    order_cancel(order=order, actor=buyer)

    assert "Speckled mug" not in sold_out
    assert "Tea bowl" in sold_out
    assert _flag(product) is True
    assert "Speckled mug" in _listed(client)


@pytest.mark.django_db
def test_publishing_a_product_as_digital_sets_it_and_a_draft_does_not(store):
    product = ProductPageFactory(store=store, stock_quantity=0)
    product.digital = True
    product.save_revision(user=store.vendor)
    assert _flag(product) is False

    product_update(product=product, actor=store.vendor, digital=True)
    assert _flag(product) is True

    product_update(product=product, actor=store.vendor, digital=False)
    assert _flag(product) is False


@pytest.mark.django_db
def test_an_older_revision_published_keeps_todays_flag(store):
    product = ProductPageFactory(store=store, stock_quantity=5)
    old_revision = product.latest_revision
    stock_set(product=product, quantity=0, actor=store.vendor)

    old_revision.publish(user=store.vendor)

    assert _flag(product) is False


@pytest.mark.django_db
def test_a_copy_has_no_stock_of_its_own(store):
    product = ProductPageFactory(store=store, stock_quantity=5)
    download = ProductPageFactory(store=store, stock_quantity=0, digital=True)

    copies = [
        CopyPageAction(
            page, to=store, update_attrs={"slug": f"{page.slug}-copy"}, keep_live=True
        ).execute()
        for page in (product, download)
    ]

    assert [_flag(copy) for copy in copies] == [False, True]


@pytest.mark.django_db
def test_the_api_filters_on_the_flag_both_ways(api_client, store):
    ProductPageFactory(store=store, title="Speckled mug", stock_quantity=1)
    ProductPageFactory(store=store, title="Tea bowl", stock_quantity=0)
    ProductPageFactory(store=store, title="E-book", stock_quantity=0, digital=True)

    def names(value):
        response = api_client.get("/api/products/", {"in_stock": value})
        assert response.status_code == 200
        return sorted(item["name"] for item in response.json()["results"])

    assert names("true") == ["E-book", "Speckled mug"]
    assert names("false") == ["Tea bowl"]
