import tempfile

from config.settings.base import *

DEBUG = False
# Long enough for HS256-signed JWTs (32 bytes and more).
SECRET_KEY = "test-only-secret-key-not-for-any-real-site"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="marketplace-test-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="marketplace-test-private-")
SITE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
PAYMENTS_TEST_PROVIDER_ENABLED = True
LOGGING = {"version": 1, "disable_existing_loggers": False}

# Serve static files straight from the finders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests that run the RQ worker use their own Redis database.
RQ_QUEUES = {
    "default": {"URL": env("RQ_REDIS_URL", default="redis://127.0.0.1:6379/15")}
}
