from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ledger.models import LedgerEntry, Payout
from ledger.selectors import vendor_balance
from ledger.services import payout_mark_paid, payout_reject, payout_request
from notifications.models import Notification
from shop.services.orders import order_part_advance

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivered(vendor, two_store_order):
    """`vendor` has 32.40 available."""
    part = two_store_order.parts.get(store__vendor=vendor)
    for status in ("processing", "shipped", "delivered"):
        order_part_advance(part=part, to_status=status, actor=vendor)
    return part


def test_a_vendor_requests_up_to_the_available_balance(vendor, delivered):
    payout = payout_request(vendor=vendor, actor=vendor, amount=Decimal("30.00"))

    assert (payout.status, payout.amount) == ("requested", Decimal("30.00"))
    # Requested, not yet paid: still in the ledger's available balance.
    assert vendor_balance(vendor=vendor).available == Decimal("32.40")


@pytest.mark.parametrize("amount", ["32.41", "0", "-5", "1.001"])
def test_a_request_beyond_the_balance_or_not_money_is_refused(
    vendor, delivered, amount
):
    with pytest.raises(ValidationError):
        payout_request(vendor=vendor, actor=vendor, amount=Decimal(amount))

    assert not Payout.objects.exists()


def test_pending_earnings_cannot_be_paid_out(vendor, two_store_order):
    with pytest.raises(ValidationError, match="up to 0.00"):
        payout_request(vendor=vendor, actor=vendor, amount=Decimal("1.00"))


def test_one_open_request_at_a_time(vendor, delivered):
    payout_request(vendor=vendor, actor=vendor, amount=Decimal("10.00"))

    with pytest.raises(ValidationError, match="open"):
        payout_request(vendor=vendor, actor=vendor, amount=Decimal("10.00"))
    assert Payout.objects.count() == 1


def test_marking_paid_enters_the_ledger_and_tells_the_vendor(
    vendor, admin_user, delivered
):
    payout = payout_request(vendor=vendor, actor=vendor, amount=Decimal("30.00"))

    payout_mark_paid(payout=payout, actor=admin_user, reference="SEPA-123")

    payout.refresh_from_db()
    assert (payout.status, payout.reference) == ("paid", "SEPA-123")
    entry = LedgerEntry.objects.get(kind="payout")
    assert (entry.vendor, entry.amount, entry.payout) == (
        vendor,
        Decimal("-30.00"),
        payout,
    )
    balance = vendor_balance(vendor=vendor)
    assert (balance.available, balance.paid_out) == (Decimal("2.40"), Decimal("30.00"))
    notification = Notification.objects.get(user=vendor, kind="payout_paid")
    assert notification.title == "Payout of 30.00 USD sent" or "30.00" in (
        notification.title
    )
    with pytest.raises(ValidationError, match="paid"):
        payout_mark_paid(payout=payout, actor=admin_user, reference="again")
    assert LedgerEntry.objects.filter(kind="payout").count() == 1


def test_a_rejected_payout_moves_no_money(vendor, admin_user, delivered):
    payout = payout_request(vendor=vendor, actor=vendor, amount=Decimal("30.00"))

    payout_reject(payout=payout, actor=admin_user, reason="Add your IBAN first.")

    assert Payout.objects.get().status == "rejected"
    assert not LedgerEntry.objects.filter(kind="payout").exists()
    assert vendor_balance(vendor=vendor).available == Decimal("32.40")
    # The request is closed: the vendor may ask again.
    payout_request(vendor=vendor, actor=vendor, amount=Decimal("32.40"))


def test_only_admins_decide_and_only_vendors_request(
    vendor, admin_user, buyer, delivered
):
    payout = payout_request(vendor=vendor, actor=vendor, amount=Decimal("5.00"))

    with pytest.raises(PermissionDenied):
        payout_mark_paid(payout=payout, actor=vendor, reference="x")
    with pytest.raises(PermissionDenied):
        payout_request(vendor=vendor, actor=buyer, amount=Decimal("5.00"))
    with pytest.raises(PermissionDenied):
        payout_request(vendor=buyer, actor=buyer, amount=Decimal("5.00"))
    assert Payout.objects.get().status == "requested"
