"""What a vendor has earned and been paid, always summed from the entries.

Earnings are pending while their part is paid, processing or shipped and
available once it is delivered; payouts take from what is available; a part
cancelled or refunded nets to zero. Each answer is one or a few aggregate
queries, however long the history.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from accounts.models import User
from ledger.models import LedgerEntry, Payout
from shop.models import OrderStatus

ZERO = Decimal("0.00")
PENDING_STATUSES = (OrderStatus.PAID, OrderStatus.PROCESSING, OrderStatus.SHIPPED)


@dataclass(frozen=True)
class Balance:
    currency: str
    commission_rate: Decimal
    pending: Decimal
    available: Decimal
    paid_out: Decimal

    @property
    def total(self) -> Decimal:
        return self.pending + self.available


def _sum(value) -> Decimal:
    return (value or ZERO).quantize(ZERO)


def vendor_balance(*, vendor: User) -> Balance:
    """The vendor's pending, available and paid-out money: one query for the
    sums, and one or two for the commission rate."""
    from vendor_accounts.selectors import commission_rates

    sums = LedgerEntry.objects.filter(vendor=vendor).aggregate(
        pending=Sum("amount", filter=Q(part__status__in=PENDING_STATUSES)),
        available=Sum(
            "amount",
            filter=Q(part__isnull=True) | Q(part__status=OrderStatus.DELIVERED),
        ),
        paid_out=Sum("amount", filter=Q(kind=LedgerEntry.Kind.PAYOUT)),
    )
    return Balance(
        currency=settings.CURRENCY,
        commission_rate=commission_rates(vendor_ids=[vendor.pk])[vendor.pk],
        pending=_sum(sums["pending"]),
        available=_sum(sums["available"]),
        paid_out=-_sum(sums["paid_out"]),
    )


def ledger_entries_for(*, user: User) -> QuerySet[LedgerEntry]:
    """The user's own entries, newest first (none for anyone but a vendor)."""
    return LedgerEntry.objects.filter(vendor=user).order_by("-created_at", "-pk")


def payouts_for(*, user: User) -> QuerySet[Payout]:
    return Payout.objects.filter(vendor=user).order_by("-created_at", "-pk")


def payouts_for_admin(*, status: str = "") -> QuerySet[Payout]:
    payouts = Payout.objects.select_related("vendor", "vendor__vendor_account")
    if status in Payout.Status.values:
        payouts = payouts.filter(status=status)
    return payouts.order_by("-created_at", "-pk")


def payout_open_of(*, vendor: User) -> Payout | None:
    return Payout.objects.filter(vendor=vendor, status=Payout.Status.REQUESTED).first()


@dataclass(frozen=True)
class Statement:
    vendor: User
    month: date
    opening: Decimal
    entries: list[LedgerEntry]
    totals: dict[str, Decimal]
    closing: Decimal

    @property
    def is_reconciled(self) -> bool:
        return self.opening + sum(self.totals.values(), ZERO) == self.closing


def _month_start(month: date) -> datetime:
    zone = timezone.get_current_timezone()
    return datetime(month.year, month.month, 1, tzinfo=zone)


def statement_for(*, vendor: User, month: date) -> Statement:
    """The vendor's statement of one month (in the site's time zone): the
    balance before it, every entry in it, the totals per kind and the balance
    after. Three queries."""
    start = _month_start(month)
    days = calendar.monthrange(month.year, month.month)[1]
    end = _month_start(date.fromordinal(month.replace(day=1).toordinal() + days))
    entries_of_vendor = LedgerEntry.objects.filter(vendor=vendor)
    opening = _sum(
        entries_of_vendor.filter(created_at__lt=start).aggregate(s=Sum("amount"))["s"]
    )
    entries = list(
        entries_of_vendor.filter(created_at__gte=start, created_at__lt=end).order_by(
            "created_at", "pk"
        )
    )
    totals = dict.fromkeys(LedgerEntry.Kind.values, ZERO)
    for entry in entries:
        totals[entry.kind] += entry.amount
    closing = _sum(
        entries_of_vendor.filter(created_at__lt=end).aggregate(s=Sum("amount"))["s"]
    )
    return Statement(
        vendor=vendor,
        month=month.replace(day=1),
        opening=opening,
        entries=entries,
        totals=totals,
        closing=closing,
    )


def statement_months(*, vendor: User) -> list[date]:
    """The months with a statement: from the first entry's to this one, newest
    first."""
    first = (
        LedgerEntry.objects.filter(vendor=vendor)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    today = timezone.localdate()
    if first is None:
        return [today.replace(day=1)]
    first = timezone.localtime(first).date()
    months = []
    year, month = today.year, today.month
    while (year, month) >= (first.year, first.month):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months
