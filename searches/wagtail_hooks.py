from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from searches import admin_views


@hooks.register("register_admin_urls")
def register_search_report_urls():
    urls = [
        path("", admin_views.search_report, name="report"),
        path("mine/", admin_views.vendor_search_report, name="vendor_report"),
    ]
    return [
        path(
            "search-report/",
            include((urls, "search_reports"), namespace="search_reports"),
        )
    ]


class AdminMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_admin


class VendorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_vendor and not request.user.is_admin


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return AdminMenuItem(
        "Search terms and misses",
        reverse("search_reports:report"),
        name="search-misses",
        icon_name="search",
        order=1310,
    )


@hooks.register("register_admin_menu_item")
def register_vendor_search_menu_item():
    return VendorMenuItem(
        "Searches",
        reverse("search_reports:vendor_report"),
        name="searches",
        icon_name="search",
        order=170,
    )
