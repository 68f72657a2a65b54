from django.urls import path

from api.wishlists import views

urlpatterns = [
    path("wishlist/", views.WishlistView.as_view(), name="wishlist"),
    path(
        "wishlist/items/",
        views.WishlistItemCreateView.as_view(),
        name="wishlist-item-list",
    ),
    path(
        "wishlist/items/<str:product_id>/",
        views.WishlistItemDeleteView.as_view(),
        name="wishlist-item-detail",
    ),
    path("wishlist/share/", views.WishlistShareView.as_view(), name="wishlist-share"),
    path(
        "wishlists/shared/<str:token>/",
        views.SharedWishlistView.as_view(),
        name="wishlist-shared",
    ),
]
