from decimal import Decimal

import pytest

from accounts.tests.factories import VendorFactory
from shop.models import OrderStatus
from shop.tests.conftest import paypal_api  # noqa: F401 (a fixture)
from shop.tests.factories import order_for
from vendors.tests.factories import ProductPageFactory, StorePageFactory


@pytest.fixture
def mug(store):
    return ProductPageFactory(
        store=store, title="Speckled mug", price=Decimal("10.00"), stock_quantity=5
    )


@pytest.fixture
def other_vendor(db):
    return VendorFactory()


@pytest.fixture
def beans(store_index, other_vendor):
    return ProductPageFactory(
        store=StorePageFactory(vendor=other_vendor, title="Bean Roasters"),
        title="Ethiopia beans",
        price=Decimal("14.50"),
        stock_quantity=3,
    )


@pytest.fixture
def paid_order(buyer, mug, beans, django_capture_on_commit_callbacks):
    """Paid at checkout by the test payment provider, its e-mails sent."""
    with django_capture_on_commit_callbacks(execute=True):
        order = order_for(buyer=buyer, items=[(mug, 2), (beans, 1)])
    assert order.status == OrderStatus.PAID
    return order
