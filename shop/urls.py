from django.urls import path

from shop.views import cart, checkout, downloads, orders

app_name = "shop"

urlpatterns = [
    path("cart/", cart.cart_detail, name="cart_detail"),
    path("cart/add/", cart.cart_add, name="cart_add"),
    path("cart/<int:product_id>/update/", cart.cart_update, name="cart_update"),
    path("cart/<int:product_id>/remove/", cart.cart_remove, name="cart_remove"),
    path("checkout/", checkout.checkout, name="checkout"),
    path("checkout/review/", checkout.checkout_review, name="checkout_review"),
    path("checkout/paypal/return/", orders.paypal_return, name="paypal_return"),
    path("checkout/paypal/cancel/", orders.paypal_cancel, name="paypal_cancel"),
    path("orders/", orders.order_list, name="order_list"),
    path("orders/<str:number>/", orders.order_detail, name="order_detail"),
    path(
        "orders/<str:number>/confirmation/",
        orders.order_confirmation,
        name="order_confirmation",
    ),
    path("orders/<str:number>/cancel/", orders.order_cancel_view, name="order_cancel"),
    path(
        "orders/<str:number>/parts/<int:part_id>/cancel/",
        orders.order_cancel_view,
        name="order_part_cancel",
    ),
    path("orders/<str:number>/pay/", orders.order_pay, name="order_pay"),
    path(
        "orders/<str:number>/parts/<int:part_id>/received/",
        orders.order_part_received,
        name="order_part_received",
    ),
    path("downloads/<str:token>/", downloads.download, name="download"),
]
