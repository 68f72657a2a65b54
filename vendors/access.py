"""What a vendor may do in the Wagtail admin, granted by code.

Each vendor gets a private group and an image collection (a `VendorWorkspace`). The
group holds page permissions on the vendor's own store pages only (so products are
added, edited and published under them and nowhere else) and image permissions on
the vendor's collection. Wagtail's permission engine then refuses writes anywhere
else; `vendors.admin_scope` and the admin hooks hide what it would still show.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from accounts.models import User
from accounts.services import vendor_group_ensure
from vendors.models import StorePage, VendorWorkspace

IMAGE_PERMISSIONS = ["add_image", "change_image", "choose_image", "delete_image"]
STORE_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
PUBLISH_PERMISSION = "publish_page"


def _permissions(app_label: str, codenames: list[str]) -> list[Permission]:
    return list(
        Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    )


@transaction.atomic
def vendor_workspace_ensure(*, vendor: User) -> VendorWorkspace:
    """The vendor's group and image collection, created on first use."""
    workspace = VendorWorkspace.objects.filter(vendor=vendor).first()
    if workspace is not None:
        return workspace
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


def _store_page_permission_codenames() -> list[str]:
    if is_vendor_approval_required():
        return STORE_PAGE_PERMISSIONS
    return [*STORE_PAGE_PERMISSIONS, PUBLISH_PERMISSION]


@transaction.atomic
def store_access_grant(*, store: StorePage) -> None:
    """Let the store's vendor manage that store and its products, nothing more."""
    workspace = vendor_workspace_ensure(vendor=store.vendor)
    # A store handed to another vendor leaves its former vendor's hands.
    GroupPagePermission.objects.filter(
        page=store, group__in=VendorWorkspace.objects.values("group")
    ).exclude(group=workspace.group).delete()
    for permission in _permissions("wagtailcore", _store_page_permission_codenames()):
        GroupPagePermission.objects.get_or_create(
            group=workspace.group, page=store, permission=permission
        )


@transaction.atomic
def vendor_publishing_set(*, allowed: bool) -> int:
    """Give vendors the publish permission on their stores, or take it away so
    their edits go through the approval workflow. Returns the stores changed."""
    publish = Permission.objects.get(
        content_type__app_label="wagtailcore", codename=PUBLISH_PERMISSION
    )
    workspace_groups = VendorWorkspace.objects.values("group")
    if not allowed:
        deleted, _ = GroupPagePermission.objects.filter(
            group__in=workspace_groups, permission=publish
        ).delete()
        return deleted
    changed = 0
    for store in StorePage.objects.select_related("vendor__workspace"):
        workspace = getattr(store.vendor, "workspace", None)
        if workspace is None:
            continue
        _, created = GroupPagePermission.objects.get_or_create(
            group=workspace.group, page=store, permission=publish
        )
        changed += created
    return changed
