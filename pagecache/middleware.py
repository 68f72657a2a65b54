import logging

from django.conf import settings

from pagecache.responses import (
    entry_lookup,
    entry_response,
    has_credentials,
    is_cacheable_request,
    render_touched_visitor,
    response_store,
)

logger = logging.getLogger(__name__)


class PageCacheMiddleware:
    """Serves stored public answers from the top of MIDDLEWARE, and stores them.

    Placed right after the health probes: a hit is answered before sessions,
    CSRF, authentication, URL routing and the view, with the headers the rest of
    the stack gave it when it was stored, so it costs a cache lookup. On the way
    out it stores what a public page or API answer rendered (they mark the request
    with pagecache.responses.render_begins) once every other middleware has had its
    say: a response that set a cookie or read the visitor's session is never kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # Static files and uploads are never pages: no lookup for them.
        self.skipped_prefixes = tuple(
            prefix
            for prefix in (settings.STATIC_URL, settings.MEDIA_URL)
            if prefix and prefix.startswith("/") and prefix != "/"
        )

    def __call__(self, request):
        if is_cacheable_request(request) and not request.path_info.startswith(
            self.skipped_prefixes
        ):
            entry = entry_lookup(request)
            if entry is None:
                request.page_cache_missed = True
            elif entry.anonymous_only and has_credentials(request):
                # The API view authenticates first, then answers from this entry.
                request.page_cache_entry = entry
            else:
                return entry_response(request, entry, hit=True)
        response = self.get_response(request)
        pending = getattr(request, "page_cache", None)
        if pending is None:
            return response
        if (
            not pending.anonymous_only
            and not pending.shows_messages
            and render_touched_visitor(request)
        ):
            logger.warning(
                "Not cached: rendering %s read the visitor's session or CSRF token.",
                request.path,
            )
        return response_store(request, response)
