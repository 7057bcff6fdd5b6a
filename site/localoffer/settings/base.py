"""Settings shared by every environment.

The embedded default needs nothing installed: SQLite, Wagtail's database search backend, local
media, immediate background tasks and console email. Production services are switched on by
environment variables, read here and in production.py, and documented in docs/deploying.md.
"""

import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent  # site/localoffer
BASE_DIR = PROJECT_DIR.parent.parent  # the repository root


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


INSTALLED_APPS = [
    # Ours, lowest layer first (see DESIGN.md "dependencies point one way"; README "Layout").
    "roles",
    "directory",
    "inclusion",
    "home",
    "guidance",
    "search",
    "localoffer",
    # Wagtail.
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    # Django.
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
]

# Demo and benchmark data (seed_demo, seed_scale) live in their own app, installed only where
# DEMO_DATA_ALLOWED is on (dev and test settings; production only when the environment says so,
# e.g. for benchmarks). No production module imports it.
DEMO_DATA_ALLOWED = env_bool("DEMO_DATA_ALLOWED", False)


def with_demo_app(installed_apps, allowed):
    demo_app = "localoffer.demo"
    if allowed and demo_app not in installed_apps:
        return [*installed_apps, demo_app]
    return installed_apps


INSTALLED_APPS = with_demo_app(INSTALLED_APPS, DEMO_DATA_ALLOWED)


# Form widgets render with the project's templates too (the date input lives in templates/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language is the URL's (/pl/..., /ur/...; English has no prefix): docs/languages.md.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "localoffer.workflow_messages.WorkflowActionMessages",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "localoffer.site_lookup.SiteLookupMiddleware",
    "home.languages.SiteLanguagesMiddleware",
    "search.page_cache.FamilyPageCacheMiddleware",
]

ROOT_URLCONF = "localoffer.urls"
WSGI_APPLICATION = "localoffer.wsgi.application"

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
                "search.page_cache.csrf_placeholder",
            ],
        },
    },
]

# Database: SQLite in the repository by default; DATABASE_URL (e.g.
# postgres://user:password@host:5432/name) switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Many readers and one writer at a time without "database is locked": write-ahead logging
    # (readers never block the writer nor it them), and transactions that write take the
    # write lock when they begin, so a second writer waits (up to `timeout` seconds) instead
    # of failing when two transactions that read first both try to write.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# The languages families may read this instance in, English first; each site offers those of
# them its authority chooses (AuthoritySettings.languages). Each language other than English
# has its own URL prefix (/pl/, /ur/), so a page kept by the page cache is kept per language
# (docs/languages.md). Urdu is written right to left (Django's LANG_INFO says so: bidi).
LANGUAGES = [
    ("en-gb", "English"),
    ("pl", "Polski"),
    ("ur", "اردو"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Wagtail's page editor can exceed Django's default of 1,000 fields per form.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Uploads larger than this are refused with a 4xx before they reach our code.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Background tasks (search indexing, snapshots, reminders). Immediate by default: no worker needed.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "local-offer@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # Every immediate task and page action logs at INFO; keep the console readable.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# Wagtail.
WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Local Offer")
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
# A page tree per language (Wagtail's locales): a translation is a page of its own, drafted,
# reviewed and signed off like the English (docs/languages.md).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# A translation is never published because its English page was: it goes through the guide's
# workflow itself.
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = False
# No Gravatar: the admin would load each user's picture from gravatar.com (an outside request
# that gives away who is signed in, blocked offline and by the CSP: broken images). Wagtail
# then shows its own default avatar, or one uploaded in the user's account.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Moderation is the default; an authority can still publish directly per workflow.
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
# A change made during a workflow goes back through every step: what the officer reviewed is
# what the forum signs off and what is published.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# The guide's workflow ends in a forum's sign-off, and forum members cannot publish by hand.
WAGTAIL_FINISH_WORKFLOW_ACTION = "guidance.publishing.publish_when_signed_off"
# Workflow mail goes to those who can act on the page or listing, within its authority
# (directory/notifications.py), not to every superuser of an instance serving many councils.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False

# Search: Wagtail's database backend (SQLite FTS5 or PostgreSQL full-text) unless
# ELASTICSEARCH_URL is set, then Wagtail's Elasticsearch backend (versions: docs/deploying.md).
if os.environ.get("ELASTICSEARCH_URL"):
    from directory.vocabulary import search_engine_analysis

    WAGTAILSEARCH_BACKENDS = {
        "default": {
            # Wagtail's backend for the cluster (ENGINE), making each index with its mapping
            # before any document is written to it (search/backends/engine.py).
            "BACKEND": "search.backends.engine",
            "ENGINE": os.environ.get("SEARCH_BACKEND", "wagtail.search.backends.elasticsearch8"),
            "URLS": env_list("ELASTICSEARCH_URL"),
            # Each model's index is named this prefix + the model (Wagtail 8 reads
            # INDEX_PREFIX; "INDEX" was ignored, so every deployment shared bare names).
            "INDEX_PREFIX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "localoffer_"),
            "TIMEOUT": 10,
            # English stemming and the SEND vocabulary as synonyms (directory/vocabulary.py).
            "INDEX_SETTINGS": search_engine_analysis(),
        }
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wagtail's SQLite FTS5 backend with query shapes that hold at national scale
    # (search/backends/sqlite.py; DESIGN.md "Search").
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.sqlite"}}
else:
    # Wagtail's PostgreSQL backend matching words through the GIN indexes
    # (search/backends/postgres.py).
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.postgres"}}

# Client addresses and shared counters (feedback rate limit, login throttling). Behind
# TRUSTED_PROXY_COUNT proxies the visitor's address is read from X-Forwarded-For, that many
# entries from the right (home/network.py); with 0 the header is ignored. The "shared" cache
# holds counters every web process must agree on (a database table in production).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "shared",
    },
    # Whole pages for families, compressed, in each process's own memory (search/page_cache.py).
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_MAX_ENTRIES", "4000"))},
    },
}

# Maps on families' pages (directory/maps.py, docs/maps.md): drawn plain unless an XYZ tile
# server is set; its tiles are fetched by this server and kept on disk within the bound.
MAPS_SHOWN = env_bool("MAPS_SHOWN", True)
MAP_TILES_URL = os.environ.get("MAP_TILES_URL", "")
MAP_TILES_ATTRIBUTION = os.environ.get("MAP_TILES_ATTRIBUTION", "")
MAP_TILES_MAX_ZOOM = int(os.environ.get("MAP_TILES_MAX_ZOOM", "18"))
MAP_TILES_TIMEOUT = float(os.environ.get("MAP_TILES_TIMEOUT", "2"))
MAP_TILE_CACHE_DIR = Path(os.environ.get("MAP_TILE_CACHE_DIR", BASE_DIR / "var" / "map-tiles"))
MAP_TILE_CACHE_MB = float(os.environ.get("MAP_TILE_CACHE_MB", "200"))

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username
# from one client address (home/network.py), that pair is refused for AXES_COOLOFF_TIME hours,
# even with the right password. Officers unlock under Settings > Locked-out logins, or run
# `manage.py axes_reset_username NAME` (docs/security.md).
INSTALLED_APPS += ["axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]  # last, as axes asks
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("LOGIN_LOCKOUT_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "home.network.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ADMIN = False  # unlocking is in the Wagtail admin; there is no Django admin
LOGGING["loggers"]["axes"] = {"level": "WARNING"}  # lockouts, not every login
AXES_LOCKOUT_CALLABLE = "localoffer.lockouts.lockout_response"

# Two-factor authentication for the admin (django-otp: authenticator app and recovery codes;
# localoffer/two_factor.py). REQUIRE_TWO_FACTOR makes it compulsory for superusers, officers
# and regulators: on under production settings, off here so the demo's printed logins work with
# a password alone. Anyone may turn it on for themselves from the admin's account menu.
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "localoffer.two_factor.TwoFactorMiddleware",
)
REQUIRE_TWO_FACTOR = env_bool("REQUIRE_TWO_FACTOR", False)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME

# Logged-in sessions end after ADMIN_SESSION_IDLE_MINUTES without a request and, however
# active, ADMIN_SESSION_MAX_HOURS after logging in (localoffer/sessions.py). Families' sessions
# (the shortlist) keep Django's cookie age.
ADMIN_SESSION_IDLE_SECONDS = int(os.environ.get("ADMIN_SESSION_IDLE_MINUTES", "120")) * 60
ADMIN_SESSION_MAX_SECONDS = int(float(os.environ.get("ADMIN_SESSION_MAX_HOURS", "10")) * 3600)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "localoffer.sessions.SessionLifetimeMiddleware",
)

# Content-Security-Policy (django-csp) and Permissions-Policy on every response
# (localoffer/headers.py). Public pages run no JavaScript at all; the admin's policy allows its
# own scripts and styles from this site (and inline styles, which Wagtail's admin sets).
INSTALLED_APPS += ["csp"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "localoffer.headers.SecurityHeadersMiddleware",
)
_MEDIA_HOSTS = [f"https://{host}" for host in env_list("AWS_S3_CUSTOM_DOMAIN")]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'none'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_MEDIA_HOSTS],
        "font-src": ["'self'"],
        "media-src": ["'self'", *_MEDIA_HOSTS],
        "connect-src": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
        "manifest-src": ["'self'"],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *_MEDIA_HOSTS],
        "font-src": ["'self'", "data:"],
        "media-src": ["'self'", "blob:", *_MEDIA_HOSTS],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
# The admin fetches nothing from other sites: no avatars from Gravatar, no update check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
