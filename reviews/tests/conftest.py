import pytest

from vendors.models import StoreIndexPage
from vendors.tests.factories import ProductPageFactory, StorePageFactory


@pytest.fixture
def store_index(home_page):
    return StoreIndexPage.objects.get()


@pytest.fixture
def store(store_index, vendor):
    return StorePageFactory(vendor=vendor, title="Kiln Studio")


@pytest.fixture
def product(store):
    return ProductPageFactory(store=store, title="Speckled mug", stock_quantity=50)
