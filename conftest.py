"""Fixtures shared by every app's tests."""

import os
from pathlib import Path

import pytest
from wagtail.models import Site

from accounts.tests.factories import AdminFactory, UserFactory, VendorFactory
from vendors.models import StoreIndexPage
from vendors.tests.factories import ProductPageFactory, StorePageFactory


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
def store_index(home_page):
    return StoreIndexPage.objects.get()


@pytest.fixture
def store(store_index, vendor):
    """The `vendor`'s published store."""
    return StorePageFactory(vendor=vendor, title="Kiln Studio")


@pytest.fixture
def product(store):
    """A published product of `store`, ten in stock."""
    return ProductPageFactory(store=store, title="Speckled mug")


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


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
]


def _serialized_test_databases() -> dict[str, str]:
    from django.db import connections

    return {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }


def _serialized_test_databases_restore(serialized: dict[str, str]) -> None:
    from django.db import connections

    for alias, contents in serialized.items():
        connections[alias]._test_serialized_contents = contents


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """Debian's headless Chromium driven by Playwright (never its own download)."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail("End-to-end tests need Debian's chromium: apt-get install chromium")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make around it are still plain synchronous code.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    serialized = _serialized_test_databases()
    with sync_playwright() as playwright:
        # With that loop running, Django hands out new connection objects, which
        # lack the snapshot serialized_rollback restores: give it back to them.
        _serialized_test_databases_restore(serialized)
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page_in_browser(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()
