"""Settings shared by every environment; every value can come from the environment.

`manage.py` uses `config.settings.dev`, wsgi/asgi `config.settings.production`,
pytest `config.settings.test`. Each overrides only what differs.
"""

from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A .env file is a convenience for development; real deployments set the environment.
env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Core -------------------------------------------------------------------
SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "accounts",
    "home",
    "vendors",
    "shop",
    "reviews",
    "announcements",
    "pagecache",
    "notifications",
    "searches",
    "operations",
    "dbbackup",
    "wishlists",
    "alerts",
    "vendor_accounts",
    "ledger",
    "analytics",
    "accounts.apps.MarketplaceUsersAppConfig",  # wagtail.users with our user forms
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "django_tasks_rq",
    "allauth",
    "allauth.account",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: health probes skip HTTPS redirects, host checks and sessions.
    "config.health.HealthCheckMiddleware",
    # A stored public page or API answer is sent from here, with the headers the
    # middleware below gave it when it was stored (pagecache.middleware).
    "pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Under /api/, Django's own error pages (an unknown path, a 500) become JSON.
    "api.middleware.APIJSONErrorsMiddleware",
    "pagecache.csrf.FetchMetadataCsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.csp.AreaCSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "vendors.admin_scope.VendorAdminScopeMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]
# Django's check looks for its CSRF middleware by name; ours is a subclass of it
# (pagecache.csrf), and pagecache checks that one is in place instead.
SILENCED_SYSTEM_CHECKS = ["security.W003"]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
_db = DATABASES["default"]
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside a writer; IMMEDIATE takes the write lock at the
    # start of a transaction, so concurrent checkouts queue (busy timeout) instead
    # of failing with "database is locked" half-way through.
    _db["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **_db.get("OPTIONS", {}),
    }
elif _db["ENGINE"] == "django.db.backends.mysql":
    _db["OPTIONS"] = {
        "charset": "utf8mb4",
        "init_command": "SET sql_mode='STRICT_TRANS_TABLES,NO_ZERO_DATE,"
        "NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO'",
        "isolation_level": "read committed",
        **_db.get("OPTIONS", {}),
    }
    _db["TEST"] = {"CHARSET": "utf8mb4"}
_db["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
_db["CONN_HEALTH_CHECKS"] = True
# A read replica (config/db_router.py): reads go there unless they are inside a
# transaction, or the request (or, for REPLICA_PIN_SECONDS, its client) wrote.
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL", default="")
REPLICA_PIN_SECONDS = env.int("REPLICA_PIN_SECONDS", default=5)
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **env.db_url_config(DATABASE_REPLICA_URL),
        "OPTIONS": _db.get("OPTIONS", {}),
        "CONN_MAX_AGE": _db["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["config.db_router.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(1, "config.db_router.ReadYourWritesMiddleware")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions -----------------------------------------------------
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://marketplace")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # The same backend, without a new Redis client object per operation (config.cache).
    CACHES["default"]["BACKEND"] = "config.cache.RedisCache"
SESSION_ENGINE = env("SESSION_ENGINE", default="django.contrib.sessions.backends.db")
# Public pages and API answers are cached whole (pagecache): kept PAGE_CACHE_TIMEOUT
# seconds at most, and dropped as soon as anything they show changes. Browsers
# revalidate after PAGE_CACHE_MAX_AGE (a 304 from the cache); a CDN keeps a page
# PAGE_CACHE_S_MAXAGE seconds (unset: max-age) and may serve it stale while it
# refetches for PAGE_CACHE_STALE_WHILE_REVALIDATE.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=600)
# Part of every page cache key (pagecache.responses.release): the release's id,
# e.g. its commit; unset, a digest of the collected static files stands for it.
PAGE_CACHE_RELEASE = env("RELEASE_ID", default="")
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=0)
PAGE_CACHE_S_MAXAGE = env.int("PAGE_CACHE_S_MAXAGE", default=None)
PAGE_CACHE_STALE_WHILE_REVALIDATE = env.int(
    "PAGE_CACHE_STALE_WHILE_REVALIDATE", default=30
)
# Each process keeps the answers it served last in memory too, up to this many
# bytes: a hit then costs one round trip to the cache (the freshness check).
PAGE_CACHE_LOCAL_BYTES = env.int("PAGE_CACHE_LOCAL_BYTES", default=32 * 1024 * 1024)
# With Redis, changes are pushed to every process (pagecache.pushed), so a hit
# needs no round trip for the freshness check either; off: one MGET per hit.
PAGE_CACHE_PUSH_GENERATIONS = env.bool("PAGE_CACHE_PUSH_GENERATIONS", default=True)
# A caching proxy or CDN in front: Wagtail purges a page's URLs there when it is
# published or unpublished (wagtail.contrib.frontend_cache). Off unless set, e.g.
# http://varnish:6081 (HTTP PURGE); other CDNs are configured in WAGTAILFRONTENDCACHE.
WAGTAILFRONTENDCACHE_LOCATION = env("WAGTAILFRONTENDCACHE_LOCATION", default="")
WAGTAILFRONTENDCACHE = (
    {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": WAGTAILFRONTENDCACHE_LOCATION,
        }
    }
    if WAGTAILFRONTENDCACHE_LOCATION
    else {}
)

# --- Background tasks (django-tasks; Wagtail 8 queues its own work here too) -
# At scale: TASKS_BACKEND=django_tasks_rq.RQBackend puts the same tasks on Redis,
# run by `manage.py rqworker --with-scheduler --job-class django_tasks_rq.Job default`.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
RQ_QUEUES = {
    "default": {"URL": env("RQ_REDIS_URL", default="redis://127.0.0.1:6379/0")}
}

# --- Accounts ---------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    # Permissions only: the marketplace-admin rule of accounts.roles.
    "accounts.backends.RolesBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="optional")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# Sign-up answers "we sent you an e-mail" whether the address was new or taken
# (accounts.registration); a new account's link, followed in the same browser,
# signs in and goes on where sign-up was headed.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Wagtail sends signed-in users who lack admin access to the login page with a
# message; show it (and let them switch account) instead of bouncing back.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Marketplace] "
# Per account (every login name of one user counts together) and per client address;
# the API login (api/accounts/) consumes the same counters.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# allauth counts failed logins in the cache, per account and per client address.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env("LOGIN_RATE_LIMIT", default="5/5m/key,20/5m/ip"),
    "signup": env("SIGNUP_RATE_LIMIT", default="20/h/ip"),
    "reset_password": "20/m/ip,5/m/key",
}

# How many proxies in front of the app append to X-Forwarded-For. 0: the header is
# ignored and the client address is REMOTE_ADDR (else any client could pick its own
# address, and so a fresh throttle bucket, per request). Used by allauth's rate
# limits and by every API throttle.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# --- Wagtail ----------------------------------------------------------------
WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", default="Wagtail Marketplace")
# Where people reach the site: the one source of absolute links made without a
# request at hand (e-mails, the API's `url` fields through Wagtail's default
# Site, which seed_demo sets from it). `make run` sets it to the port it serves.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default=SITE_URL)
# The admin signs in through allauth, so its login is throttled like the site's.
WAGTAILADMIN_LOGIN_URL = "account_login"
# One account surface: passwords and e-mail addresses change, and passwords are
# reset, only through allauth's verified, throttled flows (/accounts/...). The
# admin's own forms are off; /admin/password_reset/ redirects (config/urls.py).
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Daily search counts kept by `manage.py searchpromotions_garbage_collect`; the
# search reports look back 30 days.
WAGTAILSEARCH_HITS_MAX_AGE = env.int("WAGTAILSEARCH_HITS_MAX_AGE", default=90)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 2**20)
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
# Has a changed image's storefront renditions made in the task worker.
WAGTAILIMAGES_IMAGE_FORM_BASE = "vendors.image_forms.ImageForm"
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt", "csv"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: the CSP allows images from this site only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Large page forms (StreamField bodies, galleries) exceed Django's default 1000.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Static and media -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Front-end packages come from the npm registry at set-up (`npm ci`).
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
]
MEDIA_URL = env("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}

# --- Media on S3-compatible object storage (django-storages) ------------------
# Set MEDIA_S3_BUCKET and every app server shares the media (Wagtail images and
# renditions) through the bucket: public-read objects at plain URLs (no signature,
# so pages can be cached), never overwritten. S3_ENDPOINT_URL for a non-AWS
# service (MinIO, Ceph, moto); MEDIA_S3_CUSTOM_DOMAIN for a CDN in front of it.
# PRIVATE_MEDIA_S3_BUCKET moves the files sold as downloads to a private bucket;
# a validated download link then answers 302 to a pre-signed URL that works for
# DOWNLOAD_PRESIGNED_SECONDS (shop.views.downloads).
MEDIA_S3_BUCKET = env("MEDIA_S3_BUCKET", default="")
MEDIA_S3_CUSTOM_DOMAIN = env("MEDIA_S3_CUSTOM_DOMAIN", default="")
PRIVATE_MEDIA_S3_BUCKET = env("PRIVATE_MEDIA_S3_BUCKET", default="")
DOWNLOAD_PRESIGNED_SECONDS = env.int("DOWNLOAD_PRESIGNED_SECONDS", default=60)
S3_OPTIONS = {
    "endpoint_url": env("S3_ENDPOINT_URL", default=None),
    "region_name": env("S3_REGION", default=None),
    "access_key": env("S3_ACCESS_KEY_ID", default=None),
    "secret_key": env("S3_SECRET_ACCESS_KEY", default=None),
    "addressing_style": env("S3_ADDRESSING_STYLE", default=None),
    "signature_version": "s3v4",
    "file_overwrite": False,
}
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **S3_OPTIONS,
            "bucket_name": MEDIA_S3_BUCKET,
            "custom_domain": MEDIA_S3_CUSTOM_DOMAIN or None,
            "default_acl": "public-read",
            "querystring_auth": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000"},
        },
    }
if PRIVATE_MEDIA_S3_BUCKET:
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **S3_OPTIONS,
            "bucket_name": PRIVATE_MEDIA_S3_BUCKET,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": DOWNLOAD_PRESIGNED_SECONDS,
        },
    }

# --- Backups (django-dbbackup with operations.backup_connectors) -----------------
# `manage.py backup` (cron, daily): the database as one consistent snapshot while
# the shop runs and the media, gzipped, GPG-encrypted to BACKUP_GPG_RECIPIENT if
# set, the newest BACKUP_KEEP of each kept in BACKUP_ROOT.
STORAGES["dbbackup"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(env.path("BACKUP_ROOT", default=BASE_DIR / "backups"))},
}
DBBACKUP_DATABASES = ["default"]
DBBACKUP_CONNECTOR_MAPPING = {
    "django.db.backends.mysql": "operations.backup_connectors.MariaDBDumpConnector",
    "django.db.backends.sqlite3": "operations.backup_connectors."
    "SqliteOnlineBackupConnector",
}
DBBACKUP_CLEANUP_KEEP = env.int("BACKUP_KEEP", default=14)
DBBACKUP_CLEANUP_KEEP_MEDIA = env.int(
    "BACKUP_KEEP_MEDIA", default=DBBACKUP_CLEANUP_KEEP
)
DBBACKUP_GPG_RECIPIENT = env("BACKUP_GPG_RECIPIENT", default=None)
DBBACKUP_HOSTNAME = env("BACKUP_SERVER_NAME", default="shop")

# --- E-mail -----------------------------------------------------------------
# EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.com:587, sets EMAIL_BACKEND,
# EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD and EMAIL_USE_TLS.
globals().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="shop@marketplace.localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security ---------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its preview views SAMEORIGIN itself.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# The public site, the API and the login pages: no inline script at all. The Wagtail
# admin (its previews and choosers included) gets, by config.csp.AreaCSPMiddleware,
# `script-src 'self' 'nonce-…'` with the nonce stamped on the inline scripts Wagtail 8
# still renders (wagtail#1288): narrower than 'unsafe-inline', which would also run
# injected event handlers. Browsers report violations to /csp-report/, which logs them
# (logger "security.csp").
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        # Wagtail's admin sets inline styles from its JavaScript.
        "style-src": ["'self'", "'unsafe-inline'"],
        "script-src": ["'self'"],
        "font-src": ["'self'", "data:"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
        "report-uri": ["/csp-report/"],
    }
}

# --- Marketplace ------------------------------------------------------------
CURRENCY = env("CURRENCY", default="USD")
# The built-in test provider approves every payment without taking money: for
# development, demos and tests. Production leaves it off unless asked.
PAYMENTS_TEST_PROVIDER_ENABLED = env.bool(
    "PAYMENTS_TEST_PROVIDER_ENABLED", default=False
)
# An order left unpaid this long is cancelled and its stock returned
# (`manage.py orders_expire_unpaid`).
PAYMENT_TIMEOUT_MINUTES = env.int("PAYMENT_TIMEOUT_MINUTES", default=30)
# Fulfilment and digital delivery (shop/shipping.py, shop/services/downloads.py).
# A part still "shipped" this many days after shipping becomes delivered
# (`manage.py orders_mark_delivered`, run by `make periodic`).
ORDER_DELIVERED_AFTER_DAYS = env.int("ORDER_DELIVERED_AFTER_DAYS", default=14)
# Files sold as downloads live outside MEDIA_ROOT: no public URL reaches them.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
# A download link works this many hours after the page or e-mail showing it,
# and a bought file may be downloaded this many times.
DOWNLOAD_LINK_HOURS = env.int("DOWNLOAD_LINK_HOURS", default=72)
DOWNLOAD_LIMIT = env.int("DOWNLOAD_LIMIT", default=5)
# Behind nginx: the internal location that serves PRIVATE_MEDIA_ROOT (e.g.
# "/protected/"); empty streams the file from Django.
DOWNLOAD_X_ACCEL_REDIRECT = env("DOWNLOAD_X_ACCEL_REDIRECT", default="")

# --- Integrations (used by the announcement and payment features) ------------
X_API_KEY = env("X_API_KEY", default="")
X_API_SECRET = env("X_API_SECRET", default="")
X_ACCESS_TOKEN = env("X_ACCESS_TOKEN", default="")
X_ACCESS_TOKEN_SECRET = env("X_ACCESS_TOKEN_SECRET", default="")
# An announcement X could not take (network, rate limit, X's server errors) is tried
# again after X_RETRY_BASE_SECONDS, then twice as long each time, X_MAX_ATTEMPTS in all.
X_MAX_ATTEMPTS = env.int("X_MAX_ATTEMPTS", default=6)
X_RETRY_BASE_SECONDS = env.int("X_RETRY_BASE_SECONDS", default=60)
PAYPAL_CLIENT_ID = env("PAYPAL_CLIENT_ID", default="")
PAYPAL_CLIENT_SECRET = env("PAYPAL_CLIENT_SECRET", default="")
PAYPAL_BASE_URL = env("PAYPAL_BASE_URL", default="https://api-m.sandbox.paypal.com")

# --- REST API (api/) ---------------------------------------------------------
REST_FRAMEWORK = {
    # JWT first, so a request without credentials gets 401 with WWW-Authenticate.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.accounts.authentication.RevocableJWTAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticatedOrReadOnly"
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON everywhere; the endpoints that take an image add multipart.
    "DEFAULT_PARSER_CLASSES": ["api.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonRateThrottle",
        "api.throttling.UserRateThrottle",
    ],
    # Requests per second, minute, hour or day ("20/min"), per client address for
    # anonymous requests and login/registration, per user otherwise.
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="120/min"),
        "user": env("API_THROTTLE_USER", default="600/min"),
        "login": env("API_THROTTLE_LOGIN", default="10/min"),
        "register": env("API_THROTTLE_REGISTER", default="20/hour"),
    },
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "NON_FIELD_ERRORS_KEY": "detail",
    "DEFAULT_SCHEMA_CLASS": "api.schema.APIAutoSchema",
    "DATETIME_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": True,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(
        hours=env.int("JWT_ACCESS_TOKEN_LIFETIME_HOURS", default=24)
    ),
    "REFRESH_TOKEN_LIFETIME": timedelta(
        days=env.int("JWT_REFRESH_TOKEN_LIFETIME_DAYS", default=7)
    ),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    "AUTH_HEADER_TYPES": ("Bearer",),
}
# However often a refresh token is rotated, its chain ends this long after the
# password login that started it: a stolen refresh token does not live for ever.
JWT_REFRESH_CHAIN_MAX_LIFETIME = timedelta(
    days=env.int("JWT_REFRESH_CHAIN_MAX_DAYS", default=30)
)
# The longest text any field of the API accepts (longer JSON strings are a 400 at
# parse time): above every model's max_length, below MariaDB's TEXT limit.
API_MAX_STRING_LENGTH = env.int("API_MAX_STRING_LENGTH", default=20_000)
SPECTACULAR_SETTINGS = {
    "TITLE": "Marketplace API",
    "DESCRIPTION": "Stores, products, carts and orders of the marketplace.",
    "VERSION": "1.0.0",
    # 3.1: nullable references as `oneOf [.., null]`, which strict validators accept.
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # PATCH bodies are described by their own input serializers.
    "COMPONENT_SPLIT_PATCH": False,
    "PREPROCESSING_HOOKS": ["api.schema.api_endpoints_only"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.uniform_path_ids",
    ],
    "ENUM_NAME_OVERRIDES": {
        "RegisterRoleEnum": "api.accounts.serializers.REGISTRABLE_ROLES",
        "UserRoleEnum": "accounts.models.User.Role",
        "OrderStatusEnum": "shop.models.OrderStatus",
        "PaymentMethodEnum": "shop.models.Payment.Method",
        "PaymentStatusEnum": "shop.models.Payment.Status",
        "NotificationKindEnum": "notifications.kinds.KIND_CHOICES",
        "LedgerEntryKindEnum": "ledger.models.LedgerEntry.Kind",
        "PayoutStatusEnum": "ledger.models.Payout.Status",
        "AlertKindEnum": "alerts.models.Alert.Kind",
        "AlertStatusEnum": "alerts.models.Alert.Status",
    },
    # Swagger UI's files come from the drf-spectacular-sidecar package, no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
}

# --- Internationalisation ---------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# --- Logging ----------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
