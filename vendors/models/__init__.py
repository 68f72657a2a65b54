from vendors.models.products import (
    Availability,
    ProductGalleryImage,
    ProductPage,
)
from vendors.models.stores import StoreIndexPage, StorePage
from vendors.models.workspaces import VendorWorkspace

__all__ = [
    "Availability",
    "ProductGalleryImage",
    "ProductPage",
    "StoreIndexPage",
    "StorePage",
    "VendorWorkspace",
]
