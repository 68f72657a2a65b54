"""Fixtures shared by every app's tests."""

import pytest
from wagtail.models import Site

from accounts.tests.factories import AdminFactory, UserFactory, VendorFactory


@pytest.fixture(autouse=True)
def _isolated_cache():
    # Throttles and rate limits count in the cache: start every test from zero.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(site):
    return site.root_page.specific


@pytest.fixture
def buyer(db):
    return UserFactory()


@pytest.fixture
def vendor(db):
    return VendorFactory()


@pytest.fixture
def admin_user(db):
    return AdminFactory()


@pytest.fixture
def buyer_client(client, buyer):
    client.force_login(buyer)
    return client


@pytest.fixture
def vendor_client(client, vendor):
    client.force_login(vendor)
    return client


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client
