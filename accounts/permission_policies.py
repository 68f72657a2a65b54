from django.contrib.auth import get_user_model
from wagtail.permission_policies import BasePermissionPolicy

from accounts.roles import is_marketplace_admin, marketplace_admins_q


class SuperuserOnlyPolicy(BasePermissionPolicy):
    """Only marketplace admins (accounts.roles) may do `actions` on the model; no
    other group can be given more, so a viewset using it registers no permissions."""

    actions: set[str] = set()

    def user_has_permission(self, user, action):
        return action in self.actions and is_marketplace_admin(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(marketplace_admins_q()).distinct()
        return users if self.actions.intersection(actions) else users.none()
