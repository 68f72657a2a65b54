"""Digital delivery: links only once paid, signed and expiring, limited in
count, revoked by a refund, and never a public address to the file."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from freezegun import freeze_time

from accounts.tests.factories import VendorFactory
from shop.exceptions import DownloadRefused
from shop.models import Download
from shop.services.downloads import (
    download_claim,
    order_downloads,
    product_file_add,
)
from shop.services.orders import order_cancel
from shop.tests.factories import order_for

CONTENT = b"%PDF-1.4 the glazing book"


@pytest.fixture
def ebook_file(ebook, vendor):
    return product_file_add(
        product=ebook,
        actor=vendor,
        name="Glazing e-book (PDF)",
        file=SimpleUploadedFile("glazing.pdf", CONTENT),
    )


def _token(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def _content(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_file_is_stored_privately_with_no_public_address(ebook_file):
    stored = Path(ebook_file.file.path)

    assert stored.read_bytes() == CONTENT
    assert Path(settings.PRIVATE_MEDIA_ROOT) in stored.parents
    assert Path(settings.MEDIA_ROOT) not in stored.parents
    with pytest.raises(ValueError):
        ebook_file.file.url  # noqa: B018 (no base URL: nothing serves it)


def test_only_the_products_vendor_attaches_files_to_digital_products(
    ebook, mug, vendor
):
    upload = SimpleUploadedFile("a.pdf", b"x")
    with pytest.raises(PermissionDenied):
        product_file_add(product=ebook, actor=VendorFactory(), name="A", file=upload)
    with pytest.raises(ValidationError):
        product_file_add(product=mug, actor=vendor, name="A", file=upload)


def test_no_links_before_payment_then_a_working_download(
    buyer, ebook, mug, ebook_file, client, paypal_api
):
    from shop.tests.conftest import paypal_accepts_order

    paypal_accepts_order(paypal_api)
    unpaid = order_for(buyer=buyer, items=[(ebook, 1)], payment_method="paypal")
    paid = order_for(buyer=buyer, items=[(ebook, 1), (mug, 1)])

    links = order_downloads(order=paid)
    (line,) = [line for line in paid.lines.all() if line.digital]
    (link,) = links[line.pk]
    response = client.get(link.url)

    assert order_downloads(order=unpaid) == {}
    assert link.name == "Glazing e-book (PDF)"
    assert link.downloads_left == settings.DOWNLOAD_LIMIT
    assert ebook_file.file.name not in link.url
    assert response.status_code == 200
    assert _content(response) == CONTENT
    assert 'filename="Glazing e-book (PDF).pdf"' in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert ebook_file.file.name not in str(response.headers)
    assert order_downloads(order=paid)[line.pk][0].downloads_left == (
        settings.DOWNLOAD_LIMIT - 1
    )


def test_links_expire_and_are_limited_in_count(buyer, ebook, ebook_file, settings):
    settings.DOWNLOAD_LIMIT = 2
    settings.DOWNLOAD_LINK_HOURS = 1
    order = order_for(buyer=buyer, items=[(ebook, 1)])
    token = _token(order_downloads(order=order)[order.lines.get().pk][0].url)

    download_claim(token=token)
    download_claim(token=token)
    with pytest.raises(DownloadRefused, match="the most allowed"):
        download_claim(token=token)
    with freeze_time(timezone.now() + timedelta(hours=1, minutes=1)):
        with pytest.raises(DownloadRefused, match="expired"):
            download_claim(token=token)
    with pytest.raises(DownloadRefused, match="not valid"):
        download_claim(token=token[:-2] + "xx")
    assert Download.objects.get().count == 2


def test_a_refund_revokes_the_links(buyer, ebook, ebook_file, client):
    order = order_for(buyer=buyer, items=[(ebook, 1)])
    url = order_downloads(order=order)[order.lines.get().pk][0].url

    order_cancel(order=order, actor=buyer)

    order.refresh_from_db()
    assert order.status == "refunded"
    assert order_downloads(order=order) == {}
    response = client.get(url)
    assert response.status_code == 410
    assert "not available" in response.content.decode()
