from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def wishlist_urls(context) -> dict[str, str]:
    """The heart's add and remove addresses, reversed once per request however
    many product cards the page shows (24 on a catalogue page)."""
    request = context.get("request")
    urls = getattr(request, "_wishlist_urls", None)
    if urls is None:
        urls = {
            "add": reverse("wishlists:item_add"),
            "remove": reverse("wishlists:item_remove"),
        }
        if request is not None:
            request._wishlist_urls = urls
    return urls
