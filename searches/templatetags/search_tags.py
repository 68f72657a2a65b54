from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def shop_currency() -> str:
    """The shop's currency code, for prices formatted in the browser."""
    return settings.CURRENCY
