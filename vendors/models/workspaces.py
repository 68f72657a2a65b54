from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from wagtail.models import Collection


class VendorWorkspace(models.Model):
    """A vendor's private corner of the Wagtail admin.

    The group carries the vendor's page permissions (on their own stores) and image
    permissions (on their own collection); `vendors.access` keeps them current.
    """

    vendor = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workspace"
    )
    group = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="+")
    collection = models.OneToOneField(
        Collection, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self):
        return f"Workspace of {self.vendor}"
