"""Media on S3-compatible object storage (django-storages), against moto's S3 server
on loopback: public media (Wagtail images and renditions) in a public-read bucket,
the files sold as downloads in a private one, reached only by a short-lived
pre-signed URL after our signed, counted link was checked."""

import html
import io
import json
import os
import re
import socket
import subprocess
import sys
import tarfile
import urllib.error
import urllib.request
import uuid
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time
from moto.server import ThreadedMotoServer
from PIL import Image as PILImage
from wagtail.images import get_image_model

from shop.services.downloads import order_downloads, product_file_add
from shop.tests.factories import order_for
from vendors.tests.factories import ImageFactory, ProductPageFactory

REGION = "us-east-1"
CONTENT = b"%PDF-1.4 the glazing book, from the private bucket"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3():
    """moto's S3 server and two buckets unique to this worker and run."""
    server = ThreadedMotoServer(
        ip_address="127.0.0.1", port=_free_port(), verbose=False
    )
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    suffix = f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{uuid.uuid4().hex[:8]}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    media, private = f"media-{suffix}", f"private-{suffix}"
    client.create_bucket(Bucket=media)
    client.create_bucket(Bucket=private)
    yield {"endpoint": endpoint, "media": media, "private": private, "client": client}
    server.stop()


@pytest.fixture
def s3_settings(s3, settings):
    """What MEDIA_S3_BUCKET and PRIVATE_MEDIA_S3_BUCKET make of STORAGES
    (config/settings/base.py), pointed at moto. Setting STORAGES resets Django's
    storage handler, default_storage and shop's private storage."""
    common = {
        "endpoint_url": s3["endpoint"],
        "region_name": REGION,
        "access_key": "test",
        "secret_key": "test",
        "addressing_style": "path",
        "signature_version": "s3v4",
        "file_overwrite": False,
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": s3["media"],
                "default_acl": "public-read",
                "querystring_auth": False,
            },
        },
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": s3["private"],
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 60,
            },
        },
    }
    return s3


def _fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def _png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 240), (200, 80, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def test_the_environment_switches_storages_to_s3():
    """config/settings/base.py as a server reads it, in a fresh interpreter."""
    env = {
        **os.environ,
        "MEDIA_S3_BUCKET": "shop-media",
        "PRIVATE_MEDIA_S3_BUCKET": "shop-private",
        "S3_ENDPOINT_URL": "https://s3.example.net",
        "MEDIA_S3_CUSTOM_DOMAIN": "media.example.net",
    }
    script = (
        "import json, config.settings.base as s; "
        "print(json.dumps(s.STORAGES, default=str))"
    )
    output = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings_dir(),
    ).stdout
    storages = json.loads(output.strip().splitlines()[-1])

    media, private = storages["default"], storages["private"]
    assert media["BACKEND"] == private["BACKEND"] == "storages.backends.s3.S3Storage"
    assert media["OPTIONS"]["bucket_name"] == "shop-media"
    assert media["OPTIONS"]["endpoint_url"] == "https://s3.example.net"
    assert media["OPTIONS"]["custom_domain"] == "media.example.net"
    assert media["OPTIONS"]["default_acl"] == "public-read"
    assert media["OPTIONS"]["querystring_auth"] is False
    assert media["OPTIONS"]["file_overwrite"] is False
    assert private["OPTIONS"]["bucket_name"] == "shop-private"
    assert private["OPTIONS"]["default_acl"] == "private"
    assert private["OPTIONS"]["querystring_auth"] is True
    assert private["OPTIONS"]["querystring_expire"] == 60


def settings_dir() -> str:
    return str(Path(__file__).resolve().parents[2])


def test_the_default_is_the_local_file_system(settings):
    assert settings.STORAGES["default"]["BACKEND"] == (
        "django.core.files.storage.FileSystemStorage"
    )
    assert "private" not in settings.STORAGES


def test_an_image_uploaded_in_the_admin_lands_in_the_bucket_and_its_rendition_loads(
    s3_settings, admin_client
):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Speckled mug",
            "file": SimpleUploadedFile("mug.png", _png(), content_type="image/png"),
        },
    )

    assert response.status_code == 302, response.content[:2000]
    image = get_image_model().objects.get(title="Speckled mug")
    listed = s3_settings["client"].list_objects_v2(Bucket=s3_settings["media"])
    keys = [item["Key"] for item in listed.get("Contents", [])]
    assert image.file.name in keys
    assert (image.width, image.height) == (320, 240)

    rendition = image.get_rendition("fill-100x100")

    assert rendition.file.name in [
        item["Key"]
        for item in s3_settings["client"].list_objects_v2(Bucket=s3_settings["media"])[
            "Contents"
        ]
    ]
    assert rendition.url.startswith(
        f"{s3_settings['endpoint']}/{s3_settings['media']}/"
    )
    assert "Signature" not in rendition.url  # public, cacheable page markup
    status, body = _fetch(rendition.url)
    assert status == 200
    with PILImage.open(io.BytesIO(body)) as loaded:
        assert loaded.size == (100, 100)


def test_a_product_page_shows_its_picture_from_the_bucket(s3_settings, client, store):
    product = ProductPageFactory(
        store=store, title="Speckled mug", image=ImageFactory(title="Mug")
    )

    response = client.get(product.url)

    assert response.status_code == 200
    origin = re.escape(f"{s3_settings['endpoint']}/{s3_settings['media']}/")
    sources = re.findall(rf'src="({origin}[^"]+)"', response.content.decode())
    assert sources
    status, body = _fetch(html.unescape(sources[0]))
    assert status == 200
    with PILImage.open(io.BytesIO(body)) as loaded:
        assert loaded.width > 0
    assert s3_settings["endpoint"] in response["Content-Security-Policy"]


def test_the_csp_allows_images_from_the_buckets_origin(s3_settings, client, store):
    response = client.get("/")

    img_src = next(
        part.split()
        for part in response["Content-Security-Policy"].split(";")
        if part.split()[0] == "img-src"
    )
    assert s3_settings["endpoint"] in img_src
    assert "'self'" in img_src


def test_the_csp_names_no_other_origin_with_local_media(client, store):
    response = client.get("/")

    img_src = next(
        part.strip()
        for part in response["Content-Security-Policy"].split(";")
        if part.split()[0] == "img-src"
    )
    assert "http" not in img_src


@pytest.fixture
def ebook_file(s3_settings, store, vendor):
    ebook = ProductPageFactory(
        store=store,
        title="Glazing e-book",
        price=Decimal("7.99"),
        digital=True,
        stock_quantity=0,
    )
    product_file = product_file_add(
        product=ebook,
        actor=vendor,
        name="Glazing e-book (PDF)",
        file=SimpleUploadedFile("glazing.pdf", CONTENT),
    )
    return ebook, product_file


def test_a_paid_download_redirects_to_a_short_lived_presigned_url(
    s3_settings, ebook_file, buyer, client
):
    ebook, product_file = ebook_file
    order = order_for(buyer=buyer, items=[(ebook, 1)])
    (link,) = order_downloads(order=order)[order.lines.get().pk]

    response = client.get(link.url)

    assert response.status_code == 302
    location = response["Location"]
    url = urlsplit(location)
    query = parse_qs(url.query)
    assert f"{url.scheme}://{url.netloc}" == s3_settings["endpoint"]
    assert url.path.startswith(f"/{s3_settings['private']}/")
    assert query["X-Amz-Expires"] == ["60"]
    assert "Glazing e-book (PDF).pdf" in query["response-content-disposition"][0]
    assert "no-store" in response["Cache-Control"]
    status, body = _fetch(location)
    assert status == 200
    assert body == CONTENT
    # Counted once, by our view; the page showing links never names the file.
    (again,) = order_downloads(order=order)[order.lines.get().pk]
    assert again.downloads_left == link.downloads_left - 1
    assert product_file.file.name not in again.url


def test_the_private_object_is_not_publicly_readable(s3_settings, ebook_file):
    _, product_file = ebook_file
    key = product_file.file.name

    head = s3_settings["client"].head_object(Bucket=s3_settings["private"], Key=key)
    status, _ = _fetch(f"{s3_settings['endpoint']}/{s3_settings['private']}/{key}")

    assert head["ContentLength"] == len(CONTENT)
    assert status == 403


def test_an_expired_or_forged_link_gets_no_presigned_url(
    s3_settings, ebook_file, buyer, client, settings
):
    settings.DOWNLOAD_LINK_HOURS = 1
    ebook, _ = ebook_file
    order = order_for(buyer=buyer, items=[(ebook, 1)])
    (link,) = order_downloads(order=order)[order.lines.get().pk]

    forged = client.get(link.url.rstrip("/")[:-2] + "xx/")
    with freeze_time(timezone.now() + timedelta(hours=1, minutes=1)):
        expired = client.get(link.url)

    for response in (forged, expired):
        assert response.status_code in (404, 410)
        assert "Location" not in response
        assert s3_settings["endpoint"] not in response.content.decode()


def test_default_storage_follows_the_settings(s3_settings):
    assert default_storage.bucket_name == s3_settings["media"]


def test_the_media_backup_reads_the_bucket(s3_settings, settings, tmp_path, db):
    """`manage.py backup`'s media part (django-dbbackup's mediabackup) walks the
    default storage, so with MEDIA_S3_BUCKET it archives the bucket's objects."""
    image = ImageFactory(title="Backed up")
    settings.STORAGES = {
        **settings.STORAGES,
        "dbbackup": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }

    call_command("mediabackup", output_path=str(tmp_path / "media.tar"))

    with tarfile.open(tmp_path / "media.tar") as archive:
        names = archive.getnames()
    assert any(name.endswith(image.file.name) for name in names)
