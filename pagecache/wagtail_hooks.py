from wagtail import hooks

from home.models import HomePage
from pagecache.generations import CATALOG, SITE, product_key, store_key
from pagecache.responses import is_cacheable_request, render_begins
from vendors.models import ProductPage, StoreIndexPage, StorePage


def page_dependencies(page) -> list[str] | None:
    """What a public page shows, or None for pages not cached."""
    if isinstance(page, ProductPage):
        return [SITE, store_key(page.store_id), product_key(page.pk)]
    if isinstance(page, StorePage):
        return [SITE, store_key(page.pk)]
    if isinstance(page, (HomePage, StoreIndexPage)):
        return [SITE, CATALOG]
    return None


@hooks.register("before_serve_page")
def page_cache_render_begins(page, request, serve_args, serve_kwargs):
    # Only the live site's serve view calls this hook: previews are never cached.
    dependencies = page_dependencies(page)
    if dependencies is not None and is_cacheable_request(request):
        render_begins(request, dependencies=dependencies)
