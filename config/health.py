"""Health endpoints for load balancers, orchestrators and the benchmark.

`/health/live/` answers "ok" while the process can serve at all and touches
nothing. `/health/ready/` checks what a request needs (database, cache, task
queue) and answers 503 naming the check that failed, so a balancer stops sending
traffic to an instance that cannot serve it.

Both are answered by `HealthCheckMiddleware`, first in `MIDDLEWARE`: a probe
carries no session, needs no CSRF or CSP work, is never redirected to HTTPS
(balancers probe over plain HTTP) and is not refused for a Host header missing
from `ALLOWED_HOSTS` (balancers probe by the instance's address).
"""

import logging
import uuid
from collections.abc import Callable

import django_rq
from django.core.cache import cache
from django.db import connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from django_tasks_rq.backend import RQBackend

logger = logging.getLogger(__name__)

OK = "ok"
FAIL = "fail"


@require_safe
def live(request: HttpRequest) -> HttpResponse:
    return HttpResponse(OK, content_type="text/plain")


def database_check() -> None:
    """The primary and, when one is configured, the read replica."""
    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()


def cache_check() -> None:
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, OK, timeout=10)
    try:
        if cache.get(key) != OK:
            raise RuntimeError("the cache did not return the value just set")
    finally:
        cache.delete(key)


def tasks_check() -> None:
    """Reach the store the default task backend queues to.

    The database backend: one cheap query on its table. The RQ backend: a ping
    to the Redis of each of its queues. Other backends (immediate, dummy) keep
    nothing outside this process, so there is nothing to reach.
    """
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if isinstance(backend, DatabaseBackend):
        DBTaskResult.objects.exists()
    elif isinstance(backend, RQBackend):
        for queue_name in backend.queues:
            django_rq.get_connection(queue_name).ping()


CHECKS: dict[str, Callable[[], None]] = {
    "database": database_check,
    "cache": cache_check,
    "tasks": tasks_check,
}


@require_safe
@never_cache
def ready(request: HttpRequest) -> JsonResponse:
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            # The reason goes to the log, not to whoever can reach this URL.
            logger.exception("Readiness check %r failed", name)
            results[name] = FAIL
        else:
            results[name] = OK
    failed = [name for name, result in results.items() if result != OK]
    return JsonResponse(
        {"status": "unavailable" if failed else OK, "checks": results},
        status=503 if failed else 200,
    )


HEALTH_VIEWS = {"/health/live/": live, "/health/ready/": ready}


class HealthCheckMiddleware:
    """Answer the health paths before any other middleware runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        view = HEALTH_VIEWS.get(request.path_info)
        if view is not None:
            return view(request)
        return self.get_response(request)
