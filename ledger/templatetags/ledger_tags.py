from decimal import Decimal, InvalidOperation

from django import template

from vendors.templatetags.money_tags import money

register = template.Library()


@register.filter
def signed_money(amount) -> str:
    """Money with its sign in front of the currency: "−$3.60", "+$36.00"."""
    try:
        amount = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    if amount < 0:
        return f"−{money(-amount)}"
    return f"+{money(amount)}" if amount > 0 else money(amount)
