from django.urls import path
from rest_framework.routers import SimpleRouter

from api.reviews.views import ProductReviewListView, ReviewViewSet

router = SimpleRouter()
router.register("reviews", ReviewViewSet, basename="review")

urlpatterns = [
    path(
        "products/<str:product_id>/reviews/",
        ProductReviewListView.as_view(),
        name="product-reviews",
    ),
    *router.urls,
]
