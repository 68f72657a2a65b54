from django import template

from shop.models import OrderStatus
from shop.selectors import cart_item_count

register = template.Library()

STATUS_BADGES = {
    OrderStatus.PENDING_PAYMENT: "text-bg-warning",
    OrderStatus.PAID: "text-bg-primary",
    OrderStatus.PROCESSING: "text-bg-info",
    OrderStatus.SHIPPED: "text-bg-success",
    OrderStatus.DELIVERED: "text-bg-success",
    OrderStatus.CANCELLED: "text-bg-secondary",
    OrderStatus.REFUNDED: "text-bg-secondary",
}


@register.simple_tag(takes_context=True)
def cart_count(context) -> int:
    """Units in the visitor's cart, for the header."""
    request = context.get("request")
    if request is None or not hasattr(request, "session"):
        return 0
    return cart_item_count(user=request.user, session=request.session)


@register.filter
def status_badge(status: str) -> str:
    return STATUS_BADGES.get(status, "text-bg-light")


@register.filter
def status_label(status: str) -> str:
    return OrderStatus(status).label if status in OrderStatus.values else status


@register.filter
def country_name(value: str) -> str:
    """An address's country: its name, whether stored as an ISO code or typed."""
    from shop.shipping import country_name as name_of

    return name_of(value)


@register.filter
def get_count(counts: dict, key) -> int:
    """counts[key], 0 when missing (download counts per order line)."""
    return (counts or {}).get(key, 0)
