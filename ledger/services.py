"""The vendors' ledger and payouts: the only writer of LedgerEntry and Payout.

The order services call `ledger_sync_order` after every change of money (paid,
a part or the whole order cancelled or refunded); it makes the entries match the
parts, once each (a unique constraint backs the "once"):

- a part paid earns its vendor a `sale` (its lines' totals plus the part's
  shipping, which the vendor ships) and a `commission` (minus the commission
  frozen on its lines at checkout);
- a part cancelled or refunded after that gets one `refund` of minus what its
  entries had earned, so it nets to exactly zero.

Payouts: a vendor requests up to their available balance, one open request at a
time; an admin marks it paid (a `payout` entry) or rejected. Every payout write
locks the vendor's VendorAccount row first, so two requests, or a request and a
decision, run one after the other.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import is_marketplace_admin, is_vendor, is_vendor_suspended
from ledger.models import LedgerEntry, Payout
from ledger.selectors import vendor_balance
from notifications import events
from shop.models import Order, OrderStatus
from shop.models.orders import SOLD_STATUSES
from shop.money import money_round
from vendor_accounts.models import VendorAccount
from vendor_accounts.services import vendor_account_open

Kind = LedgerEntry.Kind
ENDED = (OrderStatus.CANCELLED, OrderStatus.REFUNDED)


def _part_earnings(part) -> tuple[Decimal, Decimal]:
    """(sale, commission) of a part: its lines' totals plus its shipping, and
    the commission frozen on its lines."""
    lines = list(part.lines.all())
    sale = sum((line.line_total for line in lines), Decimal(0))
    sale += getattr(part, "shipping", None) or Decimal(0)
    commission = sum((line.commission for line in lines), Decimal(0))
    return money_round(sale), money_round(commission)


@transaction.atomic
def ledger_sync_order(*, order: Order) -> list[LedgerEntry]:
    """Record what the order's parts earned or gave back since the last call
    (see the module's docstring); returns the new entries. Idempotent; a fixed
    number of queries however many parts."""
    parts = list(
        order.parts.select_related("store").prefetch_related("lines").order_by("pk")
    )
    recorded: dict[tuple[int, str], LedgerEntry] = {
        (entry.part_id, entry.kind): entry
        for entry in LedgerEntry.objects.filter(part__order=order)
    }
    now = timezone.now()
    new = []
    for part in parts:
        sale = recorded.get((part.pk, Kind.SALE))
        if sale is None and part.status in SOLD_STATUSES and part.store is not None:
            amount, commission = _part_earnings(part)
            common = {
                "vendor_id": part.store.vendor_id,
                "part": part,
                "order_number": order.number,
                "created_at": now,
            }
            sale = LedgerEntry(
                kind=Kind.SALE, amount=amount, memo=f"{part.store_name}", **common
            )
            new.append(sale)
            if commission:
                new.append(
                    LedgerEntry(
                        kind=Kind.COMMISSION,
                        amount=-commission,
                        memo=f"Commission on {part.store_name}",
                        **common,
                    )
                )
        elif (
            sale is not None
            and part.status in ENDED
            and (part.pk, Kind.REFUND) not in recorded
        ):
            earned = sale.amount
            commission = recorded.get((part.pk, Kind.COMMISSION))
            if commission is not None:
                earned += commission.amount
            new.append(
                LedgerEntry(
                    vendor_id=sale.vendor_id,
                    kind=Kind.REFUND,
                    amount=-earned,
                    part=part,
                    order_number=order.number,
                    memo=f"{part.get_status_display()}: {part.store_name}",
                    created_at=now,
                )
            )
    LedgerEntry.objects.bulk_create(new)
    return new


def _vendor_lock(vendor: User) -> None:
    """Lock the vendor's money: one payout write at a time per vendor."""
    vendor_account_open(vendor=vendor)
    VendorAccount.objects.select_for_update().get(pk=vendor.pk)


def payout_request(*, vendor: User, actor: User, amount: Decimal) -> Payout:
    """A payout of `amount` to the vendor, up to their available balance, while
    no other request of theirs is open. ValidationError otherwise."""
    if actor.pk != vendor.pk or not is_vendor(vendor):
        raise PermissionDenied("Vendors request their own payouts.")
    if is_vendor_suspended(vendor):
        raise PermissionDenied("A suspended vendor account requests no payouts.")
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise ValidationError({"amount": "Enter an amount of money."})
    if amount <= 0 or amount != money_round(amount):
        raise ValidationError(
            {"amount": "Enter an amount above zero, with at most two decimals."}
        )
    with transaction.atomic():
        _vendor_lock(vendor)
        if Payout.objects.filter(
            vendor=vendor, status=Payout.Status.REQUESTED
        ).exists():
            raise ValidationError(
                {"amount": "You have a payout request open: wait until it is paid."}
            )
        available = vendor_balance(vendor=vendor).available
        if amount > available:
            raise ValidationError(
                {"amount": f"You can request up to {available} {settings.CURRENCY}."}
            )
        payout = Payout(vendor=vendor, amount=amount, currency=settings.CURRENCY)
        payout.full_clean(exclude=["vendor"])
        payout.save()
    return payout


def _payout_decidable(*, payout: Payout, actor: User) -> Payout:
    if not is_marketplace_admin(actor):
        raise PermissionDenied("Only admins decide on payouts.")
    _vendor_lock(payout.vendor)
    payout = Payout.objects.select_for_update().get(pk=payout.pk)
    if payout.status != Payout.Status.REQUESTED:
        raise ValidationError(f"This payout is {payout.get_status_display().lower()}.")
    return payout


@transaction.atomic
def payout_mark_paid(*, payout: Payout, actor: User, reference: str) -> Payout:
    """The admin has sent the money: the payout is paid and enters the ledger.
    ValidationError without a reference, or when the vendor's available balance
    has fallen below the amount since the request (a refund)."""
    reference = (reference or "").strip()
    if not reference:
        raise ValidationError({"reference": "Enter the transfer's reference."})
    payout = _payout_decidable(payout=payout, actor=actor)
    available = vendor_balance(vendor=payout.vendor).available
    if payout.amount > available:
        raise ValidationError(
            f"The vendor's available balance is {available} now, less than this "
            "payout: reject it so they can request again."
        )
    payout.status = Payout.Status.PAID
    payout.reference = reference[:100]
    payout.decided_at = timezone.now()
    payout.decided_by = actor
    payout.save()
    LedgerEntry.objects.create(
        vendor=payout.vendor,
        kind=Kind.PAYOUT,
        amount=-payout.amount,
        payout=payout,
        memo=f"Payout #{payout.pk} ({payout.reference})"[:255],
    )
    events.emit("payout_paid", payout=payout)
    return payout


@transaction.atomic
def payout_reject(*, payout: Payout, actor: User, reason: str) -> Payout:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Tell the vendor why."})
    payout = _payout_decidable(payout=payout, actor=actor)
    payout.status = Payout.Status.REJECTED
    payout.reason = reason
    payout.decided_at = timezone.now()
    payout.decided_by = actor
    payout.save()
    return payout
