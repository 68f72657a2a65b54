import logging

from wagtail.views import serve as wagtail_serve

from pagecache.responses import (
    entry_lookup,
    entry_response,
    is_cacheable_request,
    render_touched_visitor,
    response_store,
)

logger = logging.getLogger(__name__)


def is_public_page_view(view_func) -> bool:
    return view_func is wagtail_serve or getattr(view_func, "is_public_page", False)


class PageCacheMiddleware:
    """Serves public pages from the cache before their view runs, and stores what
    they render. Last in MIDDLEWARE: a hit needs no session, user or database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "page_cache", None) is None:
            return response
        if render_touched_visitor(request) and not request.page_cache.shows_messages:
            logger.warning(
                "Not cached: rendering %s read the visitor's session or CSRF token.",
                request.path,
            )
        return response_store(request, response)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not (is_public_page_view(view_func) and is_cacheable_request(request)):
            return None
        entry = entry_lookup(request)
        if entry is None:
            return None
        return entry_response(request, entry, hit=True)
