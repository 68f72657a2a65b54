from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from shop import admin_views


@hooks.register("register_admin_urls")
def register_shop_admin_urls():
    urls = [
        path("", admin_views.order_part_list, name="order_parts"),
        path("<int:part_id>/", admin_views.order_part_detail, name="order_part"),
    ]
    return [path("orders/", include((urls, "shop_admin"), namespace="shop_admin"))]


class SellerMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_vendor or request.user.is_admin


@hooks.register("register_admin_menu_item")
def register_orders_menu_item():
    return SellerMenuItem(
        "Orders", reverse("shop_admin:order_parts"), icon_name="list-ul", order=160
    )
