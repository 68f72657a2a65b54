from django.core.validators import MinValueValidator
from django.db import models


class Stock(models.Model):
    """How many units of a product can be sold; changed only by shop.services.stock."""

    product = models.OneToOneField(
        "vendors.ProductPage", on_delete=models.CASCADE, related_name="stock"
    )
    quantity = models.PositiveIntegerField(
        default=0,
        validators=[MinValueValidator(0)],
        help_text="Units on hand. Digital products ignore it: they never run out.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=0),
                name="shop_stock_quantity_gte_0",
            )
        ]

    def __str__(self):
        return f"{self.product_id}: {self.quantity}"
