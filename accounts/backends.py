from django.contrib.auth.backends import BaseBackend

from accounts.roles import MARKETPLACE_ADMIN_PERMISSION, is_marketplace_admin


class RolesBackend(BaseBackend):
    """Answers `user.has_perm(MARKETPLACE_ADMIN_PERMISSION)` from accounts.roles,
    so Wagtail's per-field panel permissions (a store's vendor and "featured")
    follow the one definition of a marketplace admin, group members included.
    Authenticates nobody."""

    def has_perm(self, user_obj, perm, obj=None):
        return perm == MARKETPLACE_ADMIN_PERMISSION and is_marketplace_admin(user_obj)
