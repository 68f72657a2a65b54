from shop.models.carts import Address, Cart, CartItem
from shop.models.downloads import Download, ProductFile
from shop.models.orders import (
    SOLD_STATUSES,
    Order,
    OrderEvent,
    OrderLine,
    OrderPart,
    OrderStatus,
)
from shop.models.payments import Payment
from shop.models.shipping import ShippingRule
from shop.models.stock import Stock

__all__ = [
    "Address",
    "Cart",
    "CartItem",
    "Download",
    "Order",
    "OrderEvent",
    "OrderLine",
    "OrderPart",
    "OrderStatus",
    "Payment",
    "ProductFile",
    "ShippingRule",
    "SOLD_STATUSES",
    "Stock",
]
