from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.dispatch import Signal
from django.utils import timezone

from accounts.models import User
from pagecache.generations import products_changed
from shop.exceptions import OutOfStock
from shop.models import Stock
from vendors.models import ProductPage
from vendors.selectors import products_managed_by
from vendors.stock_flags import products_in_stock_refresh

# Sent with `product_ids` when units come back or are counted in (a restock, a
# released order), in the transaction that made them: back-in-stock alerts
# (alerts.signals) listen, so shop knows nothing of them.
stock_added = Signal()


@transaction.atomic
def stock_set(*, product: ProductPage, quantity: int, actor: User) -> Stock:
    """Set the units on hand to a counted figure (a vendor's count, not a sale).

    Raises PermissionDenied unless `actor` manages the product (its store's
    vendor, an admin); ValidationError for a figure that is not a count.
    """
    if not products_managed_by(actor).filter(pk=product.pk).exists():
        raise PermissionDenied("You may count stock only of your own products.")
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise ValidationError({"quantity": "Enter a whole number."})
    stock = Stock.objects.select_for_update().filter(product=product).first()
    if stock is None:
        stock = Stock(product=product)
    stock.quantity = quantity
    stock.full_clean()
    stock.save()
    products_in_stock_refresh(product_ids=[product.pk])
    products_changed(product_ids=[product.pk], store_ids=[product.store_id])
    if quantity > 0:
        stock_added.send(sender=Stock, product_ids=[product.pk])
    return stock


@transaction.atomic
def stock_reserve(*, quantities: Mapping[int, int]) -> None:
    """Take stock for every product_id -> quantity, or for none.

    The rows are locked in primary-key order, so two checkouts of the same
    products wait for each other instead of deadlocking. A product without a
    stock row has none to sell.
    """
    if not quantities:
        return
    # No join here: MariaDB would lock the joined page rows too.
    rows = list(
        Stock.objects.select_for_update()
        .filter(product_id__in=quantities)
        .order_by("pk")
    )
    found = {row.product_id: row for row in rows}
    for product_id in sorted(quantities):
        row = found.get(product_id)
        if row is None or row.quantity < quantities[product_id]:
            raise OutOfStock(
                product_id=product_id,
                name=_product_name(product_id),
                available=row.quantity if row else 0,
            )
    for row in rows:
        Stock.objects.filter(pk=row.pk).update(
            quantity=F("quantity") - quantities[row.product_id],
            updated_at=timezone.now(),
        )
    # Only a product sold out by this order changes its "in stock" flag.
    products_in_stock_refresh(
        product_ids=[
            row.product_id for row in rows if row.quantity == quantities[row.product_id]
        ]
    )
    products_changed(product_ids=list(quantities))


@transaction.atomic
def stock_release(*, quantities: Mapping[int, int]) -> None:
    """Put units back (a cancelled or expired order); missing products are skipped."""
    rows = list(
        Stock.objects.select_for_update()
        .filter(product_id__in=quantities)
        .order_by("pk")
    )
    for row in rows:
        Stock.objects.filter(pk=row.pk).update(
            quantity=F("quantity") + quantities[row.product_id],
            updated_at=timezone.now(),
        )
    products_in_stock_refresh(
        product_ids=[row.product_id for row in rows if not row.quantity]
    )
    products_changed(product_ids=list(quantities))
    stock_added.send(sender=Stock, product_ids=list(quantities))


def _product_name(product_id: int) -> str:
    return (
        ProductPage.objects.filter(pk=product_id)
        .values_list("title", flat=True)
        .first()
        or ""
    )
