from collections.abc import Iterable
from decimal import Decimal

from django.db.models import QuerySet

from accounts.models import User
from shop.money import money_round
from vendor_accounts.models import VendorAccount, VendorStatusChange


def commission_rate_default() -> Decimal:
    from home.models import SiteSettings

    return SiteSettings.load().default_commission_rate


def commission_rates(*, vendor_ids: Iterable[int]) -> dict[int, Decimal]:
    """Each vendor's commission rate today: their own, else the site's default."""
    vendor_ids = set(vendor_ids)
    own = dict(
        VendorAccount.objects.filter(
            vendor_id__in=vendor_ids, commission_rate__isnull=False
        ).values_list("vendor_id", "commission_rate")
    )
    missing = vendor_ids - own.keys()
    default = commission_rate_default() if missing else Decimal(0)
    return {vendor_id: own.get(vendor_id, default) for vendor_id in vendor_ids}


def commission_of(*, line_total: Decimal, rate: Decimal) -> Decimal:
    """The commission on a line: its total times the rate, rounded once."""
    return money_round(line_total * rate)


def vendor_applications(*, status: str = "", query: str = "") -> QuerySet[User]:
    """Vendor accounts for the admin's listing, with their application; those
    awaiting a decision first."""
    vendors = User.objects.filter(role=User.Role.VENDOR).select_related(
        "vendor_account"
    )
    if status in User.VendorStatus.values:
        vendors = vendors.filter(vendor_status=status)
    query = query.strip()
    if query:
        vendors = vendors.filter(username__icontains=query) | vendors.filter(
            vendor_account__business_name__icontains=query
        )
    return vendors.order_by("-vendor_account__applied_at", "username", "pk")


def vendor_status_history(*, vendor: User) -> QuerySet[VendorStatusChange]:
    return VendorStatusChange.objects.filter(vendor=vendor).select_related("actor")


def vendor_account_of(*, vendor: User) -> VendorAccount | None:
    return VendorAccount.objects.filter(vendor=vendor).first()
