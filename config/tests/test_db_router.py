"""The replica router: plain reads to the replica, everything current to the primary."""

import time

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from accounts.models import User
from config import db_router
from config.db_router import PIN_COOKIE, PrimaryReplicaRouter, ReadYourWritesMiddleware
from shop.models import Order

router = PrimaryReplicaRouter()


@pytest.fixture(autouse=True)
def _fresh_context():
    db_router.reset()
    yield
    db_router.reset()


def test_a_plain_read_goes_to_the_replica():
    assert router.db_for_read(Order) == "replica"


def test_a_read_after_a_write_goes_to_the_primary():
    assert router.db_for_write(Order) == "default"
    assert router.db_for_read(User) == "default"


@pytest.mark.django_db
def test_a_read_inside_a_transaction_goes_to_the_primary():
    # (The test itself runs inside pytest-django's transaction.)
    with transaction.atomic():
        assert router.db_for_read(Order) == "default"


def test_the_replica_is_never_migrated():
    assert router.allow_migrate("replica", "shop") is False
    assert router.allow_migrate("default", "shop") is True


def _request(**cookies):
    request = RequestFactory().get("/")
    request.COOKIES.update(cookies)
    return request


def test_a_request_that_wrote_pins_its_client_for_a_moment(settings):
    settings.REPLICA_PIN_SECONDS = 5
    seen = {}

    def writes(request):
        router.db_for_write(Order)
        seen["read"] = router.db_for_read(Order)
        return HttpResponse()

    response = ReadYourWritesMiddleware(writes)(_request())

    assert seen["read"] == "default"
    cookie = response.cookies[PIN_COOKIE]
    assert cookie["max-age"] == 5 and cookie["httponly"]
    assert float(cookie.value) > time.time()

    # The next request of that client (the redirect after a POST) reads the
    # primary; another client, or the same one later, reads the replica.
    def reads(request):
        seen["read"] = router.db_for_read(Order)
        return HttpResponse()

    ReadYourWritesMiddleware(reads)(_request(**{PIN_COOKIE: cookie.value}))
    assert seen["read"] == "default"
    later = ReadYourWritesMiddleware(reads)(_request(**{PIN_COOKIE: "1"}))
    assert seen["read"] == "replica"
    assert PIN_COOKIE not in later.cookies
    ReadYourWritesMiddleware(reads)(_request(**{PIN_COOKIE: "not a number"}))
    assert seen["read"] == "replica"


def test_the_settings_add_the_replica_only_when_asked(tmp_path):
    import subprocess
    import sys

    code = (
        "from django.conf import settings as s; "
        "print(sorted(s.DATABASES), s.DATABASE_ROUTERS, s.MIDDLEWARE[1])"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'a.sqlite3'}",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**env, "DATABASE_REPLICA_URL": "mysql://reader@10.0.0.2:3306/shop"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "['default', 'replica']" in result.stdout
    assert "config.db_router.PrimaryReplicaRouter" in result.stdout
    assert "ReadYourWritesMiddleware" in result.stdout
