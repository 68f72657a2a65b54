from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import User
from ledger.models import LedgerEntry, Payout
from ledger.selectors import statement_for, statement_months, vendor_balance

pytestmark = pytest.mark.django_db


def test_the_demo_pays_vendor1_once_and_their_statements_reconcile(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())

    vendor = User.objects.get(username="vendor1")
    payout = Payout.objects.get(vendor=vendor)
    assert (payout.status, payout.reference) == ("paid", "DEMO-SEPA-0001")
    assert vendor_balance(vendor=vendor).paid_out == payout.amount
    assert LedgerEntry.objects.filter(vendor=vendor, kind="sale").exists()
    months = statement_months(vendor=vendor)
    assert all(
        statement_for(vendor=vendor, month=month).is_reconciled for month in months
    )
    assert statement_for(vendor=vendor, month=months[0]).closing == (
        vendor_balance(vendor=vendor).total
    )
