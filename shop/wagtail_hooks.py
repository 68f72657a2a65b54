from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus.pages import PageMenuItem

from analytics.selectors import dashboard_sales_summary
from shop import admin_views
from shop.selectors import SalesSummary


@hooks.register("register_admin_urls")
def register_shop_admin_urls():
    urls = [
        path("", admin_views.order_part_list, name="order_parts"),
        path("<int:part_id>/", admin_views.order_part_detail, name="order_part"),
        path(
            "<int:part_id>/cancel/",
            admin_views.order_part_cancel,
            name="order_part_cancel",
        ),
        path(
            "stores/<int:store_id>/shipping/",
            admin_views.store_shipping,
            name="store_shipping",
        ),
        path(
            "products/<int:product_id>/files/",
            admin_views.product_files,
            name="product_files",
        ),
        path(
            "products/<int:product_id>/files/<int:file_id>/delete/",
            admin_views.product_file_delete_view,
            name="product_file_delete",
        ),
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
        # From the daily rollups: live sums over the order tables took seconds.
        summary = dashboard_sales_summary(user=user)
        panels.append(SalesPanel(summary=summary, all_stores=user.is_admin))


def _shop_page_buttons(page, user):
    """ "Shipping" on a store, "Download files" on a digital product: their
    settings live outside the page (see shop.admin_views)."""
    from vendors.models import ProductPage, StorePage

    specific_class = page.specific_class
    if specific_class is StorePage and page.permissions_for_user(user).can_edit():
        yield PageMenuItem(
            "Shipping",
            reverse("shop_admin:store_shipping", args=[page.pk]),
            icon_name="site",
            priority=40,
            page=page,
        )
    if specific_class is ProductPage and page.permissions_for_user(user).can_edit():
        yield PageMenuItem(
            "Download files",
            reverse("shop_admin:product_files", args=[page.pk]),
            icon_name="doc-full",
            priority=40,
            page=page,
        )


@hooks.register("register_page_header_buttons")
def shop_page_header_buttons(page, user, view_name, next_url=None):
    yield from _shop_page_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def shop_page_listing_buttons(page, user, next_url=None):
    yield from _shop_page_buttons(page, user)
