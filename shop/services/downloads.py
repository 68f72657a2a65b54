"""Digital delivery: signed, expiring, count-limited download links.

A buyer who paid for a digital product may download each of its files
DOWNLOAD_LIMIT times through links that expire DOWNLOAD_LINK_HOURS after they
were made (each page or e-mail showing them makes fresh ones). A link names
the order line and the file, signed with the site's secret key; it never
shows where the file is stored. A part that is cancelled or refunded, or not
paid yet, gives no links and its links stop working.
"""

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.urls import reverse
from django.utils import timezone

from shop.exceptions import DownloadRefused
from shop.models import SOLD_STATUSES, Download, OrderLine, OrderPart, ProductFile

SALT = "shop.download"


@dataclass(frozen=True)
class DownloadLink:
    name: str
    url: str
    expires_at: datetime
    downloads_left: int


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def _max_age() -> timedelta:
    return timedelta(hours=settings.DOWNLOAD_LINK_HOURS)


def download_token(*, line_id: int, file_id: int) -> str:
    return _signer().sign(f"{line_id}.{file_id}")


def orders_downloads(
    *, orders: Iterable, base_url: str = ""
) -> dict[int, list[DownloadLink]]:
    """{order line id: its download links} for the digital lines of these
    orders (parts and lines prefetched) whose part is paid and not over;
    two queries when some line is digital, none otherwise. `base_url` makes
    the links absolute (e-mails)."""
    lines = []
    for order in orders:
        sold_parts = {
            part.pk for part in order.parts.all() if part.status in SOLD_STATUSES
        }
        lines += [
            line
            for line in order.lines.all()
            if line.digital and line.product_id and line.part_id in sold_parts
        ]
    if not lines:
        return {}
    files: dict[int, list[ProductFile]] = {}
    for file in ProductFile.objects.filter(
        product_id__in={line.product_id for line in lines}
    ).order_by("name", "pk"):
        files.setdefault(file.product_id, []).append(file)
    used = {
        (row.line_id, row.file_id): row.count
        for row in Download.objects.filter(line__in=[line.pk for line in lines])
    }
    expires_at = timezone.now() + _max_age()
    links: dict[int, list[DownloadLink]] = {}
    for line in lines:
        links[line.pk] = [
            DownloadLink(
                name=file.name,
                url=base_url
                + reverse(
                    "shop:download",
                    args=[download_token(line_id=line.pk, file_id=file.pk)],
                ),
                expires_at=expires_at,
                downloads_left=max(
                    settings.DOWNLOAD_LIMIT - used.get((line.pk, file.pk), 0), 0
                ),
            )
            for file in files.get(line.product_id, [])
        ]
    return links


def order_downloads(*, order, base_url: str = "") -> dict[int, list[DownloadLink]]:
    return orders_downloads(orders=[order], base_url=base_url)


@transaction.atomic
def download_claim(*, token: str) -> ProductFile:
    """The file a download link gives, counting the download.

    DownloadRefused when the link is forged or expired, its part is not paid
    or was cancelled or refunded, the product no longer has that file, or the
    downloads are used up.
    """
    try:
        value = _signer().unsign(token, max_age=_max_age())
        line_id, file_id = (int(part) for part in value.split("."))
    except signing.SignatureExpired as error:
        raise DownloadRefused(
            "This download link has expired. Open your order for a new one."
        ) from error
    except (signing.BadSignature, ValueError) as error:
        raise DownloadRefused("This download link is not valid.") from error
    line = (
        OrderLine.objects.select_related("part")
        .filter(pk=line_id, digital=True)
        .first()
    )
    if line is None or line.part.status not in SOLD_STATUSES:
        raise DownloadRefused("This download is not available.")
    file = ProductFile.objects.filter(pk=file_id, product_id=line.product_id).first()
    if file is None:
        raise DownloadRefused("This file is no longer available.")
    row, _created = Download.objects.get_or_create(line=line, file=file)
    row = Download.objects.select_for_update().get(pk=row.pk)
    if row.count >= settings.DOWNLOAD_LIMIT:
        raise DownloadRefused(
            f"This file was downloaded {row.count} times, the most allowed."
        )
    row.count = F("count") + 1
    row.last_downloaded_at = timezone.now()
    row.save(update_fields=["count", "last_downloaded_at"])
    return file


def download_counts(*, part: OrderPart) -> dict[int, int]:
    """{order line id: downloads of its files so far}, for the vendor."""
    return dict(
        Download.objects.filter(line__part=part)
        .order_by()
        .values("line_id")
        .annotate(n=Sum("count"))
        .values_list("line_id", "n")
    )


def product_download_counts(*, product_ids: Iterable[int]) -> dict[int, int]:
    """{product file id: downloads by every buyer}, for the vendor."""
    return dict(
        Download.objects.filter(file__product_id__in=list(product_ids))
        .order_by()
        .values("file_id")
        .annotate(n=Sum("count"))
        .values_list("file_id", "n")
    )


MAX_FILE_BYTES = 500 * 1024 * 1024


def product_file_add(*, product, actor, name: str, file) -> ProductFile:
    """Attach a file to the actor's digital product, stored privately.

    PermissionDenied unless `actor` manages the product; ValidationError when
    the product is not digital or the file is empty or too large.
    """
    from vendors.selectors import products_managed_by

    if not products_managed_by(actor).filter(pk=product.pk).exists():
        raise PermissionDenied("You may attach files only to your own products.")
    if not product.digital:
        raise ValidationError("Only a digital product delivers files.")
    if not file or not file.size:
        raise ValidationError({"file": "The file is empty."})
    if file.size > MAX_FILE_BYTES:
        raise ValidationError({"file": "The file is larger than 500 MB."})
    product_file = ProductFile(product=product, name=name.strip())
    product_file.file.save(posixpath.basename(file.name), file, save=False)
    product_file.full_clean()
    product_file.save()
    return product_file


def product_file_delete(*, product_file: ProductFile, actor) -> None:
    """Remove a file (and its stored copy); buyers' links to it stop working."""
    from vendors.selectors import products_managed_by

    if not products_managed_by(actor).filter(pk=product_file.product_id).exists():
        raise PermissionDenied("You may remove only your own products' files.")
    stored = product_file.file
    product_file.delete()
    stored.delete(save=False)
