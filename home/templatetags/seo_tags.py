import json

from django import template
from django.conf import settings
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from home import seo

register = template.Library()

# What must not appear raw inside <script>: the JSON stays valid with these escaped.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _json_ld(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(_JSON_ESCAPES))  # noqa: S308 (escaped above)


@register.inclusion_tag("includes/seo_head.html", takes_context=True)
def seo_head(context):
    """Description, canonical URL, sharing cards and structured data for the
    page being shown (the same for every visitor: the page cache keeps it)."""
    request = context.get("request")
    page = context.get("page")
    description = context.get("meta_description") or seo.page_description(page)
    if not description and request is not None:
        from home.models import SiteSettings

        description = SiteSettings.load(request_or_site=request).tagline
    if page is not None and getattr(page, "pk", None):
        canonical = page.get_full_url()
        title = page.seo_title or page.title
    else:
        path = request.path if request is not None else "/"
        number = request.GET.get("page", "") if request is not None else ""
        canonical = seo.absolute(path) + (
            f"?page={number}" if number.isdigit() and number != "1" else ""
        )
        title = context.get("meta_title", "")
    image = seo.share_image(page) if page is not None else None
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "description": description,
        "canonical": canonical,
        "title": title,
        "og_type": "product" if _is_product(page) else "website",
        "image": image,
        "image_url": seo.absolute(image.url) if image else "",
        "json_ld": format_html_join(
            "\n",
            '<script type="application/ld+json">{}</script>',
            ((_json_ld(data),) for data in seo.structured_data(page)),
        ),
    }


@register.filter
def ancestors(page) -> list:
    """The page's ancestors below the tree's root, top down (the breadcrumb):
    those routing loaded, shared with the page's BreadcrumbList."""
    from vendors.trail import page_ancestors

    return page_ancestors(page)


def _is_product(page) -> bool:
    from vendors.models import ProductPage

    return isinstance(getattr(page, "specific_deferred", page), ProductPage)
