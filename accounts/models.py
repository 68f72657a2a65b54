from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac

from accounts import roles


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
        "Superusers and the 'Marketplace admins' group are the marketplace's "
        "admins (see accounts/roles.py).",
    )

    class VendorStatus(models.TextChoices):
        APPROVED = "approved", "Approved"
        PENDING = "pending", "Awaiting approval"
        REJECTED = "rejected", "Rejected"
        SUSPENDED = "suspended", "Suspended"

    email = models.EmailField("email address", unique=True)
    phone = models.CharField(max_length=32, blank=True)
    address = models.TextField(blank=True, help_text="Default shipping address.")
    is_trusted_vendor = models.BooleanField(
        "trusted vendor",
        default=False,
        help_text="Set by an admin: the X announcements of this vendor's stores and "
        "products go out without waiting for review. Links and @mentions are "
        "removed from them either way.",
    )
    vendor_status = models.CharField(
        max_length=10,
        choices=VendorStatus.choices,
        default=VendorStatus.APPROVED,
        db_index=True,
        editable=False,
        help_text="A vendor account's standing, changed only through "
        "vendor_accounts.services (approve, reject, suspend, reinstate): only an "
        "approved vendor publishes; a suspended vendor's stores leave the site.",
    )
    token_generation = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text='Raised by "log out everywhere": API tokens and site sessions '
        "made before stop working.",
    )

    def _get_session_auth_hash(self, secret=None) -> str:
        # Django ends a session when this hash changes (a new password); "log out
        # everywhere" changes it too. Generation 0 keeps Django's own hash, so
        # existing sessions survive the upgrade.
        if not self.token_generation:
            return super()._get_session_auth_hash(secret=secret)
        return salted_hmac(
            "accounts.User.session_auth_hash",
            f"{self.password}:{self.token_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    @property
    def is_vendor(self) -> bool:
        return roles.is_vendor(self)

    @property
    def is_admin(self) -> bool:
        return roles.is_marketplace_admin(self)

    @property
    def can_enter_admin(self) -> bool:
        return roles.can_enter_admin(self)
