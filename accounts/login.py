"""Password sign-in for doors other than allauth's form (the API), counted by the
same allauth rate limits, so an account locked on the site is locked everywhere."""

import math
import time

from allauth.account.adapter import get_adapter
from allauth.core.internal import ratelimit
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from accounts.exceptions import LoginThrottled
from accounts.models import User

ACTION = "login_failed"
APP = "allauth.account"


def login_authenticate(
    *, request: HttpRequest, login: str, password: str
) -> User | None:
    """The user these credentials name, or None; a failure counts against the
    account and the client address. Raises LoginThrottled once either is spent."""
    credentials = {"username": login, "password": password}
    if "@" in login:
        credentials["email"] = login
    adapter = get_adapter(request)
    try:
        return adapter.authenticate(request, **credentials)
    except ValidationError as error:
        if error.code != "too_many_login_attempts":
            raise
        raise LoginThrottled(
            retry_after=login_retry_after(request=request, credentials=credentials)
        ) from error


def login_retry_after(*, request: HttpRequest, credentials: dict) -> int:
    """Seconds until these credentials may be tried again: when the oldest failure
    that fills a spent rate (account or address) drops out of its window."""
    key = get_adapter(request)._get_login_attempts_cache_key(request, **credentials)
    now = time.time()
    waits = [1]
    for rate in ratelimit.get_rates(app=APP, action=ACTION):
        cache_key = ratelimit.get_cache_key(
            request, app=APP, action=ACTION, rate=rate, key=key
        )
        history = [t for t in cache.get(cache_key, []) if t > now - rate.duration]
        if len(history) >= rate.amount:
            waits.append(math.ceil(history[rate.amount - 1] + rate.duration - now))
    return max(waits)
