from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from vendor_accounts import admin_views


@hooks.register("register_admin_urls")
def register_vendor_accounts_admin_urls():
    urls = [
        path("", admin_views.vendor_account_list, name="index"),
        path("mine/", admin_views.application, name="application"),
        path("<int:vendor_id>/", admin_views.vendor_account_detail, name="detail"),
    ]
    return [
        path(
            "vendor-accounts/",
            include((urls, "vendor_accounts_admin"), namespace="vendor_accounts_admin"),
        )
    ]


class VendorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_vendor


class AdminMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_admin


@hooks.register("register_admin_menu_item")
def register_application_menu_item():
    return VendorMenuItem(
        "Vendor account",
        reverse("vendor_accounts_admin:application"),
        icon_name="user",
        order=175,
    )


@hooks.register("register_admin_menu_item")
def register_applications_menu_item():
    return AdminMenuItem(
        "Vendor applications",
        reverse("vendor_accounts_admin:index"),
        icon_name="group",
        order=705,
    )


class VendorStatusPanel(Component):
    """Leads a vendor's dashboard while their account is not approved."""

    name = "vendor_status"
    order = 10
    template_name = "vendor_accounts/admin/status_panel.html"

    def __init__(self, *, vendor):
        self.vendor = vendor

    def get_context_data(self, parent_context):
        return {
            "vendor": self.vendor,
            "application_url": reverse("vendor_accounts_admin:application"),
        }


@hooks.register("construct_homepage_panels")
def add_vendor_status_panel(request, panels):
    user = request.user
    if user.is_vendor and user.vendor_status != user.VendorStatus.APPROVED:
        panels.append(VendorStatusPanel(vendor=user))
