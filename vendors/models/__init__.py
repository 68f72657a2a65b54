from vendors.models.products import (
    Availability,
    ProductGalleryImage,
    ProductPage,
)
from vendors.models.stores import StoreIndexPage, StorePage

__all__ = [
    "Availability",
    "ProductGalleryImage",
    "ProductPage",
    "StoreIndexPage",
    "StorePage",
]
