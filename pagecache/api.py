"""Public API answers from the cache, with the pages' invalidation."""

from django.conf import settings
from django.http import HttpResponse
from rest_framework.response import Response

from pagecache.responses import (
    entry_lookup,
    entry_response,
    is_cacheable_request,
    render_begins,
)


def answer_cached(
    request, *, dependencies: list[str], render
) -> HttpResponse | Response:
    """`render()`'s answer, from the cache while `dependencies` are unchanged.

    The key is the URL with its query string normalised, so each filter, ordering
    and page of a list is an entry of its own; only 200 answers are kept, as the
    bytes sent (a hit neither serializes nor renders). Requests without
    credentials are answered by PageCacheMiddleware before they reach the view;
    those with credentials are authenticated first and answered here.
    """
    django_request = request._request
    if not (settings.PAGE_CACHE_ENABLED and is_cacheable_request(django_request)):
        return render()
    entry = getattr(django_request, "page_cache_entry", None)
    if entry is None and not getattr(django_request, "page_cache_missed", False):
        entry = entry_lookup(django_request)
    if entry is not None:
        return entry_response(django_request, entry, hit=True)
    # PageCacheMiddleware stores the answer once it has all its headers.
    render_begins(django_request, dependencies=dependencies, anonymous_only=True)
    return render()


class CachedPublicReadMixin:
    """For a viewset: `cache_dependencies(action)` names what an action's answer
    shows, or None where it depends on who asks (then it is never cached)."""

    def cache_dependencies(self) -> list[str] | None:
        raise NotImplementedError

    def _answer(self, handler, request, *args, **kwargs):
        dependencies = self.cache_dependencies()
        if dependencies is None:
            return handler(request, *args, **kwargs)
        return answer_cached(
            request,
            dependencies=dependencies,
            render=lambda: handler(request, *args, **kwargs),
        )

    def list(self, request, *args, **kwargs):
        return self._answer(super().list, request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self._answer(super().retrieve, request, *args, **kwargs)
