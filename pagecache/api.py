"""Public API answers from the cache, with the pages' invalidation."""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from rest_framework.response import Response

from pagecache.generations import generations_of, generations_unchanged
from pagecache.responses import cache_key, is_cacheable_request


@dataclass(frozen=True)
class AnswerEntry:
    generations: dict[str, str]
    content: bytes
    content_type: str


def answer_cached(
    request, *, dependencies: list[str], render, renderer_context: dict
) -> HttpResponse | Response:
    """`render()`'s answer, from the cache while `dependencies` are unchanged.

    The key is the URL with its query string normalised, so each filter, ordering
    and page of a list is an entry of its own; only 200 answers are kept, as the
    bytes sent (a hit neither serializes nor renders).
    """
    if not (settings.PAGE_CACHE_ENABLED and is_cacheable_request(request)):
        return render()
    key = cache_key(request, prefix="api")
    entry = cache.get(key)
    if entry is not None and generations_unchanged(entry.generations):
        response = HttpResponse(entry.content, content_type=entry.content_type)
        response["X-Cache"] = "HIT"
        return response
    generations = generations_of(dependencies)
    response = render()
    if response.status_code == 200:
        renderer = request.accepted_renderer
        content = renderer.render(
            response.data, request.accepted_media_type, renderer_context
        )
        content_type = renderer.media_type + (
            f"; charset={renderer.charset}" if renderer.charset else ""
        )
        cache.set(
            key,
            AnswerEntry(generations, content, content_type),
            timeout=settings.PAGE_CACHE_TIMEOUT,
        )
        response["X-Cache"] = "MISS"
    return response


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
            renderer_context=self.get_renderer_context(),
        )

    def list(self, request, *args, **kwargs):
        return self._answer(super().list, request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self._answer(super().retrieve, request, *args, **kwargs)
