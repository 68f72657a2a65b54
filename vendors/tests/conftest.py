"""Fixtures the vendors tests share."""

import pytest

from vendors.access import vendor_workspace_ensure
from vendors.tests.factories import ImageFactory, ProductPageFactory, StorePageFactory


@pytest.fixture
def own(store_index, vendor):
    """The vendor's store, a product in it and an image in their collection."""
    store = StorePageFactory(vendor=vendor, title="Kiln Studio")
    product = ProductPageFactory(store=store, title="Speckled mug")
    image = ImageFactory(
        title="kiln-logo", collection=vendor_workspace_ensure(vendor=vendor).collection
    )
    return {"store": store, "product": product, "image": image}
