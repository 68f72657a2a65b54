from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from vendor_accounts.models import VendorAccount
from vendor_accounts.services import vendor_account_open


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def vendor_account_with_role(sender, instance, update_fields=None, **kwargs):
    # A user becomes a vendor through doors we do not all own (allauth's sign-up,
    # the API, Wagtail's user editor): the account comes with the role.
    if update_fields is not None and "role" not in update_fields:
        return
    if (
        instance.is_vendor
        and not VendorAccount.objects.filter(vendor=instance).exists()
    ):
        vendor_account_open(vendor=instance)
