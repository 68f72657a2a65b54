from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import BasePermissionPolicy

from accounts.roles import MARKETPLACE_ADMIN_GROUP, is_marketplace_admin


class SuperuserOnlyPolicy(BasePermissionPolicy):
    """Only marketplace admins (accounts.roles) may do `actions` on the model; no
    other group can be given more, so a viewset using it registers no permissions."""

    actions: set[str] = set()

    def user_has_permission(self, user, action):
        return action in self.actions and is_marketplace_admin(user)

    def users_with_any_permission(self, actions):
        users = (
            get_user_model()
            .objects.filter(
                Q(is_superuser=True) | Q(groups__name=MARKETPLACE_ADMIN_GROUP),
                is_active=True,
            )
            .distinct()
        )
        return users if self.actions.intersection(actions) else users.none()
