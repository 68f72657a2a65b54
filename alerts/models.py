from django.conf import settings
from django.db import models
from django.utils import timezone


class PriceChange(models.Model):
    """One price a product had from `changed_at` on (until the next row).

    Written only by alerts.prices.price_record, whichever door changed the price.
    `lowest_price_30_days` is fixed when the price is set: the lowest price in
    effect during the 30 days before (the EU rule for a "was" price), null for a
    product's first price.
    """

    product = models.ForeignKey(
        "vendors.ProductPage", on_delete=models.CASCADE, related_name="price_changes"
    )
    price = models.DecimalField(max_digits=12, decimal_places=2)
    changed_at = models.DateTimeField(default=timezone.now)
    lowest_price_30_days = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["-changed_at", "-pk"]
        indexes = [
            models.Index(fields=["product", "-changed_at"], name="price_change_latest")
        ]

    def __str__(self):
        return f"{self.product_id}: {self.price} from {self.changed_at:%Y-%m-%d}"


class Alert(models.Model):
    """A buyer asking to be told once: when a product is back in stock, or when
    its price falls below the price it had when they asked (or to a target)."""

    class Kind(models.TextChoices):
        BACK_IN_STOCK = "back_in_stock", "Back in stock"
        PRICE_DROP = "price_drop", "Price drop"

    class Status(models.TextChoices):
        ACTIVE = "active", "Waiting"
        FIRED = "fired", "Sent"
        CANCELLED = "cancelled", "Cancelled"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alerts"
    )
    product = models.ForeignKey(
        "vendors.ProductPage", on_delete=models.CASCADE, related_name="alerts"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    target_price = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True
    )
    # The price from the price history when the alert was made: a drop is
    # measured from it, so a raise and then a cut is no drop.
    reference_price = models.DecimalField(max_digits=12, decimal_places=2)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    created_at = models.DateTimeField(default=timezone.now)
    fired_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["product", "status", "kind"], name="alert_due"),
            models.Index(fields=["user", "status"], name="alert_of_user"),
        ]

    def __str__(self):
        return f"{self.user} · {self.kind} · {self.product_id} ({self.status})"
