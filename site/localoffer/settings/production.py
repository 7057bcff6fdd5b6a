"""Production: every secret and service comes from the environment (docs/deploying.md)."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CACHES as BASE_CACHES
from .base import DATABASES, STORAGES, env_bool, env_list

DEBUG = False

try:
    SECRET_KEY = os.environ["SECRET_KEY"]
except KeyError as missing:
    raise ImproperlyConfigured("Set SECRET_KEY to a long random string.") from missing
# Django's own deploy check asks for 50 characters; a short key can be guessed offline from any
# signed cookie or password-reset link.
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak: set it to a random string of at least 50 characters, e.g. "
        "from `python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the site's host names, comma-separated.")
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", ",".join(f"https://{host}" for host in ALLOWED_HOSTS)
)

# HTTPS everywhere. Behind a load balancer that terminates TLS, set BEHIND_PROXY=true so that
# Django trusts its X-Forwarded-Proto header (only then: the header is forgeable otherwise).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
if env_bool("BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
# Superusers, officers and regulators must use two-factor authentication (docs/security.md).
REQUIRE_TWO_FACTOR = env_bool("REQUIRE_TWO_FACTOR", True)
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail sets SAMEORIGIN on its own preview views

# Static files: hashed names, compressed, served by WhiteNoise (or put a CDN in front).
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Media: local files under MEDIA_ROOT unless an S3-compatible bucket is configured.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "file_overwrite": False,
        },
    }

# Email: SMTP when EMAIL_HOST is set, otherwise the console (nothing is sent).
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
SERVER_EMAIL = os.environ.get(
    "SERVER_EMAIL", os.environ.get("DEFAULT_FROM_EMAIL", "root@localhost")
)

# Database connections are kept open for a minute and checked before reuse (opening one per
# request cost a tenth of a web worker's time at national scale). DATABASE_CONN_MAX_AGE=0
# closes them after each request (e.g. behind pgbouncer in transaction mode).
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))

# Cache (search facet counts, totals and result pages; see search/cache.py). Entries are
# labelled with the directory version kept in the database, so no process's cache is ever
# stale. A family search stores about three entries; MAX_ENTRIES holds the working set of a
# busy site (a few thousand distinct searches) with room to spare.
# - default: each web process's own memory;
# - REDIS_URL: shared by every process, in Redis (Django's own backend, made to serve pages
#   uncached while Redis is unreachable: localoffer/redis_cache.py);
# - CACHE=database: shared, in a database table (run `manage.py createcachetable`). On the
#   embedded SQLite default the table lives in its own file beside the database, so that
#   searches storing results never hold up editors' writes.
CACHE_MAX_ENTRIES = int(os.environ.get("CACHE_MAX_ENTRIES", "20000"))
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES},
    }
}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "localoffer.redis_cache.RedisCacheThatFailsOpen",
        "LOCATION": os.environ["REDIS_URL"],
    }
elif os.environ.get("CACHE", "local") == "database":
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "localoffer_cache",
        "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES, "CULL_FREQUENCY": 4},
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        main = Path(DATABASES["default"]["NAME"])
        DATABASES["cache"] = {
            **DATABASES["default"],
            "NAME": str(main.with_name(main.stem + "-cache" + main.suffix)),
        }
        DATABASE_ROUTERS = ["localoffer.routers.CacheRouter"]
# Rate limits count in the database whatever CACHE says: every web process sees one count.
# Whole pages for families (search/page_cache.py): shared by every web process of a machine,
# in files, so that after a change each page is rendered once, not once per worker; in Redis,
# shared by every machine, when REDIS_URL is set; PAGE_CACHE=local keeps them in each process.
PAGE_CACHE_OPTIONS = {"MAX_ENTRIES": BASE_CACHES["pages"]["OPTIONS"]["MAX_ENTRIES"]}
if os.environ.get("REDIS_URL"):
    PAGE_CACHE = {
        "BACKEND": "localoffer.redis_cache.RedisCacheThatFailsOpen",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": "pages",
    }
elif os.environ.get("PAGE_CACHE", "files") == "files":
    PAGE_CACHE = {
        "BACKEND": "localoffer.files_cache.FilesCacheThatCullsNowAndThen",
        "LOCATION": os.environ.get("PAGE_CACHE_DIR", str(BASE_DIR / "var" / "page-cache")),  # noqa: F405
        "OPTIONS": PAGE_CACHE_OPTIONS,
    }
else:
    PAGE_CACHE = BASE_CACHES["pages"]
CACHES = {
    **CACHES,
    "pages": PAGE_CACHE,
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "localoffer_shared_cache",
    },
}

# Background tasks: TASKS_BACKEND=database queues them in the database for
# `manage.py db_worker` processes; otherwise they run immediately inside the web request.
if os.environ.get("TASKS_BACKEND", "immediate") == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
