from django.db.models import Q
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.models import Page

from shop.services.stock import stock_set
from vendors import admin_vendors, admin_views
from vendors.admin_panels import VendorSetupPanel
from vendors.admin_scope import is_admin_scoped, pages_visible_in_admin
from vendors.models import ProductPage
from vendors.panels import store_hidden_reason
from vendors.selectors import products_managed_by, stores_managed_by, vendor_setup


@hooks.register("register_admin_urls")
def register_vendor_admin_urls():
    urls = [
        path("", admin_vendors.vendor_list, name="vendor_list"),
        path("open-store/", admin_views.store_open, name="store_open"),
        path(
            "products/<int:page_id>/stock/",
            admin_views.product_stock,
            name="product_stock",
        ),
    ]
    return [
        path("vendors/", include((urls, "vendors_admin"), namespace="vendors_admin"))
    ]


class VendorOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_vendor


@hooks.register("register_admin_menu_item")
def register_store_open_menu_item():
    return VendorOnlyMenuItem(
        "Open a store",
        reverse("vendors_admin:store_open"),
        icon_name="plus",
        order=150,
    )


class AdminOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_admin


@hooks.register("register_admin_menu_item")
def register_vendor_list_menu_item():
    return AdminOnlyMenuItem(
        "Vendors", reverse("vendors_admin:vendor_list"), icon_name="group", order=700
    )


@hooks.register("construct_explorer_page_queryset")
def explorer_only_own_pages(parent_page, pages, request):
    if is_admin_scoped(request.user):
        pages = pages.filter(pk__in=pages_visible_in_admin(request.user).values("pk"))
    return pages


@hooks.register("construct_page_chooser_queryset")
def chooser_only_own_pages(pages, request):
    # Wagtail's page chooser browses the whole tree by design (wagtail#7099) and
    # opens at the root: a vendor sees their own pages and the public pages above
    # them (home, the store index), their way down to their own.
    if is_admin_scoped(request.user):
        visible = pages_visible_in_admin(request.user)
        top = visible.order_by("depth").first()
        above = Page.objects.ancestor_of(top) if top else Page.objects.none()
        pages = pages.filter(
            Q(pk__in=visible.values("pk")) | Q(pk__in=above.values("pk"))
        )
    return pages


@hooks.register("after_create_page")
def product_stock_from_create_form(request, page):
    # ProductPageForm leaves the figure on the page until the page exists.
    quantity = getattr(page, "initial_stock_quantity", None)
    if quantity is not None:
        stock_set(product=page, quantity=quantity, actor=request.user)


@hooks.register("after_publish_page")
def product_published_in_a_hidden_store(request, page):
    # Wagtail says "published"; say also when nobody can see it yet.
    if isinstance(page.specific, ProductPage):
        reason = store_hidden_reason(page.specific.store)
        if reason:
            messages.warning(request, f"“{page.title}” is published, but {reason}.")


@hooks.register("construct_reports_menu")
def hide_site_wide_reports_from_vendors(request, menu_items):
    if is_admin_scoped(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


class VendorPagesSummaryItem(PagesSummaryItem):
    """The dashboard's page count, counting only the vendor's own stores and
    products (Wagtail counts everything under the explorable root)."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = self.request.user
        context["total_pages"] = (
            stores_managed_by(user).count() + products_managed_by(user).count()
        )
        return context


# Runs after Wagtail's own hook, which adds the item to replace.
@hooks.register("construct_homepage_summary_items", order=100)
def vendor_page_count_on_dashboard(request, summary_items):
    if is_admin_scoped(request.user):
        summary_items[:] = [
            VendorPagesSummaryItem(request)
            if isinstance(item, PagesSummaryItem)
            else item
            for item in summary_items
        ]


@hooks.register("construct_homepage_panels")
def vendor_setup_on_dashboard(request, panels):
    # Shown until the vendor's first store and product are live.
    if request.user.is_vendor:
        setup = vendor_setup(user=request.user)
        if not setup.is_complete:
            panels.append(VendorSetupPanel(setup=setup))
