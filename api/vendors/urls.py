from django.urls import path
from rest_framework.routers import SimpleRouter

from api.vendors.views.products import ProductViewSet
from api.vendors.views.stores import StoreViewSet
from api.vendors.views.uploads import ProductImageView, StoreLogoView
from api.vendors.views.vendors import (
    VendorProductsView,
    VendorStoresView,
    VendorViewSet,
)

router = SimpleRouter()
router.register("stores", StoreViewSet, basename="store")
router.register("products", ProductViewSet, basename="product")
router.register("vendors", VendorViewSet, basename="vendor")

urlpatterns = [
    path("vendors/me/stores/", VendorStoresView.as_view(), name="vendor-me-stores"),
    path(
        "vendors/me/products/",
        VendorProductsView.as_view(),
        name="vendor-me-products",
    ),
    path("stores/<str:pk>/logo/", StoreLogoView.as_view(), name="store-logo"),
    path("products/<str:pk>/image/", ProductImageView.as_view(), name="product-image"),
    *router.urls,
]
