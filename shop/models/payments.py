from django.db import models

MONEY = {"max_digits": 12, "decimal_places": 2}


class Payment(models.Model):
    """The payment of an order through a provider (shop.services.payments)."""

    class Method(models.TextChoices):
        TEST = "test", "Test payment"
        PAYPAL = "paypal", "PayPal"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        CAPTURED = "captured", "Captured"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"
        REFUNDED = "refunded", "Refunded"

    order = models.OneToOneField(
        "shop.Order", on_delete=models.CASCADE, related_name="payment"
    )
    method = models.CharField(max_length=20, choices=Method.choices)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    amount = models.DecimalField(**MONEY)
    currency = models.CharField(max_length=3)
    provider_order_id = models.CharField(
        max_length=64, blank=True, db_index=True, help_text="PayPal's order id."
    )
    capture_id = models.CharField(max_length=64, blank=True)
    approve_url = models.URLField(max_length=500, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    captured_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="shop_payment_amount_gte_0"
            ),
        ]

    def __str__(self):
        return f"{self.get_method_display()} {self.amount} ({self.status})"
