from decimal import Decimal

import pytest
from django.urls import reverse

from ledger.models import LedgerEntry, Payout
from shop.services.orders import order_part_advance

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivered(vendor, two_store_order):
    part = two_store_order.parts.get(store__vendor=vendor)
    for status in ("processing", "shipped", "delivered"):
        order_part_advance(part=part, to_status=status, actor=vendor)
    return part


def test_a_vendor_sees_their_earnings_and_requests_a_payout(
    vendor_client, delivered, two_store_order
):
    page = vendor_client.get(reverse("ledger_admin:earnings")).content.decode()
    too_much = vendor_client.post(
        reverse("ledger_admin:earnings"), {"amount": "99.00"}
    ).content.decode()
    response = vendor_client.post(reverse("ledger_admin:earnings"), {"amount": "20"})

    assert "$32.40" in page
    assert two_store_order.number in page
    assert "You can request up to 32.40" in too_much
    assert response.status_code == 302
    assert Payout.objects.get().amount == Decimal("20.00")


def test_an_admin_marks_a_payout_paid_with_its_reference(
    admin_client, vendor, delivered
):
    payout = Payout.objects.create(vendor=vendor, amount="20.00", currency="USD")
    url = reverse("ledger_admin:payout", args=[payout.pk])

    assert (
        "Payout"
        in admin_client.get(reverse("ledger_admin:payout_list")).content.decode()
    )
    missing = admin_client.post(url, {"action": "paid", "reference": ""})
    admin_client.post(url, {"action": "paid", "reference": "SEPA-9"})

    assert missing.status_code == 200
    payout.refresh_from_db()
    assert (payout.status, payout.reference) == ("paid", "SEPA-9")
    assert LedgerEntry.objects.get(kind="payout").amount == Decimal("-20.00")


def test_an_admin_rejects_a_payout_with_a_reason(admin_client, vendor, delivered):
    payout = Payout.objects.create(vendor=vendor, amount="20.00", currency="USD")

    admin_client.post(
        reverse("ledger_admin:payout", args=[payout.pk]),
        {"action": "reject", "reason": "Add your IBAN."},
    )

    payout.refresh_from_db()
    assert (payout.status, payout.reason) == ("rejected", "Add your IBAN.")
    assert not LedgerEntry.objects.filter(kind="payout").exists()


def test_buyers_have_no_earnings_page(buyer_client):
    assert buyer_client.get(reverse("ledger_admin:earnings")).status_code in (
        302,
        403,
        404,
    )
