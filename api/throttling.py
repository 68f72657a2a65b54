"""Throttles whose rates are read at each request, so settings changes (and
tests overriding `REST_FRAMEWORK`) take effect; DRF's read them once at import."""

from rest_framework import throttling
from rest_framework.settings import api_settings

from config.client_address import client_address


class _RateFromSettingsMixin:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        # The same client address as allauth's counters (TRUSTED_PROXY_COUNT).
        return client_address(request)


class AnonRateThrottle(_RateFromSettingsMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(_RateFromSettingsMixin, throttling.UserRateThrottle):
    pass


class _ClientAddressThrottle(_RateFromSettingsMixin, throttling.SimpleRateThrottle):
    """Counts every request from one client address, signed in or not."""

    def get_cache_key(self, request, view):
        return self.cache_format % {
            "scope": self.scope,
            "ident": self.get_ident(request),
        }


class LoginRateThrottle(_ClientAddressThrottle):
    scope = "login"


class RegisterRateThrottle(_ClientAddressThrottle):
    scope = "register"
