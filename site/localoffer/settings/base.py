"""Settings shared by every environment.

The embedded default needs nothing installed: SQLite, Wagtail's database search backend, local
media, immediate background tasks and console email. Production services are switched on by
environment variables, read here and in production.py, and documented in README.md.
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
    "home",
    "guidance",
    "directory",
    "search",
    "localoffer",
    # Wagtail.
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
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
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "localoffer.workflow_messages.WorkflowActionMessages",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
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
WAGTAIL_I18N_ENABLED = False
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

# Search: Wagtail's database backend (SQLite FTS5 or PostgreSQL full-text) unless
# ELASTICSEARCH_URL is set, then Wagtail's Elasticsearch backend (see README for versions).
if os.environ.get("ELASTICSEARCH_URL"):
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": os.environ.get("SEARCH_BACKEND", "wagtail.search.backends.elasticsearch8"),
            "URLS": env_list("ELASTICSEARCH_URL"),
            "INDEX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "localoffer"),
            "TIMEOUT": 10,
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
