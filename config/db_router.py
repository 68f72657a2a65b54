"""Reads to a replica, everything that must be current to the primary.

On when DATABASE_REPLICA_URL is set (config/settings/base.py adds the "replica"
database, this router and its middleware). A read goes to the primary instead of
the replica when

- it runs inside a transaction (`atomic`) on the primary: what the transaction
  reads must be what it then writes, and locks (`select_for_update`) exist there
  only; Django sends `select_for_update`, `get_or_create` and the like to the
  writer anyway;
- this request (or task, or command) has written already: read-your-writes,
  whatever the replica's lag;
- the client wrote within the last REPLICA_PIN_SECONDS: a form posted, then the
  redirect's GET must show what was posted (a cookie carries that moment).

Writes and migrations always go to the primary; the replica is never migrated
(it replays the primary's binary log).
"""

import time
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
PIN_COOKIE = "db_pin"

_wrote: ContextVar[bool] = ContextVar("db_router_wrote", default=False)
_pinned: ContextVar[bool] = ContextVar("db_router_pinned", default=False)


def pin_to_primary() -> None:
    """Send this context's further reads to the primary (also after a write)."""
    _pinned.set(True)


def reset() -> None:
    _wrote.set(False)
    _pinned.set(False)


def wrote() -> bool:
    return _wrote.get()


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if _wrote.get() or _pinned.get():
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        _wrote.set(True)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The same data on both: an object read from the replica may be linked
        # to one read from the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA


class ReadYourWritesMiddleware:
    """Each request starts unpinned, or pinned if its client wrote just now;
    a request that wrote tells its client so (a short-lived cookie)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reset()
        seconds = settings.REPLICA_PIN_SECONDS
        try:
            until = float(request.COOKIES.get(PIN_COOKIE, "0"))
        except ValueError:
            until = 0.0
        if until > time.time():
            pin_to_primary()
        response = self.get_response(request)
        if wrote() and seconds > 0:
            response.set_cookie(
                PIN_COOKIE,
                f"{time.time() + seconds:.0f}",
                max_age=seconds,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        reset()
        return response
