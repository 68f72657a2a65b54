from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class PrivateStorage(FileSystemStorage):
    """Files sold as downloads: under PRIVATE_MEDIA_ROOT, which has no URL.
    They are served only through a signed download link (shop.views.downloads)."""

    def url(self, name):
        raise ValueError("Private files have no URL: use a signed download link.")


class _PrivateFiles(LazyObject):
    """The storage of the files sold: STORAGES["private"] when configured (a
    private S3 bucket, PRIVATE_MEDIA_S3_BUCKET), else PRIVATE_MEDIA_ROOT on disk.
    Chosen on first use and again after the settings change (tests)."""

    def _setup(self):
        if "private" in settings.STORAGES:
            self._wrapped = storages.create_storage(settings.STORAGES["private"])
        else:
            self._wrapped = PrivateStorage(location=settings.PRIVATE_MEDIA_ROOT)


_private_files = _PrivateFiles()


@receiver(setting_changed)
def _reset_private_files(*, setting, **kwargs):
    if setting in ("STORAGES", "PRIVATE_MEDIA_ROOT"):
        _private_files._wrapped = empty


def private_storage() -> Storage:
    """Callable, so the migration keeps naming this function, not a backend."""
    return _private_files


def private_files_in_object_storage() -> bool:
    """Downloads are then answered with a short-lived pre-signed URL."""
    return "private" in settings.STORAGES


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
