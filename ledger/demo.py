"""A little money history for the demo: the demo orders' ledger entries dated
when those orders were paid, and a paid payout for vendor1."""

from decimal import Decimal

from django.db import transaction
from django.db.models import OuterRef, Subquery

from accounts.models import User
from ledger.models import LedgerEntry, Payout
from ledger.selectors import vendor_balance
from ledger.services import payout_mark_paid, payout_request
from shop.models import OrderPart

DEMO_VENDOR = "vendor1"
DEMO_ADMIN = "admin"


@transaction.atomic
def seed_payouts() -> int:
    """Date the demo orders' entries as their orders (seed_orders backdates the
    orders after the services wrote the entries), then pay vendor1 half of what
    is available. Returns the payouts made: none on a second run."""
    vendor = User.objects.filter(username=DEMO_VENDOR, role=User.Role.VENDOR).first()
    admin = User.objects.filter(username=DEMO_ADMIN, is_superuser=True).first()
    if vendor is None or admin is None or Payout.objects.filter(vendor=vendor).exists():
        return 0
    # Demo data only: entries are written once by the services and never
    # changed afterwards; here they follow the orders' made-up dates before
    # anyone has seen them.
    paid_at = OrderPart.objects.filter(pk=OuterRef("part_id")).values("order__paid_at")
    LedgerEntry.objects.filter(
        part__isnull=False, part__order__paid_at__isnull=False
    ).update(created_at=Subquery(paid_at[:1]))
    amount = (vendor_balance(vendor=vendor).available / 2).quantize(Decimal("0.01"))
    if amount <= 0:
        return 0
    payout = payout_request(vendor=vendor, actor=vendor, amount=amount)
    payout_mark_paid(payout=payout, actor=admin, reference="DEMO-SEPA-0001")
    return 1
