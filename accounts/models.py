from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    class Role(models.TextChoices):
        BUYER = "buyer", "Buyer"
        VENDOR = "vendor", "Vendor"

    role = models.CharField(
        max_length=10,
        choices=Role.choices,
        default=Role.BUYER,
        db_index=True,
        help_text="Vendors open stores and reach the Wagtail admin; buyers shop. "
        "Staff and superusers are the marketplace's admins.",
    )
    email = models.EmailField("email address", unique=True)
    phone = models.CharField(max_length=32, blank=True)
    address = models.TextField(blank=True, help_text="Default shipping address.")

    @property
    def is_vendor(self) -> bool:
        return self.role == self.Role.VENDOR

    @property
    def is_admin(self) -> bool:
        return self.is_staff or self.is_superuser
