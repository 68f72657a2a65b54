from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models


class Cart(models.Model):
    """A signed-in buyer's cart; a guest's cart lives in the session instead."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cart"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Cart of {self.user_id}"


class CartItem(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(
        "vendors.ProductPage",
        on_delete=models.SET_NULL,
        null=True,
        related_name="cart_items",
        help_text="Emptied when the product page is deleted: the line then drops "
        "out of the cart with a message to the buyer.",
    )
    quantity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cart", "product"], name="shop_cartitem_one_line_per_product"
            ),
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="shop_cartitem_quantity_gte_1"
            ),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.product_id}"


class Address(models.Model):
    """A shipping address in a buyer's address book.

    Never edited once saved: orders point at it, and a past order must keep the
    address it was shipped to.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="addresses"
    )
    full_name = models.CharField(max_length=150)
    address = models.CharField("street address", max_length=255)
    city = models.CharField(max_length=100)
    state = models.CharField("state or region", max_length=100, blank=True)
    zipcode = models.CharField("postal code", max_length=20)
    country = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "addresses"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return ", ".join(
            part
            for part in (
                self.full_name,
                self.address,
                f"{self.zipcode} {self.city}".strip(),
                self.state,
                self.country_name,
            )
            if part
        )

    @property
    def country_name(self) -> str:
        """The country's name (new addresses keep its ISO code; older ones the
        name that was typed)."""
        from shop.shipping import country_name

        return country_name(self.country)
