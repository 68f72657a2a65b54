from django import forms
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from accounts.services import user_sync_role_groups

PROFILE_FIELDS = ["role", "phone", "address"]


class RoleFormMixin:
    """Keeps the Vendors group in step with the role an admin picks."""

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            user_sync_role_groups(user=user)
        return user


class MarketplaceUserCreationForm(RoleFormMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | set(PROFILE_FIELDS)
        widgets = {**UserCreationForm.Meta.widgets, "address": forms.Textarea}


class MarketplaceUserEditForm(RoleFormMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | set(PROFILE_FIELDS)
        widgets = {**UserEditForm.Meta.widgets, "address": forms.Textarea}


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        if for_update:
            return MarketplaceUserEditForm
        return MarketplaceUserCreationForm
