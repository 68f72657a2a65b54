from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)

from accounts.models import User
from accounts.roles import MARKETPLACE_ADMIN_GROUP

VENDOR_GROUP_NAME = "Vendors"


def vendor_group_ensure() -> Group:
    """The group that lets vendors into the Wagtail admin; created on first use."""
    group, created = Group.objects.get_or_create(name=VENDOR_GROUP_NAME)
    if created:
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label="wagtailadmin", codename="access_admin"
            )
        )
    return group


@transaction.atomic
def user_set_role(*, user: User, role: str) -> User:
    """Give the user a role and the admin access that goes with it."""
    if role not in User.Role.values:
        raise ValueError(f"Unknown role {role!r}")
    if user.role != role:
        user.role = role
        user.save(update_fields=["role"])
    user_sync_role_groups(user=user)
    return user


def user_sync_role_groups(*, user: User) -> None:
    group = vendor_group_ensure()
    if user.is_vendor:
        user.groups.add(group)
    else:
        user.groups.remove(group)


USERNAME_TAKEN = "A user with that username already exists."
EMAIL_TAKEN = "A user with that email address already exists."


def username_available_check(username: str) -> None:
    """ValidationError when the name is taken in any case: "Maria" and "maria"
    are one account, as on the site's sign-up (allauth)."""
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": USERNAME_TAKEN})


def email_available_check(email: str) -> None:
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": EMAIL_TAKEN})


@transaction.atomic
def user_create(
    *,
    username: str,
    email: str,
    password: str,
    role: str = User.Role.BUYER,
    **extra_fields,
) -> User:
    """A new account. ValidationError for a username or e-mail address taken in
    any case, or any other invalid field; nothing is saved then."""
    username_available_check(username)
    email_available_check(email)
    user = User(username=username, email=email, role=role, **extra_fields)
    user.set_password(password)
    user.full_clean()
    user.save()
    user_sync_role_groups(user=user)
    return user


def user_update_profile(
    *, user: User, first_name: str, last_name: str, phone: str, address: str
) -> User:
    user.first_name = first_name
    user.last_name = last_name
    user.phone = phone
    user.address = address
    user.full_clean()
    user.save(update_fields=["first_name", "last_name", "phone", "address"])
    return user


def user_log_out_everywhere(*, user: User) -> User:
    """End every API token pair and every site session of the user."""
    User.objects.filter(pk=user.pk).update(token_generation=F("token_generation") + 1)
    user.refresh_from_db(fields=["token_generation"])
    return user


@transaction.atomic
def marketplace_admin_group_ensure() -> Group:
    """The "Marketplace admins" group, holding every right of the admin: every
    model permission, every page permission on the whole tree and every image and
    document permission on every collection. Idempotent; its members are admins
    (accounts.roles)."""
    group, _ = Group.objects.get_or_create(name=MARKETPLACE_ADMIN_GROUP)
    group.permissions.set(Permission.objects.all())
    page_type = ContentType.objects.get_for_model(Page)
    root_page = Page.get_first_root_node()
    for permission in Permission.objects.filter(content_type=page_type):
        GroupPagePermission.objects.get_or_create(
            group=group, page=root_page, permission=permission
        )
    media_types = ContentType.objects.get_for_models(
        get_image_model(), get_document_model()
    ).values()
    root_collection = Collection.get_first_root_node()
    for permission in Permission.objects.filter(content_type__in=media_types):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=permission
        )
    return group


def user_marketplace_admin_set(*, user: User, is_admin: bool) -> User:
    """Make the user a marketplace admin (or no longer one) through the group."""
    group = marketplace_admin_group_ensure()
    if is_admin:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    user.__dict__.pop("_is_marketplace_admin", None)
    return user
