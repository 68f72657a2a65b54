from decimal import Decimal

import pytest

from accounts.tests.factories import UserFactory, VendorFactory
from home.models import SiteSettings
from shop.tests.factories import order_for
from vendors.tests.factories import ProductPageFactory, StorePageFactory


@pytest.fixture
def commission_10(site):
    settings = SiteSettings.load()
    settings.default_commission_rate = Decimal("0.1000")
    settings.save()
    return settings


@pytest.fixture
def two_store_order(store_index, vendor, commission_10):
    """A paid order: 2 × 18.00 from `vendor`'s store, 1 × 12.00 from another's."""
    mug = ProductPageFactory(
        store=StorePageFactory(vendor=vendor, title="Kiln Studio"),
        title="Speckled mug",
        price=Decimal("18.00"),
    )
    other = VendorFactory()
    beans = ProductPageFactory(
        store=StorePageFactory(vendor=other, title="Northbound Coffee"),
        title="House beans",
        price=Decimal("12.00"),
    )
    order = order_for(buyer=UserFactory(), items=[(mug, 2), (beans, 1)])
    order.other_vendor = other
    return order
