from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.base import SessionBase
from django.db.models import Count, QuerySet

from accounts.models import User
from vendors.models import ProductPage
from vendors.selectors import products_managed_by, products_visible
from wishlists.models import Wishlist, WishlistItem
from wishlists.session import SessionWishlist

# At most this many product ids are asked about per page (cards on a page).
SAVED_IDS_MAX = 100


@dataclass(frozen=True)
class SavedProduct:
    """One line of a wishlist as pages and the API show it."""

    product: ProductPage
    price_when_added: Decimal
    added_at: datetime

    @property
    def price(self) -> Decimal:
        return self.product.price

    @property
    def price_change(self) -> Decimal:
        return self.product.price - self.price_when_added


def _products(product_ids) -> dict[int, ProductPage]:
    products = (
        products_visible()
        .filter(pk__in=list(product_ids))
        .select_related("stock", "store", "image")
    )
    return {product.pk: product for product in products}


def wishlist_items_of(
    *, user: User | AnonymousUser, session: SessionBase
) -> list[SavedProduct]:
    """The visitor's saved products still on the site, newest first."""
    if user.is_authenticated:
        rows = [
            (item.product_id, item.price_when_added, item.added_at)
            for item in WishlistItem.objects.filter(wishlist__user=user)
        ]
    else:
        rows = [
            (pid, price, added_at)
            for pid, (price, added_at) in SessionWishlist(session).entries().items()
        ]
    return _saved(rows)


def _saved(rows) -> list[SavedProduct]:
    products = _products(pid for pid, _, _ in rows)
    saved = [
        SavedProduct(product=products[pid], price_when_added=price, added_at=added_at)
        for pid, price, added_at in rows
        if pid in products
    ]
    return sorted(saved, key=lambda line: line.added_at, reverse=True)


def wishlist_shared(*, token: str) -> Wishlist | None:
    """The list shared under `token`; None for an unknown or revoked one."""
    if not isinstance(token, str) or not 20 <= len(token) <= 64:
        return None
    return Wishlist.objects.select_related("user").filter(share_token=token).first()


def wishlist_shared_items(*, wishlist: Wishlist) -> list[SavedProduct]:
    return _saved(
        [
            (item.product_id, item.price_when_added, item.added_at)
            for item in wishlist.items.all()
        ]
    )


def wishlist_owner_name(*, wishlist: Wishlist) -> str:
    """How a shared list names its owner: first name, else username; never
    the e-mail address."""
    user = wishlist.user
    return user.first_name or user.get_username()


def wishlist_share_token(*, user: User | AnonymousUser) -> str | None:
    if not user.is_authenticated:
        return None
    return (
        Wishlist.objects.filter(user=user).values_list("share_token", flat=True).first()
    )


def saved_product_ids(
    *, user: User | AnonymousUser, session: SessionBase, product_ids: list[int]
) -> list[int]:
    """Which of `product_ids` the visitor has saved (for the hearts of a cached
    page); one query at most."""
    product_ids = product_ids[:SAVED_IDS_MAX]
    if not product_ids:
        return []
    if user.is_authenticated:
        saved = WishlistItem.objects.filter(
            wishlist__user=user, product_id__in=product_ids
        ).values_list("product_id", flat=True)
        return sorted(saved)
    entries = SessionWishlist(session).entries()
    return sorted(pid for pid in product_ids if pid in entries)


def saved_counts_managed_by(user: User) -> QuerySet[ProductPage]:
    """The products `user` manages with `saved_count`: how many buyers saved
    each (a number only, never who), most saved first."""
    return (
        products_managed_by(user)
        .annotate(saved_count=Count("wishlist_items"))
        .filter(saved_count__gt=0)
        .order_by("-saved_count", "title")
    )
