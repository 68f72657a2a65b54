"""Concurrent payout requests cannot overdraw: each locks the vendor's account
row, so the second sees the first's open request (MariaDB: SQLite ignores row
locks)."""

import threading
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from accounts.models import User
from accounts.tests.factories import UserFactory
from ledger.models import LedgerEntry, Payout
from ledger.selectors import vendor_balance
from ledger.services import payout_mark_paid, payout_request
from shop.services.orders import order_part_advance
from shop.tests.factories import order_for
from vendors.tests.factories import ProductPageFactory, StorePageFactory

REQUESTS = 8

pytestmark = [
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.mysql",
        reason="SQLite ignores row locks; concurrent payouts are tested on MariaDB",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _race(target, args_list) -> tuple[list, list[BaseException]]:
    start = threading.Barrier(len(args_list))
    results, errors = [], []

    def run(*args):
        try:
            start.wait()
            results.append(target(*args))
        except ValidationError as error:
            results.append(error)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=args) for args in args_list]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def test_concurrent_requests_and_payments_never_overdraw(home_page, vendor, admin_user):
    product = ProductPageFactory(
        store=StorePageFactory(vendor=vendor), price=Decimal("100.00")
    )
    order = order_for(buyer=UserFactory(), items=[(product, 1)])
    part = order.parts.get()
    for status in ("processing", "shipped", "delivered"):
        order_part_advance(part=part, to_status=status, actor=vendor)
    assert vendor_balance(vendor=vendor).available == Decimal("90.00")

    def request(amount):
        fresh = User.objects.get(pk=vendor.pk)
        return payout_request(vendor=fresh, actor=fresh, amount=amount)

    results, errors = _race(request, [(Decimal("90.00"),)] * REQUESTS)

    assert errors == []
    made = [r for r in results if isinstance(r, Payout)]
    assert len(made) == 1
    assert len(results) == REQUESTS
    assert Payout.objects.count() == 1

    payout = made[0]

    def pay(reference):
        return payout_mark_paid(
            payout=payout, actor=User.objects.get(pk=admin_user.pk), reference=reference
        )

    results, errors = _race(pay, [(f"REF-{n}",) for n in range(4)])

    assert errors == []
    assert LedgerEntry.objects.filter(kind="payout").count() == 1
    balance = vendor_balance(vendor=vendor)
    assert (balance.available, balance.paid_out) == (Decimal("0.00"), Decimal("90.00"))
