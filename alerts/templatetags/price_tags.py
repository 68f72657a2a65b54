from django import template

from alerts.prices import was_price as was_price_of

register = template.Library()


@register.simple_tag
def was_price(product):
    """The honest "was" price of a product page (alerts.prices.was_price)."""
    return was_price_of(product=product)
