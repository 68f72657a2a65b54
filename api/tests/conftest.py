import io

import pytest
from PIL import Image as PILImage
from rest_framework_simplejwt.tokens import AccessToken

from accounts.tests.factories import VendorFactory
from vendors.models import StoreIndexPage
from vendors.tests.factories import ProductPageFactory, StorePageFactory


def bearer(user) -> str:
    return f"Bearer {AccessToken.for_user(user)}"


def image_upload(name="picture.png", *, size=(40, 30), image_format="PNG"):
    """An in-memory picture file, as a multipart upload sends it."""
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "teal").save(buffer, format=image_format)
    buffer.seek(0)
    buffer.name = name
    return buffer


@pytest.fixture
def store_index(home_page):
    return StoreIndexPage.objects.get()


@pytest.fixture
def other_vendor(db):
    return VendorFactory()


@pytest.fixture
def store(store_index, vendor):
    return StorePageFactory(vendor=vendor, title="Kiln Studio")


@pytest.fixture
def product(store):
    return ProductPageFactory(store=store, title="Speckled mug")


@pytest.fixture
def client_as(api_client):
    """`client_as(user)`: the API client sending that user's access token."""

    def authenticate(user):
        if user is None:
            api_client.credentials()
        else:
            api_client.credentials(HTTP_AUTHORIZATION=bearer(user))
        return api_client

    return authenticate
