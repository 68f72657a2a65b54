from django.contrib.auth import get_user_model
from wagtail.permission_policies import BasePermissionPolicy


class SuperuserOnlyPolicy(BasePermissionPolicy):
    """Only active superusers may do `actions` on the model; no group can be
    given more, so a viewset using it registers no permissions."""

    actions: set[str] = set()

    def user_has_permission(self, user, action):
        return action in self.actions and user.is_active and user.is_superuser

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True, is_superuser=True)
        return users if self.actions.intersection(actions) else users.none()
