from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from home.models import HomePage
from shop.services.stock import stock_set
from vendors.models import ProductPage, StoreIndexPage, StorePage
from vendors.tests.factories import ProductPageFactory, StorePageFactory


def test_page_types_form_a_tree_of_home_stores_store_product():
    assert HomePage.allowed_subpage_models() == [StoreIndexPage]
    assert StoreIndexPage.allowed_parent_page_models() == [HomePage]
    assert StoreIndexPage.allowed_subpage_models() == [StorePage]
    assert StorePage.allowed_parent_page_models() == [StoreIndexPage]
    assert StorePage.allowed_subpage_models() == [ProductPage]
    assert ProductPage.allowed_parent_page_models() == [StorePage]
    assert ProductPage.allowed_subpage_models() == []


def test_pages_can_be_created_only_under_their_parent_type(home_page, store):
    store_index = store.get_parent().specific

    assert not StoreIndexPage.can_create_at(home_page)  # max_count 1, made by migration
    assert StorePage.can_create_at(store_index)
    assert not StorePage.can_create_at(home_page)
    assert ProductPage.can_create_at(store)
    assert not ProductPage.can_create_at(store_index)
    assert not ProductPage.can_create_at(home_page)


def test_store_index_exists_at_stores_after_migration(home_page):
    store_index = StoreIndexPage.objects.get()

    assert store_index.get_parent().pk == home_page.pk
    assert store_index.url == "/stores/"


@pytest.mark.parametrize("price", [Decimal("-0.01"), Decimal("-10.00")])
def test_full_clean_refuses_negative_price(product, price):
    product.price = price

    with pytest.raises(ValidationError) as error:
        product.full_clean()

    assert list(error.value.message_dict) == ["price"]


def test_full_clean_accepts_free_product(product):
    product.price = Decimal("0.00")

    product.full_clean()


def test_product_store_follows_a_move_to_another_store(product, vendor):
    other_store = StorePageFactory(vendor=vendor, title="Second shop")

    product.move(other_store, pos="last-child")

    product.refresh_from_db()
    assert product.store_id == other_store.pk
    assert list(other_store.products.all()) == [product]


def test_older_revision_does_not_move_product_back(product, vendor):
    old_revision = product.latest_revision
    other_store = StorePageFactory(vendor=vendor, title="Second shop")
    product.move(other_store, pos="last-child")

    old_revision.publish()

    product.refresh_from_db()
    assert product.store_id == other_store.pk


def test_copied_store_products_belong_to_the_copy(product, store):
    copy = store.copy(
        recursive=True,
        keep_live=True,
        update_attrs={"title": "Kiln Studio copy", "slug": "kiln-studio-copy"},
    )

    copied_product = ProductPage.objects.child_of(copy).get()
    assert copied_product.store_id == copy.pk
    assert list(store.products.all()) == [product]


def test_deleting_a_store_deletes_its_products(product, store):
    store.delete()

    assert not ProductPage.objects.filter(pk=product.pk).exists()
    assert not StorePage.objects.filter(pk=store.pk).exists()


@pytest.mark.parametrize(
    ("digital", "quantity", "code", "label"),
    [
        (False, 0, "out_of_stock", "Out of stock"),
        (False, 1, "low", "Only 1 left"),
        (False, 5, "low", "Only 5 left"),
        (False, 6, "in_stock", "In stock"),
        (True, 0, "digital", "Digital download"),
    ],
)
def test_availability_reflects_stock(store, digital, quantity, code, label):
    product = ProductPageFactory(store=store, digital=digital, stock_quantity=0)
    stock_set(product=product, quantity=quantity, actor=product.store.vendor)
    product = ProductPage.objects.get(pk=product.pk)

    assert product.availability.code == code
    assert product.availability.label == label
    assert product.is_in_stock is (digital or quantity > 0)


def test_product_without_stock_row_counts_as_out_of_stock(product):
    product.stock.delete()
    product = ProductPage.objects.get(pk=product.pk)

    assert product.stock_quantity == 0
    assert product.availability.code == "out_of_stock"
