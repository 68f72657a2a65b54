from django import forms

from accounts.models import User
from accounts.services import user_set_role
from config.validators import validate_no_control_characters
from vendor_accounts.services import (
    vendor_accounts_need_approval,
    vendor_application_save,
)

APPLICATION_AT_SIGNUP = ["business_name", "what_they_sell", "payout_details"]


class SignupForm(forms.Form):
    """Extra sign-up fields; allauth calls `signup()` once the user is saved."""

    role = forms.ChoiceField(
        choices=User.Role.choices,
        initial=User.Role.BUYER,
        widget=forms.RadioSelect,
        label="I want to",
        help_text="Buyers shop; vendors open stores and sell.",
    )

    # A vendor's application (vendor_accounts): required when the site approves
    # new vendor accounts, else optional (vendors complete it in the admin).
    business_name = forms.CharField(
        label="Business name (vendors)",
        max_length=200,
        required=False,
        validators=[validate_no_control_characters],
    )
    what_they_sell = forms.CharField(
        label="What you sell (vendors)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    payout_details = forms.CharField(
        label="Where we send your payouts (vendors)",
        max_length=500,
        required=False,
        help_text="An IBAN and account holder, or a PayPal address.",
    )

    field_order = [
        "username",
        "email",
        "role",
        "business_name",
        "what_they_sell",
        "payout_details",
        "password1",
        "password2",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [
            (User.Role.BUYER, "Shop as a buyer"),
            (User.Role.VENDOR, "Sell as a vendor"),
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == User.Role.VENDOR and vendor_accounts_need_approval():
            for name in ("business_name", "what_they_sell"):
                if not (cleaned.get(name) or "").strip():
                    self.add_error(name, "Vendors tell us this to be approved.")
        return cleaned

    def signup(self, request, user: User) -> None:
        user_set_role(user=user, role=self.cleaned_data["role"])
        if user.is_vendor and self.cleaned_data.get("business_name", "").strip():
            vendor_application_save(
                vendor=user,
                actor=user,
                **{name: self.cleaned_data[name] for name in APPLICATION_AT_SIGNUP},
            )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "phone", "address"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name", "phone"):
            self.fields[name].validators.append(validate_no_control_characters)
