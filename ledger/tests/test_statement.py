"""A month of generated activity: the statement reconciles, opening balance +
entries = closing balance, in HTML and CSV."""

import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from accounts.tests.factories import UserFactory
from ledger.models import LedgerEntry
from ledger.selectors import statement_for, statement_months
from ledger.services import payout_mark_paid, payout_request
from shop.services.orders import order_cancel, order_part_advance
from shop.tests.factories import order_for
from vendors.tests.factories import ProductPageFactory, StorePageFactory

pytestmark = pytest.mark.django_db


def _at(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def march(vendor, admin_user, store_index, commission_10):
    """February: one delivered sale. March: 12 orders, some delivered, some
    refunded, and a payout."""
    product = ProductPageFactory(
        store=StorePageFactory(vendor=vendor),
        price=Decimal("19.99"),
        stock_quantity=1000,
    )
    buyer = UserFactory()
    with freeze_time(_at(1) - timedelta(days=10)):
        first = order_for(buyer=buyer, items=[(product, 2)])
        part = first.parts.get()
        for status in ("processing", "shipped", "delivered"):
            order_part_advance(part=part, to_status=status, actor=vendor)
    # Twelve orders: quantities 1-4; every fourth refunded, half delivered.
    for n, day in enumerate(range(2, 26, 2)):
        with freeze_time(_at(day)):
            order = order_for(buyer=buyer, items=[(product, n % 4 + 1)])
            if n % 4 == 3:
                order_cancel(order=order, actor=buyer)
            elif n % 2 == 0:
                part = order.parts.get()
                for status in ("processing", "shipped", "delivered"):
                    order_part_advance(part=part, to_status=status, actor=vendor)
    with freeze_time(_at(27)):
        payout = payout_request(vendor=vendor, actor=vendor, amount=Decimal("50.00"))
        payout_mark_paid(payout=payout, actor=admin_user, reference="MAR-1")
    with freeze_time(_at(1) + timedelta(days=31)):
        order_for(buyer=buyer, items=[(product, 1)])


def test_a_month_of_activity_reconciles(vendor, march):
    statement = statement_for(vendor=vendor, month=date(2026, 3, 1))

    assert statement.opening == Decimal("35.98")  # 39.98 less 10% commission
    assert len(statement.entries) > 12
    assert statement.opening + sum(e.amount for e in statement.entries) == (
        statement.closing
    )
    assert statement.is_reconciled
    assert statement.totals["payout"] == Decimal("-50.00")
    assert statement.totals["refund"] < 0
    april = statement_for(vendor=vendor, month=date(2026, 4, 1))
    assert april.opening == statement.closing
    everything = sum(
        LedgerEntry.objects.filter(vendor=vendor).values_list("amount", flat=True),
        Decimal(0),
    )
    assert april.closing == everything


def test_the_statement_is_three_queries_however_long(
    vendor, march, django_assert_num_queries
):
    with django_assert_num_queries(3):
        statement_for(vendor=vendor, month=date(2026, 3, 1))


def test_the_html_and_csv_statements_show_the_same_balances(client, vendor, march):
    client.force_login(vendor)
    statement = statement_for(vendor=vendor, month=date(2026, 3, 1))

    html = client.get(reverse("ledger_admin:statement", args=[2026, 3]))
    response = client.get(reverse("ledger_admin:statement_csv", args=[2026, 3]))

    assert html.status_code == 200
    assert f"${statement.closing:,}" in html.content.decode()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][1:] == ["opening balance", "", "", "", str(statement.opening)]
    assert rows[-1][1:] == ["closing balance", "", "", "", str(statement.closing)]
    assert rows[-2][5] == str(statement.closing)
    assert len(rows) == len(statement.entries) + 3


def test_statement_months_run_from_the_first_entry(vendor, march):
    with freeze_time(_at(15) + timedelta(days=60)):
        months = statement_months(vendor=vendor)

    assert months == [
        date(2026, 5, 1),
        date(2026, 4, 1),
        date(2026, 3, 1),
        date(2026, 2, 1),
    ]


def test_other_users_get_no_statement(client, buyer, march):
    client.force_login(buyer)

    response = client.get(reverse("ledger_admin:statement", args=[2026, 3]))

    assert response.status_code in (302, 403, 404)
