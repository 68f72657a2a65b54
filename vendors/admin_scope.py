"""Keeps everyone but the marketplace admins to their own objects in the admin.

Deny by default: for a signed-in user who is not a marketplace admin
(`accounts.roles.is_admin_scoped`), an admin URL answers 404 unless
`vendors.admin_routes.VENDOR_ROUTES` lists it and the object it names passes its
check (`vendors.ownership`). The answer is the same whether the object exists or
not. Wagtail's permission rows (derived from ownership by `vendors.access`) still
decide what a vendor may change on their own objects; the admin hooks narrow the
listings.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from wagtail.models import Page
from wagtail.permissions import policy_registry

from accounts.roles import is_admin_scoped, is_vendor, is_vendor_suspended
from vendors.access import vendor_workspace_ensure
from vendors.admin_routes import VENDOR_ROUTES

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# A suspended vendor's admin is read-only, but for signing out and moving the
# orders buyers paid before the suspension (vendor_accounts).
SUSPENDED_WRITABLE_ROUTES = {
    "wagtailadmin_logout",
    "wagtailadmin_dismissibles",
    "shop_admin:order_part",
}
SUSPENDED_READ_ONLY = "Your vendor account is suspended: you can look, not change."

__all__ = ["is_admin_scoped", "pages_visible_in_admin", "VendorAdminScopeMiddleware"]


def pages_visible_in_admin(user):
    """Pages the user may see in the admin: those they hold permissions on, the
    pages below them, and the ancestors needed to navigate to them."""
    return policy_registry.get_by_type(Page).explorable_instances(user)


def route_key(resolver_match) -> str:
    """The name VENDOR_ROUTES knows a route by: its name, else its pattern."""
    if resolver_match.url_name:
        return resolver_match.view_name
    return resolver_match.route


class VendorAdminScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        if not request.path.startswith(self.admin_prefix):
            return None
        if not is_admin_scoped(request.user):
            return None
        key = route_key(request.resolver_match)
        route = VENDOR_ROUTES.get(key)
        if route is None or not route.check(request, view_kwargs):
            raise Http404
        if (
            request.method not in SAFE_METHODS
            and is_vendor_suspended(request.user)
            and key not in SUSPENDED_WRITABLE_ROUTES
        ):
            raise PermissionDenied(SUSPENDED_READ_ONLY)
        if is_vendor(request.user):
            # Normally made with the role (vendors.signals); a read when present.
            vendor_workspace_ensure(vendor=request.user)
        if route.answer is not None:
            return route.answer(request, **view_kwargs)
        return None
