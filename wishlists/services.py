"""Saving products for later, sharing the list, and the guest list's merge."""

import secrets

from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from shop.exceptions import OutOfStock
from shop.services.cart import MAX_ID, cart_add_item
from vendors.models import ProductPage
from vendors.selectors import products_visible
from wishlists.models import Wishlist, WishlistItem
from wishlists.session import SessionWishlist

# secrets.token_urlsafe(24) is 192 random bits (the contract asks at least 128).
SHARE_TOKEN_BYTES = 24


def _product_visible(product_id) -> ProductPage:
    if (
        isinstance(product_id, bool)
        or not isinstance(product_id, int)
        or not 0 < product_id <= MAX_ID
    ):
        raise ValidationError({"product": "Choose a product."})
    product = products_visible().filter(pk=product_id).first()
    if product is None:
        raise ValidationError({"product": "No such product."})
    return product


def wishlist_of(*, user: User) -> Wishlist:
    wishlist, _ = Wishlist.objects.get_or_create(user=user)
    return wishlist


@transaction.atomic
def wishlist_add(
    *, user: User | AnonymousUser, session: SessionBase, product_id: int
) -> tuple[ProductPage, bool]:
    """Save a visible product to the visitor's list (a guest's in the session);
    returns (product, added), added False when it was saved already.
    ValidationError for an unknown or unpublished product."""
    product = _product_visible(product_id)
    if not user.is_authenticated:
        added = SessionWishlist(session).add(product_id=product.pk, price=product.price)
        return product, added
    wishlist = wishlist_of(user=user)
    if wishlist.items.filter(product=product).exists():
        return product, False
    try:
        with transaction.atomic():
            WishlistItem.objects.create(
                wishlist=wishlist, product=product, price_when_added=product.price
            )
    except IntegrityError:
        # The same product saved twice at once: one line is enough.
        return product, False
    return product, True


def wishlist_remove(
    *, user: User | AnonymousUser, session: SessionBase, product_id: int
) -> bool:
    """Take a product off the visitor's list; False when it was not on it."""
    if not user.is_authenticated:
        return SessionWishlist(session).remove(product_id=product_id)
    deleted, _ = WishlistItem.objects.filter(
        wishlist__user=user, product_id=product_id
    ).delete()
    return bool(deleted)


@transaction.atomic
def wishlist_merge(*, user: User, session: SessionBase) -> int:
    """Move a guest's list into the user's at sign-in, keeping each product's
    price and time of saving; returns how many products were added."""
    guest = SessionWishlist(session)
    entries = guest.entries()
    if not entries:
        return 0
    wishlist = wishlist_of(user=user)
    have = set(wishlist.items.values_list("product_id", flat=True))
    visible = set(
        products_visible()
        .filter(pk__in=[pid for pid in entries if pid not in have])
        .values_list("pk", flat=True)
    )
    WishlistItem.objects.bulk_create(
        [
            WishlistItem(
                wishlist=wishlist,
                product_id=product_id,
                price_when_added=price,
                added_at=added_at,
            )
            for product_id, (price, added_at) in entries.items()
            if product_id in visible
        ],
        ignore_conflicts=True,
    )
    guest.forget()
    return len(visible)


@transaction.atomic
def wishlist_share(*, user: User) -> Wishlist:
    """Give the list a share link (a new token each time it is shared again
    after a revoke; the current one while shared)."""
    wishlist = Wishlist.objects.select_for_update().filter(user=user).first()
    if wishlist is None:
        wishlist = wishlist_of(user=user)
    if not wishlist.share_token:
        wishlist.share_token = secrets.token_urlsafe(SHARE_TOKEN_BYTES)
        wishlist.shared_at = timezone.now()
        wishlist.save(update_fields=["share_token", "shared_at"])
    return wishlist


def wishlist_unshare(*, user: User) -> None:
    """Revoke the share link: from now on it answers 404."""
    Wishlist.objects.filter(user=user).update(share_token=None, shared_at=None)


def wishlist_add_all_to_cart(
    *, cart, products: list[ProductPage]
) -> tuple[int, list[str]]:
    """Put one of each product in the cart, skipping what cannot be bought now;
    returns (how many were added, the titles skipped)."""
    added, skipped = 0, []
    for product in products:
        try:
            cart_add_item(cart=cart, product_id=product.pk, quantity=1)
        except (ValidationError, OutOfStock):
            skipped.append(product.title)
        else:
            added += 1
    return added, skipped
