import json
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from freezegun import freeze_time

from shop.exceptions import PaymentError
from shop.models import Payment
from shop.services.payments import (
    payment_abandon,
    payment_capture,
    payment_for_provider_order,
    payment_start,
)
from shop.tests.conftest import (
    APPROVE_URL,
    PAYPAL,
    PAYPAL_CAPTURE_ID,
    PAYPAL_ORDER_ID,
    paypal_accepts_order,
    paypal_captures,
    paypal_declines,
    stock_of,
)
from shop.tests.factories import order_for

CAPTURE_URL = f"{PAYPAL}/v2/checkout/orders/{PAYPAL_ORDER_ID}/capture"


@pytest.fixture
def paypal_order(buyer, mug, beans, paypal_api):
    paypal_accepts_order(paypal_api)
    return order_for(buyer=buyer, items=[(mug, 2), (beans, 1)], payment_method="paypal")


def _calls(mock, url):
    return [call for call in mock.calls if call.request.url == url]


def test_paypal_checkout_creates_a_paypal_order_and_waits_for_approval(
    paypal_order, paypal_api, mug, beans
):
    payment = paypal_order.payment

    assert paypal_order.status == "pending_payment"
    assert payment.status == "pending"
    assert payment.provider_order_id == PAYPAL_ORDER_ID
    assert payment.approve_url == APPROVE_URL
    assert (stock_of(mug), stock_of(beans)) == (3, 2)
    token_call, create_call = paypal_api.calls
    assert token_call.request.body == "grant_type=client_credentials"
    assert token_call.request.headers["Authorization"].startswith("Basic ")
    assert create_call.request.headers["Authorization"] == "Bearer A21AA-token"
    assert create_call.request.headers["PayPal-Request-Id"]
    body = json.loads(create_call.request.body)
    assert body["intent"] == "CAPTURE"
    assert body["purchase_units"][0]["amount"] == {
        "currency_code": "USD",
        "value": "34.50",
    }
    assert body["purchase_units"][0]["reference_id"] == paypal_order.number
    assert body["application_context"]["return_url"] == (
        "http://testserver/checkout/paypal/return/"
    )


def test_paypal_capture_pays_the_order(
    paypal_order, paypal_api, django_capture_on_commit_callbacks
):
    paypal_captures(paypal_api, value="34.50")

    with django_capture_on_commit_callbacks(execute=True):
        payment = payment_capture(payment=paypal_order.payment)

    paypal_order.refresh_from_db()
    assert payment.status == "captured"
    assert payment.capture_id == PAYPAL_CAPTURE_ID
    assert paypal_order.status == "paid"
    assert paypal_order.paid_at is not None
    assert {part.status for part in paypal_order.parts.all()} == {"paid"}
    capture_call = _calls(paypal_api, CAPTURE_URL)[0]
    assert capture_call.request.headers["PayPal-Request-Id"] == (
        f"capture-{payment.pk}-{PAYPAL_ORDER_ID}"
    )
    assert mail.outbox[0].subject.endswith(f"Order {paypal_order.number} confirmed")


def test_paypal_capture_happens_once_however_often_asked(
    paypal_order, paypal_api, django_capture_on_commit_callbacks
):
    paypal_captures(paypal_api, value="34.50")

    with django_capture_on_commit_callbacks(execute=True):
        payment_capture(payment=paypal_order.payment)
        again = payment_capture(payment=paypal_order.payment)

    assert again.status == "captured"
    assert len(_calls(paypal_api, CAPTURE_URL)) == 1
    assert paypal_order.events.filter(to_status="paid").count() == 1
    assert len([m for m in mail.outbox if m.to == [paypal_order.buyer.email]]) == 1


def test_paypal_decline_leaves_the_order_unpaid(paypal_order, paypal_api, mug):
    paypal_declines(paypal_api)

    with pytest.raises(PaymentError) as error:
        payment_capture(payment=paypal_order.payment)

    paypal_order.refresh_from_db()
    payment = Payment.objects.get(order=paypal_order)
    assert "declined" in str(error.value)
    assert payment.status == "failed"
    assert "declined" in payment.last_error
    assert paypal_order.status == "pending_payment"
    assert stock_of(mug) == 3
    assert mail.outbox == []


def test_paying_again_after_a_decline_starts_a_new_paypal_order(
    paypal_order, paypal_api
):
    paypal_declines(paypal_api)
    with pytest.raises(PaymentError):
        payment_capture(payment=paypal_order.payment)
    paypal_api.reset()
    paypal_api.post(
        f"{PAYPAL}/v1/oauth2/token", json={"access_token": "t", "expires_in": 100}
    )
    paypal_accepts_order(paypal_api, order_id="NEWORDER1")
    paypal_captures(paypal_api, value="34.50", order_id="NEWORDER1")

    payment = payment_start(
        payment=Payment.objects.get(order=paypal_order),
        return_url="http://testserver/r/",
        cancel_url="http://testserver/c/",
    )
    payment = payment_capture(payment=payment)

    assert payment.provider_order_id == "NEWORDER1"
    assert payment.status == "captured"


def test_paypal_capture_of_a_different_amount_is_refused(paypal_order, paypal_api):
    paypal_captures(paypal_api, value="0.01")

    with pytest.raises(PaymentError):
        payment_capture(payment=paypal_order.payment)

    paypal_order.refresh_from_db()
    assert paypal_order.status == "pending_payment"


def test_paypal_out_of_reach_leaves_the_order_placed_and_unpaid(buyer, mug, paypal_api):
    # Nothing registered for order creation: requests fails as on a network error.
    order = order_for(buyer=buyer, items=[(mug, 1)], payment_method="paypal")

    assert order.status == "pending_payment"
    assert order.payment.status == "failed"
    assert "could not be reached" in order.payment.last_error


def test_cancelling_at_paypal_cancels_the_order_and_returns_stock(
    paypal_order, buyer, mug, beans
):
    order = payment_abandon(payment=paypal_order.payment, actor=buyer)

    assert order.status == "cancelled"
    assert Payment.objects.get(order=order).status == "cancelled"
    assert (stock_of(mug), stock_of(beans)) == (5, 3)


def test_capture_after_cancel_is_refused_without_calling_paypal(
    paypal_order, paypal_api, buyer
):
    payment_abandon(payment=paypal_order.payment, actor=buyer)

    with pytest.raises(ValidationError):
        payment_capture(payment=paypal_order.payment)

    assert _calls(paypal_api, CAPTURE_URL) == []


def test_payment_for_provider_order_finds_only_the_buyers_own(paypal_order, vendor):
    found = payment_for_provider_order(
        buyer=paypal_order.buyer, method="paypal", provider_order_id=PAYPAL_ORDER_ID
    )
    other = payment_for_provider_order(
        buyer=vendor, method="paypal", provider_order_id=PAYPAL_ORDER_ID
    )

    assert found == paypal_order.payment
    assert other is None


def test_test_provider_pays_at_once(buyer, mug):
    order = order_for(buyer=buyer, items=[(mug, 1)])

    assert order.status == "paid"
    assert order.payment.method == "test"
    assert order.payment.amount == Decimal("10.00")


@pytest.mark.parametrize("expires_in", [None, "soon", 30])
def test_a_paypal_token_without_a_usable_lifetime_is_not_kept_for_ever(
    buyer, mug, paypal_api, expires_in
):
    paypal_api.replace(
        "POST",
        f"{PAYPAL}/v1/oauth2/token",
        json={"access_token": "A21AA-token", "expires_in": expires_in},
    )
    paypal_accepts_order(paypal_api)

    with freeze_time("2026-11-29 12:00:00") as clock:
        order_for(buyer=buyer, items=[(mug, 1)], payment_method="paypal")
        clock.tick(600)
        order_for(buyer=buyer, items=[(mug, 1)], payment_method="paypal")

    token_calls = [call for call in paypal_api.calls if "oauth2" in call.request.url]
    assert len(token_calls) == 2
