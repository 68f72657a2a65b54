from decimal import Decimal

from django import forms

from config.validators import MONEY_MAX


class PayoutRequestForm(forms.Form):
    amount = forms.DecimalField(
        label="Amount",
        min_value=Decimal("0.01"),
        max_value=MONEY_MAX,
        max_digits=12,
        decimal_places=2,
        help_text="Up to your available balance.",
    )


class PayoutPaidForm(forms.Form):
    reference = forms.CharField(
        label="Transfer reference",
        max_length=100,
        help_text="The bank transfer's or PayPal payment's reference.",
    )


class PayoutRejectForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The vendor sees it.",
    )
