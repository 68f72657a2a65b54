from django.core.validators import MinValueValidator
from django.db import models

from shop.models.orders import MONEY


class ShippingRule(models.Model):
    """How one store prices shipping and where it ships.

    A plain model beside the store page, not page fields: publishing an older
    revision of the store must not bring back old prices. A store without a
    rule ships free everywhere.
    """

    store = models.OneToOneField(
        "vendors.StorePage", on_delete=models.CASCADE, related_name="shipping_rule"
    )
    flat_rate = models.DecimalField(
        **MONEY,
        default=0,
        validators=[MinValueValidator(0)],
        help_text="Charged once per order for this store's items.",
    )
    per_additional_item = models.DecimalField(
        **MONEY,
        default=0,
        validators=[MinValueValidator(0)],
        help_text="Added for each item after the first.",
    )
    free_over = models.DecimalField(
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Shipping is free when the store's items cost at least this "
        "much; empty: never free.",
    )
    countries = models.CharField(
        max_length=1000,
        blank=True,
        help_text="ISO 3166-1 alpha-2 codes separated by commas (FR,DE,GB); "
        "empty: ships everywhere.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(flat_rate__gte=0)
                & models.Q(per_additional_item__gte=0),
                name="shop_shippingrule_amounts_gte_0",
            )
        ]

    def __str__(self):
        return f"Shipping of store {self.store_id}"

    @property
    def country_codes(self) -> list[str]:
        return [code for code in self.countries.split(",") if code]

    @property
    def country_names(self) -> list[str]:
        from shop.shipping import country_name

        return [country_name(code) for code in self.country_codes]
