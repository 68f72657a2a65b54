"""Daily rollups: what the reports read instead of the order tables.

A row holds one local day (settings.TIME_ZONE) of one product, store or the
whole marketplace. Sales columns are recomputed from the orders (never added
to), so running a recompute twice, or late, gives the same row; view and
add-to-cart columns are counted in the cache and added by the flush.
"""

from django.conf import settings
from django.db import models

MONEY = {"max_digits": 14, "decimal_places": 2, "default": 0}


class SalesColumns(models.Model):
    """Sales of the day's paid orders, by the day they were paid: revenue,
    units, commission and orders of the parts still sold; refunds are the line
    totals of that day's parts cancelled or refunded since."""

    day = models.DateField()
    revenue = models.DecimalField(**MONEY)
    refunds = models.DecimalField(**MONEY)
    commission = models.DecimalField(**MONEY)
    orders = models.PositiveIntegerField(default=0)
    units = models.PositiveIntegerField(default=0)
    views = models.PositiveIntegerField(default=0)
    add_to_carts = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class StoreDay(SalesColumns):
    store = models.ForeignKey(
        "vendors.StorePage",
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
    )
    vendor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["store", "day"], name="analytics_store_day")
        ]
        indexes = [models.Index(fields=["vendor", "day"]), models.Index(fields=["day"])]

    def __str__(self):
        return f"{self.day} store {self.store_id}"


class ProductDay(SalesColumns):
    product = models.ForeignKey(
        "vendors.ProductPage",
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
    )
    store = models.ForeignKey(
        "vendors.StorePage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    vendor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    product_name = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["product", "day"], name="analytics_product_day"
            )
        ]
        # Covering indexes: top products over a year read the index alone.
        indexes = [
            models.Index(fields=["vendor", "day"]),
            models.Index(
                fields=["day", "product", "revenue", "units", "orders", "views"],
                name="analytics_product_day_sales",
            ),
            models.Index(
                fields=[
                    "store",
                    "day",
                    "product",
                    "revenue",
                    "units",
                    "orders",
                    "views",
                ],
                name="analytics_product_store_sales",
            ),
        ]

    def __str__(self):
        return f"{self.day} product {self.product_id}"


class MarketDay(SalesColumns):
    """The whole marketplace's day; `sessions` counts visitors who viewed a
    product (conversion = orders / sessions). The pending and failed counts
    are of what was created that day and still is pending or failed."""

    sessions = models.PositiveIntegerField(default=0)
    new_buyers = models.PositiveIntegerField(default=0)
    new_vendors = models.PositiveIntegerField(default=0)
    pending_reviews = models.PositiveIntegerField(default=0)
    pending_approvals = models.PositiveIntegerField(default=0)
    failed_emails = models.PositiveIntegerField(default=0)
    failed_announcements = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day"], name="analytics_market_day")
        ]

    def __str__(self):
        return str(self.day)


class ProductMonth(models.Model):
    """A product's calendar month: the sums of its ProductDay rows, so top
    products over a year read a dozen rows per product instead of 365."""

    month = models.DateField(help_text="The month's first day.")
    product = models.ForeignKey(
        "vendors.ProductPage",
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
    )
    store = models.ForeignKey(
        "vendors.StorePage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    revenue = models.DecimalField(**MONEY)
    units = models.PositiveIntegerField(default=0)
    orders = models.PositiveIntegerField(default=0)
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["product", "month"], name="analytics_product_month"
            )
        ]
        indexes = [
            models.Index(
                fields=["month", "product", "revenue", "units", "orders", "views"],
                name="analytics_month_sales",
            ),
            models.Index(
                fields=[
                    "store",
                    "month",
                    "product",
                    "revenue",
                    "units",
                    "orders",
                    "views",
                ],
                name="analytics_month_store_sales",
            ),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} product {self.product_id}"
