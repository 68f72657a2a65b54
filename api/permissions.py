from rest_framework import permissions

from accounts.roles import can_enter_admin, is_vendor
from vendors.selectors import products_managed_by, stores_managed_by


class IsVendorOrAdmin(permissions.BasePermission):
    """Vendors and admins: the roles that own stores."""

    message = "Only vendors and admins may do this."

    def has_permission(self, request, view):
        return can_enter_admin(request.user)


class _ManagesObject(permissions.BasePermission):
    """Anyone may read; only who manages the object (its vendor, an admin) may
    change it."""

    message = "You may not change another vendor's store or products."
    allows_reads = True  # for the schema: never a 403 on GET (api.schema)

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        return self.managed_by(request.user).filter(pk=obj.pk).exists()


class ManagesStore(_ManagesObject):
    managed_by = staticmethod(stores_managed_by)


class ManagesProduct(_ManagesObject):
    managed_by = staticmethod(products_managed_by)


class IsMarketplaceAdmin(permissions.BasePermission):
    message = "Only the marketplace's admins may do this."

    def has_permission(self, request, view):
        return request.user.is_authenticated and request.user.is_admin


class IsVendor(permissions.BasePermission):
    """Vendors only: their own money (admins decide payouts in the admin)."""

    message = "Only vendors have a balance, a ledger and payouts."

    def has_permission(self, request, view):
        return is_vendor(request.user)
