from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from analytics.models import MarketDay, ProductDay, StoreDay
from analytics.periods import today
from analytics.services import counters_flush
from shop.services.cart import cart_add_item, cart_for

STATE_URL = "/session-state/"


def _view(client, product):
    return client.get(STATE_URL, {"product": product.pk})


def test_views_are_counted_in_the_cache_and_flushed_to_the_rollups(
    product, store, vendor
):
    first, second = Client(), Client()

    with CaptureQueriesContext(connection) as captured:
        response = _view(first, product)
    _view(first, product)
    _view(second, product)

    assert response.status_code == 200
    assert "mp_visitor" in response.cookies
    assert not [q for q in captured if "analytics_" in q["sql"]]
    assert not ProductDay.objects.exists()
    assert counters_flush() == 3 + 2  # three views, two sessions
    row = ProductDay.objects.get(product=product, day=today())
    assert (row.views, row.add_to_carts, row.store_id, row.vendor_id) == (
        3,
        0,
        store.pk,
        vendor.pk,
    )
    assert StoreDay.objects.get(store=store, day=today()).views == 3
    assert MarketDay.objects.get(day=today()).sessions == 2
    assert counters_flush() == 0  # nothing counted twice
    assert ProductDay.objects.get(pk=row.pk).views == 3


def test_add_to_carts_are_counted(buyer, product):
    cart = cart_for(user=buyer, session={})

    cart_add_item(cart=cart, product_id=product.pk, quantity=1)
    cart_add_item(cart=cart, product_id=product.pk, quantity=2)
    counters_flush()

    assert ProductDay.objects.get(product=product).add_to_carts == 2


def test_a_view_of_no_product_counts_nothing(db, client):
    assert client.get(STATE_URL, {"product": "abc"}).status_code == 200
    assert counters_flush() == 0


def test_the_command_rebuilds_damaged_rows(sales):
    call_command("analytics_rollup", "--from", str(today() - timedelta(days=3)))
    first = StoreDay.objects.order_by("store_id").values_list("revenue", "orders")

    StoreDay.objects.update(revenue=0, orders=0)  # damaged rows are rebuilt
    call_command("analytics_rollup", "--from", str(today() - timedelta(days=3)))

    assert list(
        StoreDay.objects.order_by("store_id").values_list("revenue", "orders")
    ) == list(first)
    assert MarketDay.objects.get(day=today()).orders == 2


@pytest.mark.parametrize(
    "args",
    [
        ["--from", "2026-02-30"],
        ["--from", "2026-02-02", "--to", "2026-02-01"],
        ["--from", "2000-01-01", "--to", "2026-01-01"],
    ],
)
def test_the_command_refuses_bad_ranges(db, args):
    with pytest.raises(CommandError):
        call_command("analytics_rollup", *args)
