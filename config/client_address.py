"""The address of the client behind our proxies: the one rule every rate limit
(allauth's login, sign-up and reset counters, every API throttle, CSP reports)
counts by."""

from allauth.core.internal.httpkit import clean_client_ip
from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address as the outermost of settings.TRUSTED_PROXY_COUNT
    proxies saw it: that many entries from the right of X-Forwarded-For.

    With no proxies configured the header is ignored. A header with fewer entries
    than there are proxies did not come through all of them (a request to an inner
    proxy, or a misconfiguration), and an entry that is no address is junk: then
    nothing in the header is trusted and the request counts under REMOTE_ADDR, the
    address that connected to us, which no client can pick.
    """
    remote_addr = request.META.get("REMOTE_ADDR") or ""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded_for = request.headers.get("x-forwarded-for")
    if proxies <= 0 or not forwarded_for:
        return remote_addr
    addresses = forwarded_for.split(",")
    if len(addresses) < proxies:
        return remote_addr
    return clean_client_ip(addresses[-proxies].strip()) or remote_addr
