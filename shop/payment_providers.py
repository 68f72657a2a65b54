"""Payment providers: the built-in test provider and PayPal (Orders v2 REST API).

A provider knows how to talk to the outside; what a payment means for an order
is decided in shop.services.payments.
"""

import logging
import secrets
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

import requests
from django.conf import settings
from django.core.cache import cache

from shop.exceptions import PaymentError
from shop.models import Payment
from shop.money import money_round

logger = logging.getLogger(__name__)

PAYPAL_TIMEOUT = 15  # seconds, per request
PAYPAL_TOKEN_CACHE_KEY = "shop:paypal:access-token"  # noqa: S105 (a cache key)
PAYPAL_TOKEN_FALLBACK_SECONDS = 360


@dataclass(frozen=True)
class PaymentStarted:
    """Where a started payment stands: captured at once, or waiting for the
    buyer to approve it at `approve_url`."""

    provider_order_id: str = ""
    approve_url: str = ""
    capture_id: str = ""


class PaymentProvider(Protocol):
    method: str
    label: str
    is_test_mode: bool

    def start(
        self, *, payment: Payment, return_url: str, cancel_url: str
    ) -> PaymentStarted: ...

    def capture(self, *, payment: Payment) -> str:
        """Take the money; returns the provider's capture id or raises PaymentError."""
        ...

    def refund(
        self, *, payment: Payment, amount: Decimal | None = None, reference: str = ""
    ) -> None:
        """Give back `amount` of the capture (all of it when None); `reference`
        tells one partial refund of the payment from another."""


class TestProvider:
    """Approves every payment at once; no money moves. For demos and tests."""

    method = Payment.Method.TEST
    label = "Test payment (test mode: no money is taken)"
    is_test_mode = True

    def start(self, *, payment, return_url, cancel_url):
        return PaymentStarted(capture_id=self.capture(payment=payment))

    def capture(self, *, payment):
        return f"TEST-{secrets.token_hex(8).upper()}"

    def refund(self, *, payment, amount=None, reference=""):
        return None


class PayPalProvider:
    method = Payment.Method.PAYPAL
    label = "PayPal"
    is_test_mode = False

    def __init__(self):
        self.base_url = settings.PAYPAL_BASE_URL.rstrip("/")

    def _token(self) -> str:
        token = cache.get(PAYPAL_TOKEN_CACHE_KEY)
        if token:
            return token
        data = self._call(
            "post",
            "/v1/oauth2/token",
            auth=(settings.PAYPAL_CLIENT_ID, settings.PAYPAL_CLIENT_SECRET),
            data={"grant_type": "client_credentials"},
        )
        token = data.get("access_token")
        if not token:
            raise PaymentError("PayPal did not give us an access token.")
        try:
            expires_in = int(data.get("expires_in"))
        except (TypeError, ValueError):
            # No lifetime given: keep the token briefly rather than forever.
            expires_in = PAYPAL_TOKEN_FALLBACK_SECONDS
        # A minute's margin, so a token never expires between cache and PayPal.
        cache.set(PAYPAL_TOKEN_CACHE_KEY, token, max(expires_in - 60, 1))
        return token

    def _call(self, method: str, path: str, *, request_id: str = "", **kwargs):
        headers = kwargs.pop("headers", {})
        if "auth" not in kwargs:
            headers["Authorization"] = f"Bearer {self._token()}"
        if request_id:
            # PayPal answers a repeated request id with the first answer.
            headers["PayPal-Request-Id"] = request_id
        try:
            response = requests.request(
                method,
                f"{self.base_url}{path}",
                headers=headers,
                timeout=PAYPAL_TIMEOUT,
                **kwargs,
            )
        except requests.RequestException as error:
            logger.warning("PayPal could not be reached: %s", error)
            raise PaymentError("PayPal could not be reached; try again.") from error
        try:
            data = response.json()
        except ValueError:
            data = {}
        if response.status_code == 401 and "auth" not in kwargs:
            cache.delete(PAYPAL_TOKEN_CACHE_KEY)
        if response.status_code >= 400:
            raise PaymentError(_paypal_error_message(response.status_code, data))
        return data

    def start(self, *, payment, return_url, cancel_url):
        data = self._call(
            "post",
            "/v2/checkout/orders",
            request_id=f"order-{payment.pk}-{secrets.token_hex(4)}",
            json={
                "intent": "CAPTURE",
                "purchase_units": [
                    {
                        "reference_id": payment.order.number,
                        "invoice_id": payment.order.number,
                        "amount": _paypal_amount(payment.amount, payment.currency),
                    }
                ],
                "application_context": {
                    "return_url": return_url,
                    "cancel_url": cancel_url,
                    "user_action": "PAY_NOW",
                    "shipping_preference": "NO_SHIPPING",
                },
            },
        )
        approve_url = next(
            (
                link.get("href", "")
                for link in data.get("links", [])
                if link.get("rel") in ("approve", "payer-action")
            ),
            "",
        )
        if not data.get("id") or not approve_url:
            raise PaymentError("PayPal did not accept the payment.")
        return PaymentStarted(provider_order_id=data["id"], approve_url=approve_url)

    def capture(self, *, payment):
        data = self._call(
            "post",
            f"/v2/checkout/orders/{payment.provider_order_id}/capture",
            request_id=f"capture-{payment.pk}-{payment.provider_order_id}",
            json={},
        )
        captures = [
            capture
            for unit in data.get("purchase_units", [])
            for capture in unit.get("payments", {}).get("captures", [])
        ]
        capture = captures[0] if captures else {}
        if data.get("status") != "COMPLETED" or capture.get("status") != "COMPLETED":
            raise PaymentError("PayPal did not complete the payment.")
        if capture.get("amount") != _paypal_amount(payment.amount, payment.currency):
            raise PaymentError("PayPal captured a different amount.")
        return capture["id"]

    def refund(self, *, payment, amount=None, reference=""):
        data = self._call(
            "post",
            f"/v2/payments/captures/{payment.capture_id}/refund",
            request_id="-".join(filter(None, ["refund", str(payment.pk), reference])),
            json=(
                {}
                if amount is None
                else {"amount": _paypal_amount(amount, payment.currency)}
            ),
        )
        if data.get("status") not in ("COMPLETED", "PENDING"):
            raise PaymentError("PayPal did not refund the payment.")


def _paypal_amount(amount: Decimal, currency: str) -> dict[str, str]:
    return {"currency_code": currency, "value": f"{money_round(amount):.2f}"}


def _paypal_error_message(status_code: int, data: dict) -> str:
    issues = {detail.get("issue") for detail in data.get("details", []) or []}
    if "INSTRUMENT_DECLINED" in issues or "PAYER_ACTION_REQUIRED" in issues:
        return "PayPal declined the payment. Choose another way to pay in PayPal."
    if "ORDER_NOT_APPROVED" in issues:
        return "The payment was not approved in PayPal."
    if status_code >= 500:
        return "PayPal is not answering properly; try again in a moment."
    return f"PayPal refused the payment ({data.get('name') or status_code})."


def is_paypal_configured() -> bool:
    return bool(settings.PAYPAL_CLIENT_ID and settings.PAYPAL_CLIENT_SECRET)


def payment_providers() -> dict[str, PaymentProvider]:
    """The providers a buyer may choose now, by method code."""
    providers: dict[str, PaymentProvider] = {}
    if settings.PAYMENTS_TEST_PROVIDER_ENABLED:
        providers[Payment.Method.TEST] = TestProvider()
    if is_paypal_configured():
        providers[Payment.Method.PAYPAL] = PayPalProvider()
    return providers


def payment_provider(method: str, *, switched_off_too: bool = False) -> PaymentProvider:
    """The provider of a payment. Only one switched on (offered) may take money:
    a switched-off one raises PaymentError, unless `switched_off_too` (refunds of
    payments it took while it was on)."""
    offered = payment_providers()
    if method in offered:
        return offered[method]
    if not switched_off_too:
        raise PaymentError("This way of paying is switched off. Choose another one.")
    if method == Payment.Method.TEST:
        return TestProvider()
    if method == Payment.Method.PAYPAL:
        return PayPalProvider()
    raise PaymentError(f"Unknown payment method {method!r}.")
