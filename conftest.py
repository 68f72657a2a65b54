"""Fixtures shared by every app's tests."""

import os
import re
import threading
import time
from dataclasses import dataclass, field
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
def rendition_cache_writes(monkeypatch):
    """The rendition cache keys written from now on (Wagtail's cache backend
    for renditions, wrapped): a render that found its renditions prefetched
    should write none."""
    from wagtail.images.models import Rendition

    written = []
    backend = type(Rendition.cache_backend)
    for method in ("set", "set_many"):
        original = getattr(backend, method)

        def spy(self, key_or_dict, *args, _original=original, **kwargs):
            keys = [key_or_dict] if isinstance(key_or_dict, str) else list(key_or_dict)
            written.extend(key for key in keys if key.startswith("wagtail-rendition-"))
            return _original(self, key_or_dict, *args, **kwargs)

        monkeypatch.setattr(backend, method, spy)
    return written


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


# Runs in every frame (previews and other iframes included) before the page's own
# scripts, and hands each Content-Security-Policy violation to Python.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__e2eCspViolation({
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: event.sourceFile,
    line: event.lineNumber,
    sample: event.sample,
    disposition: event.disposition,
    page: event.documentURI,
  });
}, true);
"""
# Requests cut short by a navigation (the browser leaving a page mid-load).
IGNORED_REQUEST_FAILURES = {"net::ERR_ABORTED"}
_FAILED_RESOURCE = re.compile(r"^Failed to load resource: .*status of (\d{3})")


@dataclass
class BrowserProblems:
    """Console errors, uncaught exceptions, failed requests, responses >= 400 and
    CSP violations seen in the browser during one test; any left fails the test.

    A test that provokes one says so first: `browser_problems.expect_response(404,
    "/admin/pages/999/")`, `.expect_console("text")` or
    `.expect_csp_violation("script-src-attr", "/vendor/lib.js")`.
    """

    problems: list[str] = field(default_factory=list)
    expected_responses: list[tuple[int, str]] = field(default_factory=list)
    expected_console: list[str] = field(default_factory=list)
    expected_csp: list[tuple[str, str]] = field(default_factory=list)
    context: object = None
    # Chromium's "Failed to load resource" console lines, judged at the end: one
    # for a response seen below is a duplicate; one for a request pages do not see
    # (the /favicon.ico the browser asks for by itself) is a problem of its own.
    _failed_resources: list[tuple[int, str, str]] = field(default_factory=list)
    _responses_seen: set[tuple[int, str]] = field(default_factory=set)

    def expect_response(self, status: int, url_contains: str) -> None:
        self.expected_responses.append((status, url_contains))

    def expect_console(self, text_contains: str) -> None:
        self.expected_console.append(text_contains)

    def expect_csp_violation(self, directive: str, source_contains: str) -> None:
        """A violation of `directive` by a script whose URL contains the text, and
        the console error Chromium logs for it."""
        self.expected_csp.append((directive, source_contains))

    def _is_expected_csp(self, directive: str, source: str) -> bool:
        return any(
            directive == expected and part in source
            for expected, part in self.expected_csp
        )

    def _is_expected_response(self, status: int, url: str) -> bool:
        return any(
            status == expected and part in url
            for expected, part in self.expected_responses
        )

    def on_console(self, message) -> None:
        if message.type != "error":
            return
        text = message.text
        if any(part in text for part in self.expected_console):
            return
        url = message.location.get("url", "")
        if "Content Security Policy" in text and any(
            part in url for _, part in self.expected_csp
        ):
            return
        line = f"console error: {text} ({url})"
        status = _FAILED_RESOURCE.match(text)
        if status:
            self._failed_resources.append((int(status.group(1)), url, line))
        else:
            self.problems.append(line)

    def on_page_error(self, web_error) -> None:
        error = web_error.error
        where = web_error.page.url if web_error.page else ""
        self.problems.append(
            f"uncaught exception: {error.name}: {error.message} ({where})"
        )

    def on_request_failed(self, request) -> None:
        failure = request.failure or ""
        if failure not in IGNORED_REQUEST_FAILURES:
            self.problems.append(
                f"request failed: {request.method} {request.url} ({failure})"
            )

    def on_response(self, response) -> None:
        if response.status < 400:
            return
        self._responses_seen.add((response.status, response.url))
        if self._is_expected_response(response.status, response.url):
            return
        if _is_autosave_of_incomplete_form(response):
            return
        kind = response.headers.get("content-type", "")
        self.problems.append(
            f"HTTP {response.status}: {response.request.method} {response.url} {kind}"
        )

    def on_csp_violation(self, source, violation: dict) -> None:
        if self._is_expected_csp(violation["directive"], violation["source"]):
            return
        self.problems.append(
            "CSP violation ({disposition}): {directive} blocked {blocked!r} "
            "in {page} at {source}:{line} {sample!r}".format(**violation)
        )

    def attach(self, context) -> None:
        self.context = context
        context.on("console", self.on_console)
        context.on("weberror", self.on_page_error)
        context.on("requestfailed", self.on_request_failed)
        context.on("response", self.on_response)
        context.expose_binding("__e2eCspViolation", self.on_csp_violation)
        context.add_init_script(CSP_LISTENER)

    def settle(self) -> None:
        """Let events the browser has sent but Playwright not yet delivered arrive."""
        pages = [page for page in self.context.pages if not page.is_closed()]
        if pages:
            pages[0].wait_for_timeout(100)

    def take(self) -> list[str]:
        """The problems seen so far, forgotten once taken."""
        self.settle()
        for status, url, line in self._failed_resources:
            seen = (status, url) in self._responses_seen
            if not seen and not self._is_expected_response(status, url):
                self.problems.append(line)
        taken, self.problems, self._failed_resources = self.problems, [], []
        return taken


def _is_autosave_of_incomplete_form(response) -> bool:
    """Wagtail 8 autosaves the page editor as one types (a POST asking for JSON);
    while a required field is still empty it answers 400 "validation_error", and
    the editor shows that the draft is not saved yet. Another error code (a
    conflict, a lock) is a problem; an answer the editor left before it could be
    read (it published meanwhile) is not judged."""
    from playwright.sync_api import Error as PlaywrightError

    request = response.request
    if response.status != 400 or request.method != "POST":
        return False
    if "application/json" not in request.headers.get("accept", ""):
        return False
    if "application/json" not in response.headers.get("content-type", ""):
        return False
    try:
        body = response.json()
    except PlaywrightError:
        return True
    except ValueError:
        return False
    return isinstance(body, dict) and body.get("error_code") == "validation_error"


@pytest.fixture
def browser_problems():
    return BrowserProblems()


@pytest.fixture(scope="session")
def live_server(live_server):
    """pytest-django's live server, answering one request at a time.

    Its threads share the one connection to the in-memory SQLite test database,
    so two requests at once (the editor autosaving while a chooser loads) mix
    their transactions and fail with "database table is locked".
    """
    server = live_server.thread.httpd
    app = server.get_app()
    one_at_a_time = threading.Lock()

    def serialized_app(environ, start_response):
        with one_at_a_time:
            return app(environ, start_response)

    server.set_app(serialized_app)
    live_server.one_at_a_time = one_at_a_time
    return live_server


def _live_server_idle(request) -> None:
    """Wait for the request the live server may still be answering.

    A tab closed while the Wagtail editor's editing-session ping was in flight
    left the server writing to the database as the test's teardown flushed it
    ("database table is locked"); the flush failed and the next test on that
    worker found the last one's rows.
    """
    if "live_server" not in request.fixturenames:
        return
    lock = getattr(request.getfixturevalue("live_server"), "one_at_a_time", None)
    if lock is None:
        return
    time.sleep(0.05)  # a request already sent reaches the lock
    with lock:
        pass


@pytest.fixture
def page_in_browser(request, browser, browser_problems):
    """A tab in a fresh browser context; the test fails on any browser problem."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    browser_problems.attach(context)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    # Assertions wait as long as actions: a busy CI machine is slow, not broken.
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)
    yield tab
    context.close()
    _live_server_idle(request)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    # Checked here, not in a fixture's teardown, so problems make the test fail
    # (not error), and a test failing for another reason lists them too.
    problems = getattr(item, "funcargs", {}).get("browser_problems")
    if problems is None or problems.context is None:
        return (yield)
    try:
        result = yield
    except Exception as error:
        seen = problems.take()
        if seen:
            error.add_note("Seen in the browser:\n" + "\n".join(seen))
        raise
    seen = problems.take()
    if seen:
        pytest.fail("Seen in the browser:\n" + "\n".join(seen), pytrace=False)
    return result


@pytest.fixture
def log_in_through_form(page_in_browser, live_server):
    """Sign in through the site's login form, as a person would."""

    def log_in(user, *, next_url: str = "/admin/") -> None:
        from accounts.tests.factories import TEST_PASSWORD

        tab = page_in_browser
        tab.goto(f"{live_server.url}/accounts/login/?next={next_url}")
        tab.fill("input[name=login]", user.username)
        tab.fill("input[name=password]", TEST_PASSWORD)
        tab.click("main form button[type=submit]")
        tab.wait_for_url(f"{live_server.url}{next_url}")

    return log_in


@pytest.fixture
def log_in_with_cookie(page_in_browser, live_server):
    """Sign in by handing the browser a session cookie: fast, for tests about
    what comes after the login."""

    def log_in(user) -> None:
        from django.conf import settings
        from django.test import Client

        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page_in_browser.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": cookie.value,
                    "url": live_server.url,
                }
            ]
        )

    return log_in


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def rows_read():
    """A function giving MariaDB's count of rows this connection has read so far
    (its Handler_read_* counters): the work queries did, whatever the load on the
    machine. Tests that use it are skipped on other databases."""
    from django.db import connection

    if connection.vendor != "mysql":
        pytest.skip("counts the rows MariaDB reads")

    def read() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SHOW SESSION STATUS LIKE 'Handler_read%%'")
            return sum(int(value) for _, value in cursor.fetchall())

    return read
