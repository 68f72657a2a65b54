from django.urls import path
from rest_framework.routers import SimpleRouter

from api.vendors import views

router = SimpleRouter()
router.register("stores", views.StoreViewSet, basename="store")
router.register("products", views.ProductViewSet, basename="product")
router.register("vendors", views.VendorViewSet, basename="vendor")

urlpatterns = [
    path(
        "vendors/me/stores/", views.VendorStoresView.as_view(), name="vendor-me-stores"
    ),
    path(
        "vendors/me/products/",
        views.VendorProductsView.as_view(),
        name="vendor-me-products",
    ),
    *router.urls,
]
