from decimal import Decimal, InvalidOperation

from django import template
from django.conf import settings

register = template.Library()

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}


@register.filter
def money(amount) -> str:
    """`Decimal("1234.5")` → "$1,234.50" in the shop's currency (settings.CURRENCY)."""
    try:
        amount = Decimal(amount).quantize(Decimal("0.01"))
    except (InvalidOperation, TypeError, ValueError):
        return ""
    symbol = CURRENCY_SYMBOLS.get(settings.CURRENCY)
    if symbol:
        return f"{symbol}{amount:,}"
    return f"{amount:,} {settings.CURRENCY}"
