"""Stores and products, changed on behalf of someone.

Every function here takes the `actor` it acts for and decides itself whether
they may: PermissionDenied for someone who does not manage the store or
product, ValidationError for bad values. The API, the admin's own screens and
the demo data only map those to answers. Every revision records the actor as
its author, and `vendors.access.publishes_directly` decides whether it goes live
or waits for moderation.
"""

from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.fields import StreamValue
from wagtail.images.models import Image
from wagtail.models import WorkflowState

from accounts.models import User
from accounts.roles import (
    is_marketplace_admin,
    is_vendor,
    is_vendor_approved,
    is_vendor_suspended,
)
from shop.services.stock import stock_set
from vendors.access import publishes_directly
from vendors.models import (
    ProductGalleryImage,
    ProductPage,
    StoreIndexPage,
    StorePage,
)
from vendors.page_forms import FOREIGN_MEDIA, foreign_media_fields
from vendors.selectors import products_managed_by, stores_managed_by

NOT_YOUR_STORE = "You may change only your own stores and their products."
STORE_MEDIA_FIELDS = ("logo", "banner", "body", "description")


def _page_add(*, parent, page) -> None:
    """Validate the new page and save it under `parent`, not yet live.

    The tree fields and the slug (made from the title without clashing with the
    siblings') are set by `add_child`, so they are checked when the revision is.
    """
    page.live = False
    page.full_clean(exclude=["path", "depth", "slug"])
    parent.add_child(instance=page)


def _moderation_submit(*, page, actor: User) -> None:
    """Put the page's latest revision before the moderators, as the editor's
    "Submit for moderation" does; a workflow already under way approves the
    newest revision when it finishes."""
    workflow = page.get_workflow()
    if workflow is None:
        return
    state = page.current_workflow_state
    if state is None:
        workflow.start(page, actor)
    elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=actor)


def _page_revision_save(*, page, actor: User, go_live: bool) -> None:
    """Save the page's fields as a revision by `actor`. When they should go live
    (a new page to publish, or an edit of a live page), the actor either
    publishes it or submits it for moderation: `publishes_directly` decides."""
    revision = page.save_revision(user=actor)
    if not go_live:
        return
    if publishes_directly(actor):
        # Decided above; Wagtail's own check reads permissions it cached on the
        # actor before this store (and its rows) existed.
        revision.publish(user=actor, skip_permission_checks=True)
        # Publishing works on a copy made from the revision.
        page.refresh_from_db()
    else:
        _moderation_submit(page=page, actor=actor)


VENDOR_PENDING = (
    "Your vendor account is awaiting approval: you may prepare your store as a "
    "draft, and publish once an admin has approved your application."
)
VENDOR_REFUSED = (
    "Your vendor account is {status}: your stores and products cannot be changed."
)


def vendor_standing_check(*, actor: User, publish: bool) -> None:
    """PermissionDenied for a vendor whose account does not allow the write: a
    suspended or rejected vendor changes nothing, a vendor awaiting approval
    writes drafts only (`publish` False). Admins are never held back."""
    if is_marketplace_admin(actor) or not is_vendor(actor):
        return
    if is_vendor_suspended(actor):
        raise PermissionDenied(
            VENDOR_REFUSED.format(status=actor.get_vendor_status_display().lower())
        )
    if publish and not is_vendor_approved(actor):
        raise PermissionDenied(VENDOR_PENDING)


def store_vendor_choose(*, actor: User, vendor: User | None) -> User:
    """Whose a new store is: an admin names the vendor, a vendor opens their own
    (and may not name anyone else)."""
    if is_marketplace_admin(actor):
        if vendor is None:
            raise ValidationError({"vendor": "Choose the vendor of the store."})
        if not is_vendor(vendor):
            raise ValidationError({"vendor": "Stores are run by vendors only."})
        return vendor
    if not is_vendor(actor):
        raise PermissionDenied("Only vendors and admins open stores.")
    if vendor is not None and vendor != actor:
        raise ValidationError({"vendor": "Only admins choose the vendor."})
    return actor


def _media_check(*, actor: User, values: dict) -> None:
    """ValidationError naming each field that uses an image or document outside
    the actor's collections (the admin's page forms ask the same function)."""
    refused = foreign_media_fields(actor, values)
    if refused:
        raise ValidationError(dict.fromkeys(refused, FOREIGN_MEDIA))


def page_manage_check(*, actor: User, page: StorePage | ProductPage) -> None:
    """PermissionDenied unless `actor` manages the store or product."""
    managed = (
        stores_managed_by(actor)
        if isinstance(page, StorePage)
        else products_managed_by(actor)
    )
    if not managed.filter(pk=page.pk).exists():
        raise PermissionDenied(NOT_YOUR_STORE)


@transaction.atomic
def store_create(
    *,
    actor: User,
    title: str,
    vendor: User | None = None,
    description: str = "",
    body: StreamValue | list | None = None,
    logo: Image | None = None,
    banner: Image | None = None,
    address: str = "",
    phone: str = "",
    email: str = "",
    is_active: bool = True,
    is_featured: bool = False,
    publish: bool = True,
) -> StorePage:
    """Open a store for `vendor` (admins; a vendor opens their own and may leave
    `vendor` out). With `publish`, it goes live or to moderation; without, it
    stays a draft its vendor edits first."""
    vendor = store_vendor_choose(actor=actor, vendor=vendor)
    vendor_standing_check(actor=actor, publish=publish)
    index = StoreIndexPage.objects.first()
    if index is None:
        raise ValidationError("The site has no stores page to add a store to.")
    store = StorePage(
        title=title,
        vendor=vendor,
        owner=vendor,
        description=description,
        body=body or [],
        logo=logo,
        banner=banner,
        address=address,
        phone=phone,
        email=email,
        is_active=is_active,
        is_featured=is_featured,
    )
    _media_check(
        actor=actor,
        values={name: getattr(store, name) for name in STORE_MEDIA_FIELDS},
    )
    # Saving the store derives its vendor's permission rows (vendors.signals).
    _page_add(parent=index, page=store)
    _page_revision_save(page=store, actor=actor, go_live=publish)
    return store


@transaction.atomic
def product_create(
    *,
    actor: User,
    store: StorePage,
    title: str,
    price: Decimal,
    stock_quantity: int = 0,
    digital: bool = False,
    sku: str = "",
    summary: str = "",
    description: str = "",
    image: Image | None = None,
    gallery: Sequence[tuple[Image, str]] = (),
    publish: bool = True,
) -> ProductPage:
    """Create a product page in `store` with its stock row; `gallery` holds
    (image, caption) pairs in display order. PermissionDenied unless `actor`
    manages the store; `publish` as in `store_create`."""
    page_manage_check(actor=actor, page=store)
    vendor_standing_check(actor=actor, publish=publish)
    product = ProductPage(
        title=title,
        store=store,
        owner=store.vendor,
        price=price,
        digital=digital,
        sku=sku,
        summary=summary,
        description=description,
        image=image,
        gallery_images=[
            ProductGalleryImage(image=picture, caption=caption)
            for picture, caption in gallery
        ],
    )
    _media_check(
        actor=actor,
        values={
            "image": image,
            "description": product.description,
            "gallery": [picture for picture, _ in gallery],
        },
    )
    _page_add(parent=store, page=product)
    try:
        stock_set(product=product, quantity=stock_quantity, actor=actor)
    except ValidationError as error:
        raise ValidationError({"stock_quantity": error.messages}) from error
    _page_revision_save(page=product, actor=actor, go_live=publish)
    return product


def product_store_sync(*, product: ProductPage) -> ProductPage:
    """Point `product.store` at the product's parent page again.

    Moving a page, or copying a store with its products, changes the tree
    without cleaning the product; this catches up.
    """
    parent = product.get_parent(update=True)
    if parent is not None and product.store_id != parent.pk:
        ProductPage.objects.filter(pk=product.pk).update(store_id=parent.pk)
        product.store_id = parent.pk
    return product


STORE_UPDATABLE_FIELDS = frozenset(
    {"title", "description", "logo", "banner", "address", "phone", "email"}
)
PRODUCT_UPDATABLE_FIELDS = frozenset(
    {"title", "price", "digital", "sku", "summary", "description", "image"}
)


def _page_fields_set(
    *, page, actor: User, fields: dict, allowed: frozenset[str]
) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Cannot update {', '.join(sorted(unknown))}")
    _media_check(actor=actor, values=fields)
    for name, value in fields.items():
        setattr(page, name, value)
    page.full_clean()


@transaction.atomic
def store_update(*, store: StorePage, actor: User, **fields) -> StorePage:
    """Change the store's fields through a new revision by `actor`, as the page
    editor does. A live store's changes go live or to moderation
    (`publishes_directly`); a store that is not live stays a draft.
    PermissionDenied unless `actor` manages the store."""
    page_manage_check(actor=actor, page=store)
    vendor_standing_check(actor=actor, publish=store.live)
    _page_fields_set(
        page=store, actor=actor, fields=fields, allowed=STORE_UPDATABLE_FIELDS
    )
    _page_revision_save(page=store, actor=actor, go_live=store.live)
    return store


@transaction.atomic
def store_delete(*, store: StorePage, actor: User) -> StorePage:
    """Take the store and its products off the site (unpublish, not delete).
    PermissionDenied unless `actor` manages the store.

    The pages stay in the tree, so past orders keep the products they point to
    and the vendor can publish the store again from the admin.
    """
    page_manage_check(actor=actor, page=store)
    vendor_standing_check(actor=actor, publish=False)
    # Checked above; Wagtail's own check would refuse a vendor under moderation,
    # who may take their pages down but not publish.
    for page in store.get_descendants(inclusive=True).live().specific():
        UnpublishPageAction(page, user=actor).execute(skip_permission_checks=True)
    store.refresh_from_db()
    return store


@transaction.atomic
def product_update(
    *, product: ProductPage, actor: User, stock_quantity: int | None = None, **fields
) -> ProductPage:
    """Change the product's fields through a new revision (published as in
    `store_update`) and, when given, its stock count. PermissionDenied unless
    `actor` manages the product."""
    page_manage_check(actor=actor, page=product)
    vendor_standing_check(actor=actor, publish=product.live and bool(fields))
    _page_fields_set(
        page=product, actor=actor, fields=fields, allowed=PRODUCT_UPDATABLE_FIELDS
    )
    if stock_quantity is not None:
        try:
            stock_set(product=product, quantity=stock_quantity, actor=actor)
        except ValidationError as error:
            raise ValidationError({"stock_quantity": error.messages}) from error
    if fields:
        _page_revision_save(page=product, actor=actor, go_live=product.live)
    return product


@transaction.atomic
def product_delete(*, product: ProductPage, actor: User) -> ProductPage:
    """Take the product off the site; past orders keep pointing at its page.
    PermissionDenied unless `actor` manages the product."""
    page_manage_check(actor=actor, page=product)
    vendor_standing_check(actor=actor, publish=False)
    if product.live:
        UnpublishPageAction(product, user=actor).execute(skip_permission_checks=True)
        product.refresh_from_db()
    return product
