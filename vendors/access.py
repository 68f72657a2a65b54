"""What a vendor may do in the Wagtail admin, derived from what they own.

Ownership is the one source of truth: `StorePage.vendor` says whose a store is,
and a product is its store's. Wagtail's permission engine reads group permission
rows instead, so each vendor gets a private group and image collection (a
`VendorWorkspace`), and `store_access_sync` derives the group's rows on a store
from the store's vendor and the moderation setting. The rows are re-derived
whenever either changes (`vendors.signals`: a store saved, created, copied or
handed over; the site settings saved), and `access_rows_expected()` ==
`access_rows_actual()` is tested. `vendors.admin_routes` decides what the admin
shows a vendor from ownership directly.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from accounts.models import User
from accounts.roles import VENDOR_APPROVED, is_marketplace_admin
from accounts.services import vendor_group_ensure
from vendors.models import StorePage, VendorWorkspace

IMAGE_PERMISSIONS = ["add_image", "change_image", "choose_image", "delete_image"]
STORE_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
PUBLISH_PERMISSION = "publish_page"

# (group id, page id, permission codename)
AccessRow = tuple[int, int, str]


def _permissions(app_label: str, codenames: list[str]) -> list[Permission]:
    return list(
        Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    )


def vendor_workspace_ensure(*, vendor: User) -> VendorWorkspace:
    """The vendor's group and image collection; one read when they exist."""
    workspace = VendorWorkspace.objects.filter(vendor=vendor).first()
    if workspace is not None:
        return workspace
    return _vendor_workspace_create(vendor=vendor)


@transaction.atomic
def _vendor_workspace_create(*, vendor: User) -> VendorWorkspace:
    group = Group.objects.create(name=f"Vendor #{vendor.pk} ({vendor.username})")
    collection = Collection.get_first_root_node().add_child(
        name=f"{vendor.username} (vendor #{vendor.pk})"
    )
    for permission in _permissions("wagtailimages", IMAGE_PERMISSIONS):
        GroupCollectionPermission.objects.create(
            group=group, collection=collection, permission=permission
        )
    vendor.groups.add(group, vendor_group_ensure())
    return VendorWorkspace.objects.create(
        vendor=vendor, group=group, collection=collection
    )


def is_vendor_approval_required() -> bool:
    from home.models import SiteSettings

    return SiteSettings.load().require_vendor_approval


def publishes_directly(actor: User) -> bool:
    """The one rule for whether an edit goes live or waits for moderation:
    admins publish; approved vendors publish unless the site asks for approval
    of page edits. The services (API, open-store screen) ask it per edit; the
    admin's page editor asks Wagtail, whose publish rows `store_access_sync`
    derives from it."""
    return is_marketplace_admin(actor) or _vendor_publishes(actor.vendor_status)


def _vendor_publishes(vendor_status: str) -> bool:
    # A vendor account awaiting approval, rejected or suspended publishes nothing
    # (vendor_accounts); moderation of page edits holds back everyone's.
    return vendor_status == VENDOR_APPROVED and not is_vendor_approval_required()


def store_page_permission_codenames(*, vendor_publishes: bool) -> list[str]:
    if vendor_publishes:
        return [*STORE_PAGE_PERMISSIONS, PUBLISH_PERMISSION]
    return STORE_PAGE_PERMISSIONS


def _vendor_codenames(vendor_status: str) -> list[str]:
    # Rows are for vendors, never admins: publishes_directly of a vendor.
    return store_page_permission_codenames(
        vendor_publishes=_vendor_publishes(vendor_status)
    )


@transaction.atomic
def store_access_sync(*, store: StorePage) -> None:
    """Make the vendor groups' rows on the store what its vendor and the
    moderation setting say: the vendor's group holds exactly the store
    permissions, every other vendor's group none. Idempotent."""
    workspace = vendor_workspace_ensure(vendor=store.vendor)
    wanted = _permissions("wagtailcore", _vendor_codenames(store.vendor.vendor_status))
    # A store handed to another vendor leaves its former vendor's hands.
    GroupPagePermission.objects.filter(
        page=store, group__in=VendorWorkspace.objects.values("group")
    ).exclude(group=workspace.group, permission__in=wanted).delete()
    held = set(
        GroupPagePermission.objects.filter(
            page=store, group=workspace.group
        ).values_list("permission_id", flat=True)
    )
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(group=workspace.group, page=store, permission=permission)
        for permission in wanted
        if permission.pk not in held
    )


@transaction.atomic
def store_access_sync_all() -> int:
    """Re-derive every vendor group's page rows at once (after the moderation
    setting changed), in a bounded number of queries; returns rows changed."""
    for vendor in User.objects.filter(stores__isnull=False, workspace__isnull=True):
        vendor_workspace_ensure(vendor=vendor)
    expected = access_rows_expected()
    actual = {
        (group_id, page_id, codename): pk
        for pk, group_id, page_id, codename in GroupPagePermission.objects.filter(
            group__in=VendorWorkspace.objects.values("group")
        ).values_list("pk", "group_id", "page_id", "permission__codename")
    }
    stale = [pk for row, pk in actual.items() if row not in expected]
    GroupPagePermission.objects.filter(pk__in=stale).delete()
    permissions = {
        permission.codename: permission
        for permission in _permissions(
            "wagtailcore", store_page_permission_codenames(vendor_publishes=True)
        )
    }
    missing = [
        GroupPagePermission(
            group_id=group_id, page_id=page_id, permission=permissions[codename]
        )
        for group_id, page_id, codename in expected - actual.keys()
    ]
    GroupPagePermission.objects.bulk_create(missing)
    return len(stale) + len(missing)


def access_rows_expected() -> set[AccessRow]:
    """The vendor groups' page permission rows that ownership calls for."""
    groups = {
        vendor_id: (group_id, _vendor_codenames(vendor_status))
        for vendor_id, group_id, vendor_status in VendorWorkspace.objects.values_list(
            "vendor_id", "group_id", "vendor__vendor_status"
        )
    }
    return {
        (groups[vendor_id][0], store_id, codename)
        for store_id, vendor_id in StorePage.objects.values_list("pk", "vendor_id")
        if vendor_id in groups
        for codename in groups[vendor_id][1]
    }


def access_rows_actual() -> set[AccessRow]:
    """The vendor groups' page permission rows in the database."""
    return set(
        GroupPagePermission.objects.filter(
            group__in=VendorWorkspace.objects.values("group")
        ).values_list("group_id", "page_id", "permission__codename")
    )
