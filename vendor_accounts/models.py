from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from accounts.models import User

Status = User.VendorStatus


class VendorAccount(models.Model):
    """A vendor as a business: their application, their commission rate, and the
    row their money is locked by (ledger.services.payout_request)."""

    vendor = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="vendor_account",
    )
    business_name = models.CharField(max_length=200, blank=True)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_phone = models.CharField(max_length=32, blank=True)
    website = models.URLField(blank=True)
    what_they_sell = models.TextField(
        "what you sell",
        max_length=2000,
        blank=True,
        help_text="The kind of products, where they come from, how many.",
    )
    payout_details = models.TextField(
        max_length=500,
        blank=True,
        help_text="Where payouts go: an IBAN and account holder, or a PayPal "
        "address. Only you and the marketplace's admins see it.",
    )
    commission_rate = models.DecimalField(
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="The marketplace's share of this vendor's sales as a fraction "
        "(0.0800 is 8%); empty for the site's default rate.",
    )
    applied_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-applied_at", "vendor_id"]

    def __str__(self):
        return self.business_name or str(self.vendor)


class VendorStatusChange(models.Model):
    """One change of a vendor account's status: when, by whom, why."""

    vendor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="vendor_status_changes",
    )
    from_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Status.choices)
    reason = models.TextField(max_length=2000, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.vendor_id}: {self.from_status or '–'} → {self.to_status}"
