"""Whole public responses in Django's cache, served to every visitor alike.

A response is stored only when its render read no session, user, CSRF token or
message (so it holds nothing of the visitor's) and is served only while the
generations it recorded are unchanged (pagecache.generations).

It is stored as the client received it, with the headers every middleware gave it
(security headers, Content-Security-Policy), so that PageCacheMiddleware can send
it again from the top of the stack without running the rest. Each process also
keeps the entries it served last in memory (LocalEntries): a hit then costs one
cache round trip, the generations' check.
"""

import functools
import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from pagecache.generations import generations_of, generations_unchanged

QUERY_STRING_MAX_LENGTH = 1000
# Part of every key: a release that changes Entry starts with an empty cache.
ENTRY_FORMAT = 3
# Headers a stored answer does not keep: each response gets its own.
UNSTORED_HEADERS = frozenset(
    {"cache-control", "content-length", "date", "etag", "expires", "last-modified"}
    | {"set-cookie", "x-cache"}
)
# What a 304 leaves out of the stored headers (it has no body).
BODY_HEADERS = frozenset({"content-type", "content-language"})


@dataclass(frozen=True)
class Entry:
    generations: dict[str, str]
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes
    etag: str
    last_modified: float
    # API answers: the same for everyone, but a request with credentials goes
    # through authentication (a revoked token must get its 401).
    anonymous_only: bool = False


def normalised_query(request: HttpRequest) -> str:
    """The query string with parameters sorted and empty ones dropped: every
    spelling of the same listing shares one entry."""
    pairs = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=False)
    return urlencode(sorted(pairs))


@functools.cache
def release() -> str:
    """What tells this release's entries from another's, so that a release
    never serves HTML another one rendered (whose stylesheets and scripts may
    be gone with it): PAGE_CACHE_RELEASE when the deploy sets it, otherwise a
    digest of the collected static files' manifest (none in development)."""
    if settings.PAGE_CACHE_RELEASE:
        return settings.PAGE_CACHE_RELEASE
    try:
        manifest = (Path(settings.STATIC_ROOT) / "staticfiles.json").read_bytes()
    except OSError:
        return ""
    return hashlib.sha256(manifest).hexdigest()[:16]


def cache_key(request: HttpRequest) -> str:
    scheme = "https" if request.is_secure() else "http"
    url = f"{scheme}://{request.get_host()}{request.path}?{normalised_query(request)}"
    return f"page{ENTRY_FORMAT}:{release()}:{hashlib.sha256(url.encode()).hexdigest()}"


def is_cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and len(request.META.get("QUERY_STRING", "")) <= QUERY_STRING_MAX_LENGTH
    )


def has_credentials(request: HttpRequest) -> bool:
    return (
        "HTTP_AUTHORIZATION" in request.META
        or settings.SESSION_COOKIE_NAME in request.COOKIES
    )


def render_touched_visitor(request: HttpRequest) -> bool:
    """Did rendering read anything that belongs to this visitor?"""
    session = getattr(request, "session", None)
    return bool(
        (session is not None and session.accessed)
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def cache_control() -> str:
    directives = [
        "public",
        f"max-age={settings.PAGE_CACHE_MAX_AGE}",
        f"stale-while-revalidate={settings.PAGE_CACHE_STALE_WHILE_REVALIDATE}",
    ]
    if settings.PAGE_CACHE_S_MAXAGE is not None:
        directives.append(f"s-maxage={settings.PAGE_CACHE_S_MAXAGE}")
    return ", ".join(directives)


def is_conditional(request: HttpRequest) -> bool:
    return "HTTP_IF_NONE_MATCH" in request.META or (
        "HTTP_IF_MODIFIED_SINCE" in request.META
    )


def entry_response(request: HttpRequest, entry: Entry, *, hit: bool) -> HttpResponse:
    """The stored answer, or a 304 where the client holds it already. Every header
    was worked out when it was stored: a hit only copies them."""
    response = None
    if is_conditional(request):
        response = get_conditional_response(
            request, etag=entry.etag, last_modified=int(entry.last_modified)
        )
    if response is None:
        response = HttpResponse(entry.content, status=entry.status)
        headers = entry.headers
    else:
        headers = [(k, v) for k, v in entry.headers if k.lower() not in BODY_HEADERS]
    for name, value in headers:
        response[name] = value
    response["X-Cache"] = "HIT" if hit else "MISS"
    return response


class LocalEntries:
    """The entries this process served last, up to `max_bytes` of content.

    Safe to keep: an entry is only ever served after its generations were checked
    in the shared cache, and the shared cache's timeout applies here too."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
        self.entries: OrderedDict[str, Entry] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> Entry | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: Entry) -> None:
        if len(entry.content) > self.max_bytes // 8:
            return
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.size -= len(old.content)
            self.entries[key] = entry
            self.size += len(entry.content)
            while self.size > self.max_bytes:
                _, dropped = self.entries.popitem(last=False)
                self.size -= len(dropped.content)

    def discard(self, key: str) -> None:
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.size -= len(old.content)


local_entries = LocalEntries(max_bytes=settings.PAGE_CACHE_LOCAL_BYTES)


def is_expired(entry: Entry) -> bool:
    return time.time() - entry.last_modified > settings.PAGE_CACHE_TIMEOUT


def entry_lookup(request: HttpRequest) -> Entry | None:
    """The stored answer to this request, if it is still what would be rendered."""
    if not settings.PAGE_CACHE_ENABLED or has_messages_waiting(request):
        return None
    key = cache_key(request)
    entry = local_entries.get(key)
    if entry is None:
        entry = cache.get(key)
        if entry is None:
            return None
    if is_expired(entry) or not generations_unchanged(entry.generations):
        local_entries.discard(key)
        return None
    local_entries.put(key, entry)
    return entry


@dataclass
class Pending:
    """A render in progress whose response may be stored: the generations it
    shows, read before rendering began (a change during the render makes it stale).
    A visitor with messages waiting (after a form, say) gets a render of their own
    that shows them, so they are seen without JavaScript too; it is not stored."""

    generations: dict[str, str]
    shows_messages: bool = False
    anonymous_only: bool = False


def has_messages_waiting(request: HttpRequest) -> bool:
    return bool(request.COOKIES.get(CookieStorage.cookie_name))


def render_begins(
    request: HttpRequest, *, dependencies: list[str], anonymous_only: bool = False
) -> None:
    """Called before a public answer renders: it is shared, so its templates leave
    the visitor's bits to the session-state endpoint."""
    request.page_cache = Pending(
        generations=generations_of(dependencies),
        shows_messages=has_messages_waiting(request),
        anonymous_only=anonymous_only,
    )


def read_visitor_data(request: HttpRequest, pending: Pending) -> bool:
    if not pending.anonymous_only:
        return render_touched_visitor(request)
    # An API answer authenticates the request, which reads the session: harmless
    # when the request brought no session, as the answer is then the anonymous one.
    return settings.SESSION_COOKIE_NAME in request.COOKIES and render_touched_visitor(
        request
    )


def response_store(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Keep `response` if the render marked as public may be shared; called once
    every middleware has given the response its headers and cookies."""
    pending = getattr(request, "page_cache", None)
    if (
        pending is None
        or not settings.PAGE_CACHE_ENABLED
        or pending.shows_messages
        or request.method != "GET"
        or response.status_code != 200
        or response.streaming
        or response.cookies
        or read_visitor_data(request, pending)
    ):
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    etag = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
    last_modified = time.time()
    entry = Entry(
        generations=pending.generations,
        status=response.status_code,
        headers=(
            *(
                (name, value)
                for name, value in response.items()
                if name.lower() not in UNSTORED_HEADERS
            ),
            ("ETag", etag),
            ("Last-Modified", http_date(last_modified)),
            ("Cache-Control", cache_control()),
        ),
        content=response.content,
        etag=etag,
        last_modified=last_modified,
        anonymous_only=pending.anonymous_only,
    )
    key = cache_key(request)
    cache.set(key, entry, timeout=settings.PAGE_CACHE_TIMEOUT)
    local_entries.put(key, entry)
    return entry_response(request, entry, hit=False)
