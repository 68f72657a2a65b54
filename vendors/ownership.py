"""What a user owns, read from `StorePage.vendor`: the one source of truth.

A store is its vendor's; a page below a store (a product, its drafts and copies)
is the store's vendor's; images are their vendor's when they sit in the vendor's
workspace collection. Marketplace admins own everything. The admin
(`vendors.admin_routes`), the page forms (`vendors.page_forms`) and the permission
rows (`vendors.access`) all derive from these.
"""

from functools import reduce
from operator import or_

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from accounts.models import User
from accounts.roles import is_marketplace_admin
from vendors.models import StorePage, VendorWorkspace


def _own_store_paths(user: User) -> list[str]:
    return list(StorePage.objects.filter(vendor=user).values_list("path", flat=True))


def _pages_scoped(user: User | AnonymousUser, scope) -> QuerySet[Page]:
    """Every page for a marketplace admin, none for anonymous users or users
    without a store, else the pages `scope(store_paths)` selects."""
    if is_marketplace_admin(user):
        return Page.objects.all()
    if not user.is_authenticated:
        return Page.objects.none()
    paths = _own_store_paths(user)
    if not paths:
        return Page.objects.none()
    return Page.objects.filter(scope(paths))


def _below(paths: list[str]) -> Q:
    return reduce(or_, (Q(path__startswith=p) for p in paths))


def pages_owned_by(user: User | AnonymousUser) -> QuerySet[Page]:
    """The user's stores and every page below them."""
    return _pages_scoped(user, _below)


def _below_or_on_the_way(paths: list[str]) -> Q:
    step = Page.steplen
    ancestors = {p[:end] for p in paths for end in range(step, len(p), step)}
    return _below(paths) | Q(path__in=ancestors)


def pages_explorable_by(user: User | AnonymousUser) -> QuerySet[Page]:
    """Owned pages and the ancestors one passes through to reach them (the home
    and stores pages: public anyway)."""
    return _pages_scoped(user, _below_or_on_the_way)


def collections_owned_by(user: User | AnonymousUser) -> QuerySet[Collection]:
    if is_marketplace_admin(user):
        return Collection.objects.all()
    workspace = (
        VendorWorkspace.objects.filter(vendor=user).select_related("collection").first()
        if user.is_authenticated
        else None
    )
    if workspace is None:
        return Collection.objects.none()
    return Collection.objects.descendant_of(workspace.collection, inclusive=True)


def images_owned_by(user: User | AnonymousUser) -> QuerySet:
    image_model = get_image_model()
    if is_marketplace_admin(user):
        return image_model.objects.all()
    return image_model.objects.filter(collection__in=collections_owned_by(user))


def documents_owned_by(user: User | AnonymousUser) -> QuerySet:
    """Vendors hold no documents: only admins upload and use them."""
    document_model = get_document_model()
    if is_marketplace_admin(user):
        return document_model.objects.all()
    return document_model.objects.none()
