from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models


class PrivateStorage(FileSystemStorage):
    """Files sold as downloads: under PRIVATE_MEDIA_ROOT, which has no URL.
    They are served only through a signed download link (shop.views.downloads)."""

    def url(self, name):
        raise ValueError("Private files have no URL: use a signed download link.")


def private_storage() -> FileSystemStorage:
    return PrivateStorage(location=settings.PRIVATE_MEDIA_ROOT)


class ProductFile(models.Model):
    """A file a buyer of a digital product may download once the order is paid."""

    product = models.ForeignKey(
        "vendors.ProductPage", on_delete=models.CASCADE, related_name="files"
    )
    name = models.CharField(
        max_length=255, help_text="What the buyer sees, e.g. “The e-book (PDF)”."
    )
    file = models.FileField(storage=private_storage, upload_to="product-files/%Y/%m/")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class Download(models.Model):
    """How often a bought file was downloaded through one order line."""

    line = models.ForeignKey(
        "shop.OrderLine", on_delete=models.CASCADE, related_name="downloads"
    )
    file = models.ForeignKey(
        ProductFile, on_delete=models.CASCADE, related_name="downloads"
    )
    count = models.PositiveIntegerField(default=0)
    last_downloaded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["line", "file"], name="shop_download_one_per_line_file"
            )
        ]

    def __str__(self):
        return f"{self.file_id} via line {self.line_id}: {self.count}"
