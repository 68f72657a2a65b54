from django import forms

from config.validators import validate_no_control_characters
from vendor_accounts.models import VendorAccount

APPLICATION_FIELDS = [
    "business_name",
    "contact_name",
    "contact_phone",
    "website",
    "what_they_sell",
    "payout_details",
]


class VendorApplicationForm(forms.ModelForm):
    website = forms.URLField(required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = VendorAccount
        fields = APPLICATION_FIELDS
        widgets = {
            "what_they_sell": forms.Textarea(attrs={"rows": 4}),
            "payout_details": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["business_name"].required = True
        for name in ("business_name", "contact_name", "contact_phone"):
            self.fields[name].validators.append(validate_no_control_characters)


class VendorDecisionForm(forms.Form):
    ACTIONS = [
        ("approved", "Approve"),
        ("rejected", "Reject"),
        ("suspended", "Suspend"),
    ]
    to_status = forms.ChoiceField(choices=ACTIONS)
    reason = forms.CharField(
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required to reject or suspend; the vendor reads it.",
    )


class CommissionRateForm(forms.Form):
    commission_percent = forms.DecimalField(
        label="Commission rate (%)",
        required=False,
        min_value=0,
        max_value=100,
        max_digits=6,
        decimal_places=2,
        help_text="Empty for the site's default rate. Applies to orders placed "
        "from now on.",
    )
