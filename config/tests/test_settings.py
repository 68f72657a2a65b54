"""Settings are read from the environment; each case runs Django in a fresh process."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent.parent
GOOD_SECRET = "s" * 20 + "-not-a-real-secret-but-long-enough-0123456789"
PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
db = settings.DATABASES["default"]
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "ENGINE": db["ENGINE"],
    "NAME": str(db["NAME"]),
    "OPTIONS": db.get("OPTIONS", {}),
    "CONN_HEALTH_CHECKS": db["CONN_HEALTH_CHECKS"],
    "CACHE": settings.CACHES["default"]["BACKEND"],
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "EMAIL_HOST": settings.EMAIL_HOST,
    "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    "X_API_KEY": settings.X_API_KEY,
    "PAYPAL_BASE_URL": settings.PAYPAL_BASE_URL,
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
}))
"""


# Never passed down to the settings under test. The Playwright fixture sets
# DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never has it, and
# `check --deploy` rightly refuses it.
NOT_INHERITED = {
    "DATABASE_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DEBUG",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def _run(settings_module: str, code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    clean.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_dev_settings_default_to_sqlite_and_console_email():
    result = _run("config.settings.dev", PRINT_SETTINGS)

    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["DEBUG"] is True
    assert values["ENGINE"] == "django.db.backends.sqlite3"
    assert values["NAME"] == str(BASE_DIR / "db.sqlite3")
    assert values["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in values["OPTIONS"]["init_command"]
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_production_settings_read_everything_from_the_environment(tmp_path):
    result = _run(
        "config.settings.production",
        PRINT_SETTINGS,
        SECRET_KEY=GOOD_SECRET,
        ALLOWED_HOSTS="shop.example.com,www.shop.example.com",
        DATABASE_URL="mysql://shop:pw@db.internal:3306/shop",
        CACHE_URL="redis://127.0.0.1:6379/1",
        EMAIL_URL="smtp+tls://mailer:pw@smtp.example.com:587",
        MEDIA_ROOT=str(tmp_path),
        X_API_KEY="x-key",
        PAYPAL_BASE_URL="http://127.0.0.1:9999",
    )

    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == ["shop.example.com", "www.shop.example.com"]
    assert values["ENGINE"] == "django.db.backends.mysql"
    assert values["NAME"] == "shop"
    assert values["OPTIONS"]["charset"] == "utf8mb4"
    assert "STRICT_TRANS_TABLES" in values["OPTIONS"]["init_command"]
    assert values["CONN_HEALTH_CHECKS"] is True
    assert values["CACHE"] == "config.cache.RedisCache"  # Django's, one client a pool
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["EMAIL_HOST"] == "smtp.example.com"
    assert values["MEDIA_ROOT"] == str(tmp_path)
    assert values["X_API_KEY"] == "x-key"
    assert values["PAYPAL_BASE_URL"] == "http://127.0.0.1:9999"
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True


@pytest.mark.parametrize(
    "secret", ["", "short", "dev-only-insecure-key-never-use-in-production" * 2]
)
def test_production_settings_refuse_a_missing_or_weak_secret_key(secret):
    result = _run(
        "config.settings.production",
        PRINT_SETTINGS,
        SECRET_KEY=secret,
        ALLOWED_HOSTS="shop.example.com",
    )

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_refuse_missing_allowed_hosts():
    result = _run("config.settings.production", PRINT_SETTINGS, SECRET_KEY=GOOD_SECRET)

    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_settings_pass_the_deployment_checklist(tmp_path):
    # On a database not migrated yet, as on a fresh server: the checks (the API
    # schema's among them) must not need any table.
    result = _run(
        "config.settings.production",
        "import sys; from django.core.management import execute_from_command_line;"
        "execute_from_command_line(['manage.py', 'check', '--deploy',"
        " '--fail-level', 'WARNING'])",
        SECRET_KEY=GOOD_SECRET,
        ALLOWED_HOSTS="shop.example.com",
        DATABASE_URL=f"sqlite:///{tmp_path / 'not-migrated.sqlite3'}",
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
