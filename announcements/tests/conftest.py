import signal

import pytest
import responses

from accounts.tests.factories import VendorFactory
from vendors.models import StoreIndexPage

UPLOAD_URL = "https://upload.twitter.com/1.1/media/upload.json"
TWEET_URL = "https://api.twitter.com/2/tweets"
MEDIA_ID = "710511363345354753"
TWEET_ID = "1861234567890123456"


@pytest.fixture(autouse=True)
def x_api():
    """X's HTTP API, faked: a request nobody registered fails as a network error,
    so no test can reach the real X."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def vendor(db):
    """A vendor an admin trusts, whose announcements go out without review: the
    sending tests' vendor. test_review.py covers the untrusted ones."""
    return VendorFactory(is_trusted_vendor=True)


@pytest.fixture
def untrusted_vendor(db):
    return VendorFactory()


@pytest.fixture
def x_configured(settings):
    settings.X_API_KEY = "consumer-key"
    settings.X_API_SECRET = "consumer-secret"
    settings.X_ACCESS_TOKEN = "access-token"
    settings.X_ACCESS_TOKEN_SECRET = "access-token-secret"
    settings.X_MAX_ATTEMPTS = 3
    settings.X_RETRY_BASE_SECONDS = 60


@pytest.fixture
def x_accepts(x_api, x_configured):
    """X takes every picture and every post."""
    x_api.post(
        UPLOAD_URL,
        json={"media_id": int(MEDIA_ID), "media_id_string": MEDIA_ID, "size": 1024},
    )
    x_api.post(
        TWEET_URL, status=201, json={"data": {"id": TWEET_ID, "text": "(posted)"}}
    )
    return x_api


@pytest.fixture
def store_index(site):
    # Announcements carry absolute addresses on the site's public host name.
    site.hostname = "shop.example.com"
    site.port = 443
    site.save()
    return StoreIndexPage.objects.get()


@pytest.fixture
def signals_restored():
    """db_worker installs its own SIGINT/SIGTERM handlers: put pytest's back."""
    names = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    saved = {name: signal.getsignal(name) for name in names}
    yield
    for name, handler in saved.items():
        signal.signal(name, handler)
