class ShopError(Exception):
    """A conflict with the shop's state (→ 409 in the API), not bad input."""


class OutOfStock(ShopError):
    def __init__(self, *, product_id: int, name: str = "", available: int = 0):
        self.product_id = product_id
        self.name = name
        self.available = available
        what = f"“{name}”" if name else f"product {product_id}"
        if available:
            message = f"Not enough stock: only {available} of {what} left."
        else:
            message = f"Not enough stock: {what} is sold out."
        super().__init__(message)


class PaymentError(ShopError):
    """The payment provider refused or could not be reached; nothing was paid."""


class DownloadRefused(ShopError):
    """A download link that is forged, expired, used up or revoked."""
