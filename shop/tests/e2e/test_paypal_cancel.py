"""A buyer who turned back at PayPal confirms the cancellation, in Chromium."""

import pytest

from shop.models import Order, Payment
from shop.tests.factories import order_for

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TOKEN = "5O190127TN364715T"


@pytest.fixture
def pending_paypal_order(buyer, product):
    order = order_for(buyer=buyer, items=[(product, 1)])
    Order.objects.filter(pk=order.pk).update(status="pending_payment")
    Payment.objects.filter(order=order).update(
        method="paypal", status="pending", provider_order_id=TOKEN, capture_id=""
    )
    return order


@pytest.mark.parametrize("choice", ["Cancel the order", "Keep the order"])
def test_turning_back_at_paypal_asks_before_cancelling(
    live_server,
    page_in_browser,
    log_in_with_cookie,
    buyer,
    pending_paypal_order,
    choice,
):
    tab = page_in_browser
    log_in_with_cookie(buyer)

    tab.goto(f"{live_server.url}/checkout/paypal/cancel/?token={TOKEN}")
    asked = Order.objects.get(pk=pending_paypal_order.pk).status
    tab.get_by_role(
        "button" if choice.startswith("Cancel") else "link", name=choice
    ).click()
    tab.wait_for_url(f"{live_server.url}/orders/{pending_paypal_order.number}/")

    assert asked == "pending_payment"
    expected = "cancelled" if choice.startswith("Cancel") else "pending_payment"
    assert Order.objects.get(pk=pending_paypal_order.pk).status == expected
