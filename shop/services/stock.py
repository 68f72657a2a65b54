from django.core.exceptions import ValidationError
from django.db import transaction

from shop.models import Stock
from vendors.models import ProductPage


@transaction.atomic
def stock_set(*, product: ProductPage, quantity: int) -> Stock:
    """Set the units on hand to a counted figure (a vendor's count, not a sale)."""
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise ValidationError({"quantity": "Enter a whole number."})
    stock = Stock.objects.select_for_update().filter(product=product).first()
    if stock is None:
        stock = Stock(product=product)
    stock.quantity = quantity
    stock.full_clean()
    stock.save()
    return stock
