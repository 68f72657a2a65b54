from django import template
from django.template.defaulttags import CsrfTokenNode

register = template.Library()


@register.simple_tag(takes_context=True)
def page_csrf_token(context):
    """`{% csrf_token %}`, except on a cached page: its HTML is everyone's, so
    static/js/session.js puts the visitor's token in (see pagecache.csrf)."""
    if getattr(context.get("request"), "page_cache", None) is not None:
        return ""
    return CsrfTokenNode().render(context)
