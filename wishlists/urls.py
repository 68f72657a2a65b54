from django.urls import path

from wishlists import views

app_name = "wishlists"

urlpatterns = [
    path("wishlist/", views.wishlist_detail, name="detail"),
    path("wishlist/add/", views.item_add, name="item_add"),
    path("wishlist/remove/", views.item_remove, name="item_remove"),
    path("wishlist/add-all/", views.add_all_to_cart, name="add_all"),
    path("wishlist/share/", views.share, name="share"),
    path("wishlist/unshare/", views.unshare, name="unshare"),
    path("wishlist/shared/<str:token>/", views.shared_detail, name="shared"),
    path(
        "wishlist/shared/<str:token>/add-all/",
        views.shared_add_all_to_cart,
        name="shared_add_all",
    ),
]
