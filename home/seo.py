"""What search engines and social networks read: the sitemap, robots.txt, each
page's description, canonical URL and sharing picture, and its structured data
(schema.org JSON-LD).

Absolute URLs come from Wagtail's default Site (seed_demo sets it from
SITE_URL) or from SITE_URL itself, never from the request's host, so cached
pages are the same for everybody.
"""

from decimal import Decimal

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.db.models import Q
from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap

from vendors.renditions import SHARE, rendition_of

# Sharing pictures: 1.91:1, what Open Graph and X show largest.
SHARE_IMAGE_SPEC = SHARE[0]
DESCRIPTION_LENGTH = 160
# Never worth a crawler's time, or private to a visitor.
ROBOTS_DISALLOW = [
    "/admin/",
    "/accounts/",
    "/account/",
    "/api/",
    "/cart/",
    "/checkout/",
    "/orders/",
    "/notifications/",
    "/session-state/",
]


class PagesSitemap(WagtailSitemap):
    """Every live public page, less the stores that are closed and what is in
    them (their pages answer 404: StorePage.route)."""

    def items(self):
        from vendors.models import StorePage

        closed = StorePage.objects.filter(Q(is_active=False) | Q(live=False))
        hidden = Q()
        for path in closed.values_list("path", flat=True):
            hidden |= Q(path__startswith=path)
        pages = super().items()
        return pages.exclude(hidden) if hidden else pages


class ViewsSitemap(DjangoSitemap):
    """Pages that are views rather than Wagtail pages."""

    changefreq = "daily"

    def items(self):
        return ["vendors:catalogue"]

    def location(self, item):
        return reverse(item)

    def get_domain(self, site=None):
        return _site_domain()

    def get_protocol(self, protocol=None):
        return settings.SITE_URL.split("://", 1)[0]


SITEMAPS = {"pages": PagesSitemap, "views": ViewsSitemap()}


def _site_domain() -> str:
    return settings.SITE_URL.split("://", 1)[1].split("/", 1)[0]


def absolute(url: str) -> str:
    """`url` as SITE_URL gives it, unless it is absolute already."""
    if "://" in url:
        return url
    return settings.SITE_URL + url


@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        *(f"Disallow: {path}" for path in ROBOTS_DISALLOW),
        "",
        f"Sitemap: {absolute(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def page_description(page) -> str:
    """The page's search description, else what it says about itself first."""
    if page is None:
        return ""
    page = getattr(page, "specific_deferred", page)
    text = page.search_description
    for field in ("summary", "description", "intro", "hero_text"):
        if text:
            break
        text = strip_tags(str(getattr(page, field, "") or ""))
    text = " ".join(text.split())
    return Truncator(text).chars(DESCRIPTION_LENGTH) if text else ""


def share_image(page):
    """The picture a share of the page shows: the product's, the store's banner
    or logo, the home page's hero."""
    if page is None:
        return None
    page = getattr(page, "specific_deferred", page)
    for field in ("image", "banner", "hero_image", "logo"):
        image = getattr(page, field, None)
        if image is not None:
            return rendition_of(image, SHARE_IMAGE_SPEC)
    return None


def _breadcrumbs(page) -> dict | None:
    from vendors.trail import page_ancestors

    trail = [*page_ancestors(page), page] if not page.is_root() else []
    if len(trail) < 2:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": crumb.get_full_url(),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def _money(amount: Decimal) -> str:
    return f"{amount:.2f}"


def product_data(product, image_urls: list[str]) -> dict:
    store = product.store
    offer = {
        "@type": "Offer",
        "price": _money(product.price),
        "priceCurrency": settings.CURRENCY,
        "availability": "https://schema.org/"
        + ("InStock" if product.is_in_stock else "OutOfStock"),
        "url": product.get_full_url(),
        "seller": {"@type": "Organization", "name": store.title},
    }
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.title,
        "description": page_description(product),
        "url": product.get_full_url(),
        "brand": {"@type": "Brand", "name": store.title},
        "offers": offer,
    }
    if product.sku:
        data["sku"] = product.sku
    if image_urls:
        data["image"] = image_urls
    if product.rating_count:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": _money(product.rating_average),
            "reviewCount": product.rating_count,
            "bestRating": 5,
            "worstRating": 1,
        }
    return data


def store_data(store, image_url: str | None) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Store",
        "name": store.title,
        "url": store.get_full_url(),
        "description": page_description(store),
    }
    if image_url:
        data["image"] = image_url
    if store.email:
        data["email"] = store.email
    if store.phone:
        data["telephone"] = store.phone
    if store.address:
        data["address"] = " ".join(store.address.split())
    return data


def site_data(home) -> list[dict]:
    url = home.get_full_url()
    return [
        {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": settings.WAGTAIL_SITE_NAME,
            "url": url,
            "logo": absolute(_static("img/icon-512.png")),
        },
        {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": settings.WAGTAIL_SITE_NAME,
            "url": url,
            "potentialAction": {
                "@type": "SearchAction",
                "target": absolute(reverse("vendors:search")) + "?q={query}",
                "query-input": "required name=query",
            },
        },
    ]


def _static(path: str) -> str:
    from django.templatetags.static import static

    return static(path)


def structured_data(page) -> list[dict]:
    """The JSON-LD objects of a page, by its kind."""
    from home.models import HomePage
    from vendors.models import ProductPage, StorePage

    if page is None:
        return []
    page = getattr(page, "specific_deferred", page)
    data: list[dict] = []
    if isinstance(page, ProductPage):
        from vendors.selectors import product_gallery

        images = [picture.image for picture in product_gallery(product=page)]
        if not images and page.image:
            images = [page.image]
        urls = [absolute(rendition_of(image, SHARE_IMAGE_SPEC).url) for image in images]
        data.append(product_data(page, urls))
    elif isinstance(page, StorePage):
        image = share_image(page)
        data.append(store_data(page, absolute(image.url) if image else None))
    elif isinstance(page, HomePage):
        data.extend(site_data(page))
    breadcrumbs = _breadcrumbs(page)
    if breadcrumbs:
        data.append(breadcrumbs)
    return data
