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
