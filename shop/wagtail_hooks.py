from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from shop import admin_views
from shop.selectors import SalesSummary, sales_summary


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


class SalesPanel(Component):
    name = "sales"
    order = 50
    template_name = "shop/admin/sales_panel.html"

    def __init__(self, *, summary: SalesSummary, all_stores: bool):
        self.summary = summary
        self.all_stores = all_stores

    def get_context_data(self, parent_context):
        return {
            "summary": self.summary,
            "all_stores": self.all_stores,
            "orders_url": reverse("shop_admin:order_parts"),
        }


@hooks.register("construct_homepage_panels")
def add_sales_panel(request, panels):
    user = request.user
    if user.is_vendor or user.is_admin:
        summary = sales_summary(user=user)
        panels.append(SalesPanel(summary=summary, all_stores=user.is_admin))
