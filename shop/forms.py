from django import forms

from shop.models import Address, OrderStatus
from shop.services.cart import MAX_LINE_QUANTITY
from shop.shipping import carrier_choices, country_choices

NEW_ADDRESS = "new"


class QuantityForm(forms.Form):
    quantity = forms.IntegerField(
        min_value=1,
        max_value=MAX_LINE_QUANTITY,
        error_messages={
            "required": "Enter a quantity.",
            "invalid": "Enter a whole number.",
            "min_value": "The quantity must be at least 1.",
            "max_value": f"You can buy at most {MAX_LINE_QUANTITY} of a product.",
        },
    )


class CartAddForm(QuantityForm):
    product = forms.IntegerField(
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={
            "required": "Choose a product.",
            "invalid": "Choose a product.",
            "min_value": "Choose a product.",
        },
    )


class AddressForm(forms.ModelForm):
    country = forms.ChoiceField(
        choices=[("", "Choose a country")] + country_choices(),
        widget=forms.Select(attrs={"autocomplete": "country"}),
        error_messages={"invalid_choice": "Choose a country from the list."},
    )

    class Meta:
        model = Address
        fields = ["full_name", "address", "city", "state", "zipcode", "country"]
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "address": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "state": forms.TextInput(attrs={"autocomplete": "address-level1"}),
            "zipcode": forms.TextInput(attrs={"autocomplete": "postal-code"}),
        }


class CheckoutForm(forms.Form):
    """Where to ship (a saved address or a new one) and how to pay.

    The address fields are checked only when a new address is chosen and the
    cart needs shipping.
    """

    saved_address = forms.ChoiceField(
        label="Ship to", widget=forms.RadioSelect, required=False
    )
    payment_method = forms.ChoiceField(label="Pay with", widget=forms.RadioSelect)

    def __init__(
        self,
        *args,
        addresses,
        methods,
        needs_shipping,
        address_initial=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.needs_shipping = needs_shipping
        self.addresses = {str(address.pk): address for address in addresses}
        self.fields["saved_address"].choices = [
            *((pk, str(address)) for pk, address in self.addresses.items()),
            (NEW_ADDRESS, "A new address"),
        ]
        self.fields["saved_address"].initial = next(iter(self.addresses), NEW_ADDRESS)
        self.fields["payment_method"].choices = methods
        if len(methods) == 1:
            # Nothing to choose: the only way to pay is chosen already.
            self.fields["payment_method"].initial = methods[0][0]
        if not needs_shipping:
            del self.fields["saved_address"]
        address_data = self.data if self._wants_new_address() else None
        self.address_form = AddressForm(
            address_data, prefix="shipping", initial=address_initial or {}
        )

    def _wants_new_address(self) -> bool:
        if not self.needs_shipping or not self.is_bound:
            return False
        return self.data.get("saved_address", NEW_ADDRESS) == NEW_ADDRESS

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if self._wants_new_address():
            valid = self.address_form.is_valid() and valid
        return valid

    def shipping_choice(self) -> dict:
        """The choice as it is kept in the session between the steps."""
        if not self.needs_shipping:
            return {}
        choice = self.cleaned_data.get("saved_address") or NEW_ADDRESS
        if choice != NEW_ADDRESS:
            return {"address_id": int(choice)}
        return {"address": self.address_form.cleaned_data}


class CancelForm(forms.Form):
    """Why the buyer cancels: asked before anything is cancelled, kept in the
    order's timeline."""

    REASONS = [
        ("mistake", "I ordered by mistake"),
        ("cheaper", "I found it cheaper elsewhere"),
        ("too_slow", "It would arrive too late"),
        ("changed_mind", "I changed my mind"),
        ("other", "Another reason"),
    ]
    reason = forms.ChoiceField(
        label="Why are you cancelling?",
        choices=REASONS,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose why you are cancelling.",
            "invalid_choice": "Choose one of the reasons listed.",
        },
    )
    details = forms.CharField(
        label="Anything to add?",
        required=False,
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Optional, except for “Another reason”.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == "other" and not cleaned.get("details", "").strip():
            self.add_error("details", "Tell us the reason in a few words.")
        return cleaned

    def note(self) -> str:
        """The reason as the timeline records it."""
        reason = dict(self.REASONS)[self.cleaned_data["reason"]]
        details = " ".join(self.cleaned_data.get("details", "").split())
        return f"Cancelled by you: {reason}" + (f" ({details})." if details else ".")


class PartStatusForm(forms.Form):
    """A vendor moves their part one step; shipping asks for the carrier and
    the tracking number (the API leaves them optional)."""

    status = forms.ChoiceField(choices=OrderStatus.choices)
    carrier = forms.ChoiceField(
        choices=[("", "Choose the carrier")] + carrier_choices(), required=False
    )
    carrier_other = forms.CharField(
        label="Carrier's name", max_length=64, required=False
    )
    tracking_number = forms.CharField(max_length=64, required=False)

    def carrier_name(self) -> str:
        carrier = self.cleaned_data.get("carrier", "")
        if carrier == "other":
            return self.cleaned_data.get("carrier_other", "").strip()
        return carrier


class PartCancelForm(forms.Form):
    """A vendor cancels their unshipped part: the buyer is told why."""

    reason = forms.CharField(
        label="Why do you cancel?",
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The buyer sees it, e.g. “Out of stock”.",
    )
