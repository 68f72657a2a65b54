"""Whole public responses in Django's cache, served to every visitor alike.

A response is stored only when its render read no session, user, CSRF token or
message (so it holds nothing of the visitor's) and is served only while the
generations it recorded are unchanged (pagecache.generations).
"""

import hashlib
import time
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from pagecache.generations import generations_of, generations_unchanged

QUERY_STRING_MAX_LENGTH = 1000
# Headers a stored page keeps; anything else (cookies, Vary) is the visitor's.
STORED_HEADERS = ("Content-Type", "Content-Language", "X-Frame-Options")


@dataclass(frozen=True)
class Entry:
    generations: dict[str, str]
    status: int
    headers: dict[str, str]
    content: bytes
    etag: str
    last_modified: float


def normalised_query(request: HttpRequest) -> str:
    """The query string with parameters sorted and empty ones dropped: every
    spelling of the same listing shares one entry."""
    pairs = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=False)
    return urlencode(sorted(pairs))


def cache_key(request: HttpRequest, *, prefix: str = "page") -> str:
    scheme = "https" if request.is_secure() else "http"
    url = f"{scheme}://{request.get_host()}{request.path}?{normalised_query(request)}"
    return f"{prefix}:{hashlib.sha256(url.encode()).hexdigest()}"


def is_cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and len(request.META.get("QUERY_STRING", "")) <= QUERY_STRING_MAX_LENGTH
    )


def render_touched_visitor(request: HttpRequest) -> bool:
    """Did rendering read anything that belongs to this visitor?"""
    session = getattr(request, "session", None)
    return bool(
        (session is not None and session.accessed)
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def public_headers(response: HttpResponse, entry: Entry) -> HttpResponse:
    response["ETag"] = entry.etag
    response["Last-Modified"] = http_date(entry.last_modified)
    directives = {
        "public": True,
        "max_age": settings.PAGE_CACHE_MAX_AGE,
        "stale_while_revalidate": settings.PAGE_CACHE_STALE_WHILE_REVALIDATE,
    }
    if settings.PAGE_CACHE_S_MAXAGE is not None:
        directives["s_maxage"] = settings.PAGE_CACHE_S_MAXAGE
    patch_cache_control(response, **directives)
    return response


def entry_response(request: HttpRequest, entry: Entry, *, hit: bool) -> HttpResponse:
    response = get_conditional_response(
        request, etag=entry.etag, last_modified=int(entry.last_modified)
    )
    if response is None:
        response = HttpResponse(entry.content, status=entry.status)
        for name, value in entry.headers.items():
            response[name] = value
    response["X-Cache"] = "HIT" if hit else "MISS"
    return public_headers(response, entry)


def entry_lookup(request: HttpRequest) -> Entry | None:
    if not settings.PAGE_CACHE_ENABLED or has_messages_waiting(request):
        return None
    entry = cache.get(cache_key(request))
    if entry is None or not generations_unchanged(entry.generations):
        return None
    return entry


@dataclass
class Pending:
    """A render in progress whose response may be stored: the generations it
    shows, read before rendering began (a change during the render makes it stale).
    A visitor with messages waiting (after a form, say) gets a render of their own
    that shows them, so they are seen without JavaScript too; it is not stored."""

    generations: dict[str, str]
    shows_messages: bool = False


def has_messages_waiting(request: HttpRequest) -> bool:
    return bool(request.COOKIES.get(CookieStorage.cookie_name))


def render_begins(request: HttpRequest, *, dependencies: list[str]) -> None:
    """Called before a public page renders: it is shared, so its templates leave
    the visitor's bits to the session-state endpoint."""
    request.page_cache = Pending(
        generations=generations_of(dependencies),
        shows_messages=has_messages_waiting(request),
    )


def response_store(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    pending = getattr(request, "page_cache", None)
    if (
        pending is None
        or not settings.PAGE_CACHE_ENABLED
        or pending.shows_messages
        or request.method != "GET"
        or response.status_code != 200
        or response.streaming
        or response.cookies
        or render_touched_visitor(request)
    ):
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    entry = Entry(
        generations=pending.generations,
        status=response.status_code,
        headers={name: response[name] for name in STORED_HEADERS if name in response},
        content=response.content,
        etag=f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"',
        last_modified=time.time(),
    )
    cache.set(cache_key(request), entry, timeout=settings.PAGE_CACHE_TIMEOUT)
    return entry_response(request, entry, hit=False)
