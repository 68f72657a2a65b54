from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from shop.models import Order
from shop.tests.conftest import paypal_accepts_order, stock_of
from shop.tests.factories import order_for


def test_the_command_cancels_stale_unpaid_orders(buyer, mug, paypal_api):
    paypal_accepts_order(paypal_api)
    order = order_for(buyer=buyer, items=[(mug, 2)], payment_method="paypal")
    Order.objects.filter(pk=order.pk).update(
        created_at=timezone.now() - timedelta(hours=2)
    )
    out = StringIO()

    call_command("orders_expire_unpaid", stdout=out)

    order.refresh_from_db()
    assert out.getvalue() == "1 unpaid order older than 30 minutes cancelled.\n"
    assert order.status == "cancelled"
    assert stock_of(mug) == 5
