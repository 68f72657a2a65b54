from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

MONEY = {"max_digits": 12, "decimal_places": 2}


class OrderStatus(models.TextChoices):
    PENDING_PAYMENT = "pending_payment", "Awaiting payment"
    PAID = "paid", "Paid"
    PROCESSING = "processing", "Processing"
    SHIPPED = "shipped", "Shipped"
    DELIVERED = "delivered", "Delivered"
    CANCELLED = "cancelled", "Cancelled"
    REFUNDED = "refunded", "Refunded"


# Statuses of a sale: paid for and not cancelled or refunded.
SOLD_STATUSES = (
    OrderStatus.PAID,
    OrderStatus.PROCESSING,
    OrderStatus.SHIPPED,
    OrderStatus.DELIVERED,
)


class Order(models.Model):
    """What a buyer bought in one checkout, across one or more stores."""

    number = models.CharField(
        max_length=16,
        unique=True,
        editable=False,
        help_text="Random, so order numbers cannot be guessed or counted.",
    )
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders"
    )
    status = models.CharField(
        max_length=20,
        choices=OrderStatus.choices,
        default=OrderStatus.PENDING_PAYMENT,
        db_index=True,
    )
    total = models.DecimalField(**MONEY, validators=[MinValueValidator(0)])
    shipping = models.DecimalField(
        **MONEY,
        default=0,
        help_text="The parts' shipping added up, included in the total.",
    )
    currency = models.CharField(max_length=3)
    shipping_address = models.ForeignKey(
        "shop.Address",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
        help_text="Empty when every item is digital.",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total__gte=0), name="shop_order_total_gte_0"
            )
        ]

    def __str__(self):
        return self.number

    @property
    def needs_shipping(self) -> bool:
        return self.shipping_address_id is not None


class OrderPart(models.Model):
    """One store's share of an order, which that store's vendor fulfils."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="parts")
    store = models.ForeignKey(
        "vendors.StorePage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="order_parts",
    )
    store_name = models.CharField(max_length=255)
    status = models.CharField(
        max_length=20,
        choices=OrderStatus.choices,
        default=OrderStatus.PENDING_PAYMENT,
        db_index=True,
    )
    subtotal = models.DecimalField(**MONEY)
    shipping = models.DecimalField(
        **MONEY,
        default=0,
        help_text="What this store charges to ship its items, copied at checkout.",
    )
    carrier = models.CharField(max_length=64, blank=True)
    tracking_number = models.CharField(max_length=64, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True, db_index=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["store_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "store"], name="shop_orderpart_one_per_store"
            )
        ]

    def __str__(self):
        return f"{self.order.number} / {self.store_name}"

    @property
    def total(self):
        return self.subtotal + self.shipping

    @property
    def carrier_label(self) -> str:
        from shop.shipping import carrier_label

        return carrier_label(self.carrier)

    @property
    def tracking_url(self) -> str | None:
        from shop.shipping import tracking_url

        return tracking_url(self.carrier, self.tracking_number)

    @property
    def tracking(self) -> dict | None:
        """{carrier, number, url} once shipped (url None for an unknown carrier)."""
        if self.shipped_at is None:
            return None
        return {
            "carrier": self.carrier_label,
            "number": self.tracking_number,
            "url": self.tracking_url,
        }


class OrderLine(models.Model):
    """A product bought, with its name, store and price as they were at checkout."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    part = models.ForeignKey(OrderPart, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        "vendors.ProductPage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="order_lines",
    )
    product_name = models.CharField(max_length=255)
    store_name = models.CharField(max_length=255)
    digital = models.BooleanField(default=False)
    unit_price = models.DecimalField(**MONEY)
    quantity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    line_total = models.DecimalField(**MONEY)
    commission_rate = models.DecimalField(
        max_digits=5,
        decimal_places=4,
        default=0,
        validators=[MinValueValidator(0)],
        help_text="The marketplace's share of the line total as a fraction "
        "(0.1000 is 10%), frozen at checkout.",
    )
    commission = models.DecimalField(
        **MONEY,
        default=0,
        help_text="The marketplace's commission on this line, frozen at checkout.",
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1),
                name="shop_orderline_quantity_gte_1",
            ),
            models.CheckConstraint(
                condition=models.Q(unit_price__gte=0),
                name="shop_orderline_unit_price_gte_0",
            ),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.product_name}"


class OrderEvent(models.Model):
    """One status change of an order or of one store's part: when, who, from → to."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    part = models.ForeignKey(
        OrderPart,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="order_events",
        help_text="Empty when the system made the change (payment, timeout).",
    )
    from_status = models.CharField(
        max_length=20, choices=OrderStatus.choices, blank=True
    )
    to_status = models.CharField(max_length=20, choices=OrderStatus.choices)
    note = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.order_id}: {self.from_status or '–'} → {self.to_status}"
