from django import forms
from django.core.exceptions import ValidationError

from shop.exceptions import ShopError
from shop.selectors import DELETED_PRODUCT_NAME

# What a service raises for bad input or a conflict; a view shows it as a message.
SERVICE_ERRORS = (ValidationError, ShopError)


def error_message(error: forms.Form | ValidationError | ShopError) -> str:
    """One sentence for a refused form or service call, for a flash message."""
    if isinstance(error, forms.Form):
        return " ".join(
            message
            if name == "__all__" or name not in error.fields
            else f"{error.fields[name].label or name.title()}: {message}"
            for name, messages in error.errors.items()
            for message in messages
        )
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def removed_message(names: list[str]) -> str:
    return (
        "Some items are no longer for sale and were taken out of your cart: "
        + ", ".join(
            name if name == DELETED_PRODUCT_NAME else f"“{name}”" for name in names
        )
        + "."
    )
