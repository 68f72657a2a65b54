import pytest

from vendors.tests.factories import ProductPageFactory


@pytest.fixture
def product(store):
    return ProductPageFactory(store=store, title="Speckled mug", stock_quantity=50)
