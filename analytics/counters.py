"""Product views and add-to-carts, counted in the cache, never in the database
while a visitor waits; `analytics.services.counters_flush` adds them to the
day's rollups (run by `manage.py analytics_rollup` from cron / `make periodic`).

Visitors are told apart by a random cookie the session-state endpoint sets, so
"sessions that viewed a product" costs a cache `add`, not a session row.
"""

import secrets
from datetime import date

from django.core.cache import cache

from analytics.periods import today

VISITOR_COOKIE = "mp_visitor"
VISITOR_MAX_AGE = 365 * 24 * 3600
# Long enough for a flush that failed for a day to catch up.
KEY_TIMEOUT = 3 * 24 * 3600
VIEWS, CARTS, SESSIONS = "v", "c", "s"


def counter_key(kind: str, day: date, product_id: int | None = None) -> str:
    suffix = f":{product_id}" if product_id is not None else ""
    return f"analytics:{kind}:{day.isoformat()}{suffix}"


def _incr(key: str) -> None:
    # `add` then `incr`: the first count creates the key; incr is atomic.
    cache.add(key, 0, KEY_TIMEOUT)
    try:
        cache.incr(key)
    except ValueError:
        # Evicted between the two calls: count it as the first.
        cache.add(key, 1, KEY_TIMEOUT)


def count_product_view(*, product_id: int, visitor: str) -> None:
    day = today()
    _incr(counter_key(VIEWS, day, product_id))
    if visitor and cache.add(
        f"analytics:seen:{day.isoformat()}:{visitor}", 1, 2 * 24 * 3600
    ):
        _incr(counter_key(SESSIONS, day))


def count_add_to_cart(*, product_id: int) -> None:
    _incr(counter_key(CARTS, today(), product_id))


def visitor_id(request) -> tuple[str, bool]:
    """The visitor's id and whether it is new (then set the cookie)."""
    value = request.COOKIES.get(VISITOR_COOKIE, "")
    if len(value) == 22 and value.replace("-", "").replace("_", "").isalnum():
        return value, False
    return secrets.token_urlsafe(16), True


def product_view_count(request, response, *, product_id: int) -> None:
    """Count a product page view (from the page's session-state fetch) and
    give a new visitor its cookie on `response`."""
    visitor, is_new = visitor_id(request)
    count_product_view(product_id=product_id, visitor=visitor)
    if is_new:
        response.set_cookie(
            VISITOR_COOKIE,
            visitor,
            max_age=VISITOR_MAX_AGE,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
