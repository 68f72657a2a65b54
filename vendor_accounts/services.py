"""Vendor accounts: the application, approval, suspension and the commission rate.

A new vendor starts approved, or awaiting approval when the site setting
`vendor_accounts_need_approval` is on. Only an admin moves a vendor's status:

    pending  → approved | rejected        (the application decided)
    rejected → approved                   (reconsidered)
    approved → suspended → approved       (suspended, reinstated)

Each change is recorded (VendorStatusChange), notifies the vendor, re-derives the
vendor's admin permission rows (vendors.access: only approved vendors publish)
and, when it shows or hides their stores (vendors.selectors), makes the cached
pages and API answers that show them stale.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import VENDOR_HIDDEN_STATUSES, is_marketplace_admin, is_vendor
from notifications import events
from pagecache.generations import stores_changed
from vendor_accounts.models import VendorAccount, VendorStatusChange
from vendors.access import store_access_sync_all

Status = User.VendorStatus
TRANSITIONS = {
    Status.PENDING: {Status.APPROVED, Status.REJECTED},
    Status.REJECTED: {Status.APPROVED},
    Status.APPROVED: {Status.SUSPENDED},
    Status.SUSPENDED: {Status.APPROVED},
}
# A refusal says why, so the vendor knows what to change.
NEEDS_REASON = {Status.REJECTED, Status.SUSPENDED}
APPLICATION_FIELDS = frozenset(
    {
        "business_name",
        "contact_name",
        "contact_phone",
        "website",
        "what_they_sell",
        "payout_details",
    }
)


def vendor_accounts_need_approval() -> bool:
    from home.models import SiteSettings

    return SiteSettings.load().vendor_accounts_need_approval


@transaction.atomic
def vendor_account_open(*, vendor: User) -> VendorAccount:
    """The account of a user who just became a vendor (sign-up, the API, an
    admin's edit): approved, or awaiting approval when the site asks for it.
    Idempotent: an existing account is returned as it is."""
    account, created = VendorAccount.objects.get_or_create(vendor=vendor)
    if created and vendor_accounts_need_approval():
        User.objects.filter(pk=vendor.pk).update(vendor_status=Status.PENDING)
        vendor.vendor_status = Status.PENDING
        change = VendorStatusChange.objects.create(
            vendor=vendor,
            from_status=Status.APPROVED,
            to_status=Status.PENDING,
            reason="An admin reviews your application before you publish.",
        )
        # The role's admin rows were derived before the status changed.
        store_access_sync_all()
        events.emit("vendor_status_changed", change=change)
    return account


@transaction.atomic
def vendor_application_save(*, vendor: User, actor: User, **fields) -> VendorAccount:
    """Save the vendor's application (the vendor, or an admin for them); the
    first complete one is dated `applied_at`."""
    if not is_vendor(vendor):
        raise ValidationError("Only vendors apply.")
    if actor.pk != vendor.pk and not is_marketplace_admin(actor):
        raise PermissionDenied("You may change only your own application.")
    unknown = set(fields) - APPLICATION_FIELDS
    if unknown:
        raise TypeError(f"Cannot update {', '.join(sorted(unknown))}")
    account = vendor_account_open(vendor=vendor)
    account = VendorAccount.objects.select_for_update().get(pk=account.pk)
    for name, value in fields.items():
        setattr(account, name, (value or "").strip())
    if not account.business_name:
        raise ValidationError({"business_name": "Name your business."})
    if account.applied_at is None:
        account.applied_at = timezone.now()
    account.full_clean(exclude=["vendor"])
    account.save()
    return account


@transaction.atomic
def vendor_status_set(
    *, vendor: User, to_status: str, actor: User, reason: str = ""
) -> VendorStatusChange:
    """Move the vendor's account to `to_status` (see the module's rules).

    PermissionDenied unless `actor` is an admin; ValidationError for a move the
    rules do not allow, or a refusal without a reason."""
    if not is_marketplace_admin(actor):
        raise PermissionDenied("Only admins decide on vendor accounts.")
    vendor = User.objects.select_for_update().get(pk=vendor.pk)
    if not is_vendor(vendor):
        raise ValidationError("This account is not a vendor's.")
    from_status = vendor.vendor_status
    if to_status not in TRANSITIONS.get(from_status, set()):
        wanted = Status(to_status).label if to_status in Status.values else to_status
        raise ValidationError(
            f"A vendor account that is {Status(from_status).label.lower()} cannot "
            f"become {wanted.lower()}."
        )
    reason = reason.strip()
    if to_status in NEEDS_REASON and not reason:
        raise ValidationError({"reason": "Tell the vendor why."})
    vendor.vendor_status = to_status
    vendor.save(update_fields=["vendor_status"])
    change = VendorStatusChange.objects.create(
        vendor=vendor,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        actor=actor,
    )
    store_access_sync_all()
    if (from_status in VENDOR_HIDDEN_STATUSES) != (to_status in VENDOR_HIDDEN_STATUSES):
        stores_changed(store_ids=list(vendor.stores.values_list("pk", flat=True)))
    events.emit("vendor_status_changed", change=change)
    return change


def vendor_approve(*, vendor: User, actor: User, reason: str = ""):
    return vendor_status_set(
        vendor=vendor, to_status=Status.APPROVED, actor=actor, reason=reason
    )


def vendor_reject(*, vendor: User, actor: User, reason: str):
    return vendor_status_set(
        vendor=vendor, to_status=Status.REJECTED, actor=actor, reason=reason
    )


def vendor_suspend(*, vendor: User, actor: User, reason: str):
    return vendor_status_set(
        vendor=vendor, to_status=Status.SUSPENDED, actor=actor, reason=reason
    )


@transaction.atomic
def vendor_commission_rate_set(
    *, vendor: User, actor: User, rate: Decimal | None
) -> VendorAccount:
    """The vendor's own commission rate (None: the site's default). Orders
    already placed keep the rate frozen on their lines."""
    if not is_marketplace_admin(actor):
        raise PermissionDenied("Only admins set commission rates.")
    account = vendor_account_open(vendor=vendor)
    account.commission_rate = rate
    account.full_clean(exclude=["vendor"])
    account.save(update_fields=["commission_rate", "updated_at"])
    return account
