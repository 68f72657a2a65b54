from allauth.account.adapter import DefaultAccountAdapter
from django.contrib import messages
from django.core.exceptions import PermissionDenied

from accounts.selectors import user_for_login_name
from config.client_address import client_address


class AccountAdapter(DefaultAccountAdapter):
    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """Count failed logins per account, not per typed name: a user's username
        and e-mail address (in any case) share one counter, so trying both does
        not double the attempts. The API login (accounts.login) uses it too."""
        login = credentials.get("email") or credentials.get("username") or ""
        user = user_for_login_name(login)
        if user is not None:
            return f"user:{user.pk}"
        return f"name:{login.lower()}"

    def get_client_ip(self, request) -> str:
        # The API throttles' rule (config.client_address): a short X-Forwarded-For
        # falls back to REMOTE_ADDR instead of allauth's ImproperlyConfigured (500).
        address = client_address(request)
        if not address:
            raise PermissionDenied("Unable to determine client IP address")
        return address

    def add_message(self, request, level, *args, **kwargs):
        """On the way to the checkout, sign-in and sign-up notes are left out:
        the checkout sums them up in one message (shop.views.checkout)."""
        from shop.session import is_heading_to_checkout

        if (
            level < messages.WARNING
            and request is not None
            and is_heading_to_checkout(request)
        ):
            return
        super().add_message(request, level, *args, **kwargs)
