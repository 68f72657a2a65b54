from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.fields import StreamValue
from wagtail.images.models import Image

from accounts.models import User
from shop.services.stock import stock_set
from vendors.models import (
    ProductGalleryImage,
    ProductPage,
    StoreIndexPage,
    StorePage,
)


def _page_add(*, parent, page) -> None:
    """Validate the new page and save it under `parent`, not yet live.

    The tree fields and the slug (made from the title without clashing with the
    siblings') are set by `add_child`, so they are checked when the revision is.
    """
    page.live = False
    page.full_clean(exclude=["path", "depth", "slug"])
    parent.add_child(instance=page)


def _page_revision_save(*, page, publish: bool) -> None:
    revision = page.save_revision()
    if publish:
        revision.publish()
        # Publishing works on a copy made from the revision.
        page.refresh_from_db()


@transaction.atomic
def store_create(
    *,
    vendor: User,
    title: str,
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
    # Saving the store derives its vendor's permission rows (vendors.signals).
    _page_add(parent=index, page=store)
    _page_revision_save(page=store, publish=publish)
    return store


@transaction.atomic
def product_create(
    *,
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
    (image, caption) pairs in display order."""
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
    _page_add(parent=store, page=product)
    try:
        stock_set(product=product, quantity=stock_quantity)
    except ValidationError as error:
        raise ValidationError({"stock_quantity": error.messages}) from error
    _page_revision_save(page=product, publish=publish)
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


def _page_fields_set(*, page, fields: dict, allowed: frozenset[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Cannot update {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(page, name, value)
    page.full_clean()


@transaction.atomic
def store_update(*, store: StorePage, actor: User, **fields) -> StorePage:
    """Change the store's fields through a new revision, as the page editor does.

    A live store's changes go live when `actor` may publish it (an admin, or its
    vendor while vendor moderation is off); otherwise they wait as a draft for
    approval. A store that is not live stays a draft.
    """
    _page_fields_set(page=store, fields=fields, allowed=STORE_UPDATABLE_FIELDS)
    publish = store.live and store.permissions_for_user(actor).can_publish()
    store.save_revision(user=actor)
    if publish:
        store.get_latest_revision().publish(user=actor)
        store.refresh_from_db()
    return store


@transaction.atomic
def store_delete(*, store: StorePage, actor: User) -> StorePage:
    """Take the store and its products off the site (unpublish, not delete).

    Whether `actor` may do so is the caller's check.

    The pages stay in the tree, so past orders keep the products they point to
    and the vendor can publish the store again from the admin.
    """
    # The caller has decided the actor may do this; Wagtail's own check would
    # refuse a vendor under moderation, who may take pages down but not publish.
    for page in store.get_descendants(inclusive=True).live().specific():
        UnpublishPageAction(page, user=actor).execute(skip_permission_checks=True)
    store.refresh_from_db()
    return store


@transaction.atomic
def product_update(
    *, product: ProductPage, actor: User, stock_quantity: int | None = None, **fields
) -> ProductPage:
    """Change the product's fields through a new revision (published as in
    `store_update`) and, when given, its stock count."""
    _page_fields_set(page=product, fields=fields, allowed=PRODUCT_UPDATABLE_FIELDS)
    if stock_quantity is not None:
        try:
            stock_set(product=product, quantity=stock_quantity)
        except ValidationError as error:
            raise ValidationError({"stock_quantity": error.messages}) from error
    if fields:
        publish = product.live and product.permissions_for_user(actor).can_publish()
        product.save_revision(user=actor)
        if publish:
            product.get_latest_revision().publish(user=actor)
            product.refresh_from_db()
    return product


@transaction.atomic
def product_delete(*, product: ProductPage, actor: User) -> ProductPage:
    """Take the product off the site; past orders keep pointing at its page."""
    if product.live:
        UnpublishPageAction(product, user=actor).execute(skip_permission_checks=True)
        product.refresh_from_db()
    return product
