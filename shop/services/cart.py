"""The cart: in the session for guests, in the database for signed-in buyers.

A cart holds one line per product, so a line is named by its product's id in
both kinds of cart. Quantities are whole numbers from 1 to MAX_LINE_QUANTITY and,
for a product that is not digital, no more than its stock.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from shop.exceptions import OutOfStock
from shop.models import Cart, CartItem
from shop.selectors import (
    DELETED_PRODUCT_NAME,
    CartContents,
    CartLine,
    cart_contents_for,
    cart_products,
)
from shop.session import SessionCart
from vendors.models import ProductPage

MAX_LINE_QUANTITY = 99
# The largest primary key the databases store; a larger one is no product.
MAX_ID = 2**63 - 1


@dataclass(frozen=True)
class MergeNote:
    """What a login did to one line of the guest cart, to tell the buyer."""

    product_name: str
    added: int
    capped: bool

    def __str__(self):
        if not self.added:
            return f"“{self.product_name}”: your cart already holds all there is."
        text = f"{self.added} × “{self.product_name}”"
        return text + (" (all that is left in stock)" if self.capped else "")


AnyCart = Cart | SessionCart


def cart_for(*, user: User | AnonymousUser, session: SessionBase) -> AnyCart:
    """The cart of this visitor; a signed-in buyer's is created on first use."""
    if user.is_authenticated:
        cart, _ = Cart.objects.get_or_create(user=user)
        return cart
    return SessionCart(session)


def cart_quantities(*, cart: AnyCart) -> dict[int, int]:
    if isinstance(cart, SessionCart):
        return cart.quantities()
    return dict(
        cart.items.filter(product__isnull=False).values_list("product_id", "quantity")
    )


def _quantity_check(quantity) -> int:
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise ValidationError({"quantity": "Enter a whole number."})
    if quantity < 1:
        raise ValidationError({"quantity": "The quantity must be at least 1."})
    if quantity > MAX_LINE_QUANTITY:
        raise ValidationError(
            {"quantity": f"You can buy at most {MAX_LINE_QUANTITY} of a product."}
        )
    return quantity


def _product_for_sale(product_id) -> ProductPage:
    if (
        isinstance(product_id, bool)
        or not isinstance(product_id, int)
        or not 0 < product_id <= MAX_ID
    ):
        raise ValidationError({"product": "Choose a product."})
    product = cart_products(product_ids=[product_id]).get(product_id)
    if product is None:
        raise ValidationError({"product": "This product is not for sale."})
    return product


def _stock_check(*, product: ProductPage, quantity: int) -> None:
    if not product.digital and quantity > product.stock_quantity:
        raise OutOfStock(
            product_id=product.pk,
            name=product.title,
            available=product.stock_quantity,
        )


def _line_store(*, cart: AnyCart, product_id: int, quantity: int) -> None:
    if isinstance(cart, SessionCart):
        quantities = cart.quantities()
        quantities[product_id] = quantity
        cart.store(quantities)
        return
    CartItem.objects.update_or_create(
        cart=cart, product_id=product_id, defaults={"quantity": quantity}
    )
    cart.save(update_fields=["updated_at"])


def _lines_delete(*, cart: AnyCart, product_ids) -> None:
    if isinstance(cart, SessionCart):
        quantities = cart.quantities()
        for product_id in product_ids:
            quantities.pop(product_id, None)
        cart.store(quantities)
        return
    cart.items.filter(product_id__in=product_ids).delete()


@transaction.atomic
def cart_add_item(*, cart: AnyCart, product_id: int, quantity: int = 1) -> CartLine:
    """Add `quantity` units to the product's line; returns the line as it is now.

    Refuses (changing nothing) a product that is not for sale, a quantity below
    1, or a total above the stock.
    """
    quantity = _quantity_check(quantity)
    product = _product_for_sale(product_id)
    new_quantity = cart_quantities(cart=cart).get(product.pk, 0) + quantity
    _quantity_check(new_quantity)
    _stock_check(product=product, quantity=new_quantity)
    _line_store(cart=cart, product_id=product.pk, quantity=new_quantity)
    # A cache counter, no query (analytics reads the shop, the shop tells it).
    from analytics.counters import count_add_to_cart

    count_add_to_cart(product_id=product.pk)
    return CartLine(product=product, quantity=new_quantity)


@transaction.atomic
def cart_set_quantity(*, cart: AnyCart, product_id: int, quantity: int) -> CartLine:
    """Set the quantity of a line already in the cart; returns the line."""
    quantity = _quantity_check(quantity)
    if product_id not in cart_quantities(cart=cart):
        raise ValidationError({"product": "This product is not in your cart."})
    product = _product_for_sale(product_id)
    _stock_check(product=product, quantity=quantity)
    _line_store(cart=cart, product_id=product.pk, quantity=quantity)
    return CartLine(product=product, quantity=quantity)


def cart_remove_item(*, cart: AnyCart, product_id: int) -> None:
    if product_id not in cart_quantities(cart=cart):
        raise ValidationError({"product": "This product is not in your cart."})
    _lines_delete(cart=cart, product_ids=[product_id])


def cart_clear(*, cart: AnyCart) -> None:
    _lines_delete(cart=cart, product_ids=list(cart_quantities(cart=cart)))


def cart_contents(*, cart: AnyCart) -> CartContents:
    """The cart's lines with products and prices; lines whose product is no
    longer for sale (unpublished, deleted, store closed) are dropped, and their
    names listed in `removed` so the buyer can be told."""
    quantities = cart_quantities(cart=cart)
    contents = cart_contents_for(quantities=quantities)
    gone = [pid for pid in quantities if pid not in contents.product_ids]
    if gone:
        _lines_delete(cart=cart, product_ids=gone)
    if isinstance(cart, Cart):
        # Lines whose product page was deleted lost their product (SET_NULL).
        deleted, _ = cart.items.filter(product__isnull=True).delete()
        if deleted:
            contents.removed.extend([DELETED_PRODUCT_NAME] * deleted)
    return contents


@transaction.atomic
def cart_merge(*, user: User, session: SessionBase) -> list[MergeNote]:
    """Move a guest cart into the user's cart at login.

    Quantities are added to what the user's cart holds, capped by stock; lines
    no longer for sale are left out. The guest cart is emptied.
    """
    guest = SessionCart(session)
    guest_quantities = guest.quantities()
    if not guest_quantities:
        return []
    cart, _ = Cart.objects.get_or_create(user=user)
    current = cart_quantities(cart=cart)
    products = cart_products(product_ids=list(guest_quantities))
    notes = []
    for product_id, quantity in guest_quantities.items():
        product = products.get(product_id)
        if product is None:
            continue
        wanted = min(current.get(product_id, 0) + quantity, MAX_LINE_QUANTITY)
        limit = wanted if product.digital else min(wanted, product.stock_quantity)
        added = max(limit - current.get(product_id, 0), 0)
        if limit > 0 and added:
            _line_store(cart=cart, product_id=product_id, quantity=limit)
        notes.append(
            MergeNote(product_name=product.title, added=added, capped=limit < wanted)
        )
    guest.forget()
    return notes
