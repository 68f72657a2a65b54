from django import forms
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from accounts.emails import email_is_taken, user_email_addresses_sync
from accounts.services import user_sync_role_groups

PROFILE_FIELDS = ["role", "is_trusted_vendor", "phone", "address"]


class RoleFormMixin:
    """Keeps the Vendors group in step with the role an admin picks, and
    allauth's address records with the e-mail address an admin types."""

    def clean_email(self):
        email = self.cleaned_data["email"]
        # User.email is unique; a secondary allauth address of another account
        # would make two accounts answer to one address (sign-in, reset).
        if email and email_is_taken(email, exclude_user=self.instance):
            raise forms.ValidationError("Another account uses this e-mail address.")
        return email

    def save(self, commit=True):
        email_changed = "email" in self.changed_data or self.instance._state.adding
        user = super().save(commit=commit)
        if commit:
            user_sync_role_groups(user=user)
            if email_changed and user.email:
                user_email_addresses_sync(user=user)
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
