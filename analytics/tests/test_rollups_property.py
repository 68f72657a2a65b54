"""Property: whatever orders are paid, cancelled or partly refunded, whenever,
in whatever time zone, the rollups say what the orders say."""

from collections import defaultdict
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.test import override_settings
from freezegun import freeze_time
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.models import MarketDay, ProductDay, ProductMonth, StoreDay
from analytics.periods import day_of
from analytics.services import rollup_rebuild
from shop.models import Order, OrderLine
from shop.models.orders import SOLD_STATUSES
from shop.services.orders import order_cancel, order_part_cancel
from shop.tests.factories import order_for

# Around the night the US clocks go forward (2026-03-08).
START = datetime(2026, 3, 7, 20, 0, tzinfo=UTC)
ZONES = ["UTC", "America/Los_Angeles", "Pacific/Kiritimati", "Asia/Kolkata"]

orders = st.lists(
    st.fixed_dictionaries(
        {
            "hour": st.integers(min_value=0, max_value=72),
            "minute": st.integers(min_value=0, max_value=59),
            "lines": st.lists(
                st.tuples(st.integers(0, 2), st.integers(1, 3)),
                min_size=1,
                max_size=3,
                unique_by=lambda line: line[0],
            ),
            "then": st.sampled_from(["keep", "keep", "cancel", "cancel_part"]),
            "later_hours": st.integers(min_value=0, max_value=40),
        }
    ),
    min_size=1,
    max_size=5,
)


def _expected():
    """The rollups computed the plain way, straight from the order lines."""
    stores = defaultdict(lambda: defaultdict(Decimal))
    products = defaultdict(lambda: defaultdict(Decimal))
    market = defaultdict(lambda: defaultdict(Decimal))
    market_orders = defaultdict(set)
    for line in OrderLine.objects.select_related("order", "part"):
        if line.order.paid_at is None:
            continue
        day = day_of(line.order.paid_at)
        sold = line.part.status in SOLD_STATUSES
        for row in (
            stores[(line.part.store_id, day)],
            products[(line.product_id, day)],
            market[day],
        ):
            row["revenue" if sold else "refunds"] += line.line_total
            row["commission"] += line.commission if sold else 0
            row["units"] += line.quantity if sold else 0
        if sold:
            stores[(line.part.store_id, day)].setdefault("parts", set()).add(
                line.part_id
            )
            products[(line.product_id, day)].setdefault("parts", set()).add(
                line.part_id
            )
            market_orders[day].add(line.order_id)
    return stores, products, market, market_orders


def _actual(model, key):
    return {
        key(row): {
            "revenue": row.revenue,
            "refunds": row.refunds,
            "commission": row.commission,
            "units": row.units,
            "orders": row.orders,
        }
        for row in model.objects.all()
        if row.revenue or row.refunds or row.orders
    }


def _as_rows(expected, orders_of):
    return {
        key: {
            "revenue": values["revenue"],
            "refunds": values["refunds"],
            "commission": values["commission"],
            "units": int(values["units"]),
            "orders": orders_of(key, values),
        }
        for key, values in expected.items()
    }


def _check():
    stores, products, market, market_orders = _expected()
    parts = lambda key, values: len(values.get("parts", ()))  # noqa: E731
    assert _actual(StoreDay, lambda r: (r.store_id, r.day)) == _as_rows(stores, parts)
    assert _actual(ProductDay, lambda r: (r.product_id, r.day)) == _as_rows(
        products, parts
    )
    assert _actual(MarketDay, lambda r: r.day) == _as_rows(
        market, lambda day, values: len(market_orders[day])
    )
    months = defaultdict(lambda: defaultdict(Decimal))
    for row in ProductDay.objects.all():
        for name in ("revenue", "units", "orders", "views"):
            months[(row.product_id, row.day.replace(day=1))][name] += getattr(row, name)
    assert {
        (row.product_id, row.month): {
            name: getattr(row, name) for name in ("revenue", "units", "orders", "views")
        }
        for row in ProductMonth.objects.all()
    } == {key: dict(values) for key, values in months.items()}


@pytest.mark.parametrize("zone", ZONES)
@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=orders)
def test_rollups_equal_what_the_orders_say(
    zone, plan, buyer, catalogue, django_capture_on_commit_callbacks
):
    savepoint = transaction.savepoint()
    try:
        with override_settings(TIME_ZONE=zone):
            placed = []
            for entry in plan:
                moment = START + timedelta(hours=entry["hour"], minutes=entry["minute"])
                with (
                    freeze_time(moment),
                    django_capture_on_commit_callbacks(execute=True),
                ):
                    order = order_for(
                        buyer=buyer,
                        items=[
                            (catalogue[i], quantity) for i, quantity in entry["lines"]
                        ],
                    )
                placed.append((order, entry, moment))
            for order, entry, moment in placed:
                later = moment + timedelta(hours=entry["later_hours"])
                with (
                    freeze_time(later),
                    django_capture_on_commit_callbacks(execute=True),
                ):
                    order = Order.objects.get(pk=order.pk)
                    if entry["then"] == "cancel":
                        order_cancel(order=order, actor=None)
                    elif entry["then"] == "cancel_part" and order.parts.count() > 1:
                        order_part_cancel(part=order.parts.first(), actor=None)

            _check()  # as the tasks left them, event by event
            days = [day_of(moment) for _, _, moment in placed]
            rollup_rebuild(first=min(days), last=max(days))
            _check()  # and as the nightly rebuild makes them
    finally:
        transaction.savepoint_rollback(savepoint)
