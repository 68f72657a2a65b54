import pytest
from django.contrib.auth.models import AnonymousUser

from vendors.selectors import (
    catalogue_search,
    products_managed_by,
    products_public,
    stores_managed_by,
    stores_public,
)
from vendors.tests.factories import ProductPageFactory, StorePageFactory
from vendors.tests.markers import search_db


def _unpublish(page):
    page.unpublish()
    return page


@pytest.fixture
def catalog(store, vendor):
    """One visible store with one visible product, and every kind of hidden one."""
    draft_store = StorePageFactory(vendor=vendor, title="Draft shop", publish=False)
    closed_store = StorePageFactory(vendor=vendor, title="Closed shop", is_active=False)
    unpublished_store = _unpublish(StorePageFactory(vendor=vendor, title="Gone shop"))
    return {
        "store": store,
        "product": ProductPageFactory(store=store, title="Visible mug"),
        "draft_product": ProductPageFactory(store=store, publish=False),
        "unpublished_product": _unpublish(ProductPageFactory(store=store)),
        "hidden_stores": [draft_store, closed_store, unpublished_store],
        "products_of_hidden_stores": [
            ProductPageFactory(store=closed_store, title="Closed mug"),
            ProductPageFactory(store=unpublished_store, title="Gone mug"),
        ],
    }


def test_stores_public_lists_only_published_active_stores(catalog):
    assert list(stores_public()) == [catalog["store"]]


def test_stores_public_counts_published_products(catalog):
    assert stores_public().get().product_count == 1


def test_products_public_lists_only_visible_products_of_visible_stores(catalog):
    assert list(products_public()) == [catalog["product"]]


@search_db
def test_catalogue_search_finds_visible_matches_only(catalog):
    stores, products = catalogue_search(query="mug")

    assert stores == []
    assert list(products) == [catalog["product"]]


@pytest.mark.parametrize("role", ["admin", "owner", "other_vendor", "buyer", "anon"])
def test_managed_by_selectors_scope_by_role(role, store, admin_user, vendor, buyer):
    product = ProductPageFactory(store=store)
    other_store = StorePageFactory()
    other_product = ProductPageFactory(store=other_store)
    users = {
        "admin": admin_user,
        "owner": vendor,
        "other_vendor": other_store.vendor,
        "buyer": buyer,
        "anon": AnonymousUser(),
    }
    expected = {
        "admin": ({store, other_store}, {product, other_product}),
        "owner": ({store}, {product}),
        "other_vendor": ({other_store}, {other_product}),
        "buyer": (set(), set()),
        "anon": (set(), set()),
    }

    stores = set(stores_managed_by(users[role]))
    products = set(products_managed_by(users[role]))

    assert (stores, products) == expected[role]
