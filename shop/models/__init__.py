from shop.models.carts import Address, Cart, CartItem
from shop.models.orders import (
    SOLD_STATUSES,
    Order,
    OrderEvent,
    OrderLine,
    OrderPart,
    OrderStatus,
)
from shop.models.payments import Payment
from shop.models.stock import Stock

__all__ = [
    "Address",
    "Cart",
    "CartItem",
    "Order",
    "OrderEvent",
    "OrderLine",
    "OrderPart",
    "OrderStatus",
    "Payment",
    "SOLD_STATUSES",
    "Stock",
]
