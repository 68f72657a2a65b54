from django import forms

from accounts.models import User
from accounts.services import user_set_role
from config.validators import validate_no_control_characters


class SignupForm(forms.Form):
    """Extra sign-up fields; allauth calls `signup()` once the user is saved."""

    role = forms.ChoiceField(
        choices=User.Role.choices,
        initial=User.Role.BUYER,
        widget=forms.RadioSelect,
        label="I want to",
        help_text="Buyers shop; vendors open stores and sell.",
    )

    field_order = ["username", "email", "role", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [
            (User.Role.BUYER, "Shop as a buyer"),
            (User.Role.VENDOR, "Sell as a vendor"),
        ]

    def signup(self, request, user: User) -> None:
        user_set_role(user=user, role=self.cleaned_data["role"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "phone", "address"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name", "phone"):
            self.fields[name].validators.append(validate_no_control_characters)
