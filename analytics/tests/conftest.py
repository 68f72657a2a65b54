from decimal import Decimal

import pytest

from accounts.tests.factories import VendorFactory
from vendors.tests.factories import ProductPageFactory, StorePageFactory


@pytest.fixture
def other_vendor(db):
    return VendorFactory(username="othervendor")


@pytest.fixture
def other_store(store_index, other_vendor):
    return StorePageFactory(vendor=other_vendor, title="Loom House")


@pytest.fixture
def catalogue(store, other_store):
    """Three products with plenty of stock: two of `store`, one of `other_store`."""
    return [
        ProductPageFactory(
            store=store, title="Mug", price=Decimal("12.50"), stock_quantity=10_000
        ),
        ProductPageFactory(
            store=store, title="Bowl", price=Decimal("30.00"), stock_quantity=10_000
        ),
        ProductPageFactory(
            store=other_store,
            title="Scarf",
            price=Decimal("45.99"),
            stock_quantity=10_000,
        ),
    ]


@pytest.fixture
def sales(buyer, catalogue, django_capture_on_commit_callbacks):
    """Two paid orders today, through checkout (the rollup tasks run on commit):
    2 mugs + 1 bowl from `store`, 1 scarf from `other_store`; then 1 bowl."""
    from shop.tests.factories import order_for

    mug, bowl, scarf = catalogue
    with django_capture_on_commit_callbacks(execute=True):
        first = order_for(buyer=buyer, items=[(mug, 2), (bowl, 1), (scarf, 1)])
    with django_capture_on_commit_callbacks(execute=True):
        second = order_for(buyer=buyer, items=[(bowl, 1)])
    return first, second
