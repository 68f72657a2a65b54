from django.urls import path

from api.shop import views

urlpatterns = [
    path("cart/", views.CartView.as_view(), name="cart"),
    path("cart/items/", views.CartItemCreateView.as_view(), name="cart-item-list"),
    path(
        "cart/items/<str:item_id>/",
        views.CartItemView.as_view(),
        name="cart-item-detail",
    ),
    path("orders/", views.OrderListCreateView.as_view(), name="order-list"),
    path(
        "orders/<str:order_id>/", views.OrderDetailView.as_view(), name="order-detail"
    ),
    path(
        "orders/<str:order_id>/cancel/",
        views.OrderCancelView.as_view(),
        name="order-cancel",
    ),
    path(
        "orders/<str:order_id>/parts/<str:part_id>/received/",
        views.OrderPartReceivedView.as_view(),
        name="order-part-received",
    ),
    path(
        "vendor/orders/", views.VendorOrderListView.as_view(), name="vendor-order-list"
    ),
    path(
        "vendor/orders/<str:part_id>/cancel/",
        views.VendorOrderCancelView.as_view(),
        name="vendor-order-cancel",
    ),
    path(
        "vendor/orders/<str:part_id>/",
        views.VendorOrderView.as_view(),
        name="vendor-order-detail",
    ),
]
