"""Who is who in the marketplace: the one place that spells the roles out.

- A **marketplace admin** is an active superuser or an active member of the
  "Marketplace admins" group (`marketplace_admin_group_ensure` gives that group the
  rights of the whole admin). Admins see and change every store, product, image,
  review and order.
- `is_staff` on its own means nothing here: Django's own admin is not mounted, and a
  staff flag gives neither the Wagtail admin nor any store. Make someone an admin
  by adding them to the group.
- A **vendor** (`User.role == "vendor"`) owns the stores whose `StorePage.vendor` they
  are, and everything in them; in the admin they reach only their own objects.
- A **buyer** is every other signed-in user.

Selectors, permission classes, admin policies and templates ask these functions
(templates through the `User` properties `is_vendor`, `is_admin` and
`can_enter_admin`); nothing else repeats them.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

MARKETPLACE_ADMIN_GROUP = "Marketplace admins"
# What `user.has_perm` answers True to for marketplace admins only
# (accounts.backends.RolesBackend): for Wagtail's `FieldPanel(permission=...)`.
MARKETPLACE_ADMIN_PERMISSION = "accounts.marketplace_admin"


def is_marketplace_admin(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Cached on the instance: templates and policies ask many times a request.
    cached = getattr(user, "_is_marketplace_admin", None)
    if cached is None:
        cached = user.groups.filter(name=MARKETPLACE_ADMIN_GROUP).exists()
        user._is_marketplace_admin = cached
    return cached


def marketplace_admins_q(prefix: str = "") -> Q:
    """The same rule as a query on users (`prefix` for a related user, e.g.
    "user__"); callers add `.distinct()` since the group join repeats rows."""
    return Q(**{f"{prefix}is_active": True}) & (
        Q(**{f"{prefix}is_superuser": True})
        | Q(**{f"{prefix}groups__name": MARKETPLACE_ADMIN_GROUP})
    )


def is_vendor(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.role == "vendor")


# A vendor account's standing (User.vendor_status; vendor_accounts.services
# changes it): only an approved vendor publishes, and the stores of a rejected or
# suspended vendor are off the public site and the API.
VENDOR_APPROVED = "approved"
VENDOR_HIDDEN_STATUSES = ("rejected", "suspended")


def is_vendor_approved(user) -> bool:
    return is_vendor(user) and user.vendor_status == VENDOR_APPROVED


def is_vendor_suspended(user) -> bool:
    return is_vendor(user) and user.vendor_status in VENDOR_HIDDEN_STATUSES


def is_buyer(user) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and not is_vendor(user)
        and not is_marketplace_admin(user)
    )


def is_admin_scoped(user) -> bool:
    """Whether the admin shows the user only what they own: everyone signed in
    but the marketplace admins (anonymous visitors are sent to log in anyway)."""
    return bool(
        user is not None
        and not isinstance(user, AnonymousUser)
        and user.is_authenticated
        and not is_marketplace_admin(user)
    )


def can_enter_admin(user) -> bool:
    return is_vendor(user) or is_marketplace_admin(user)
