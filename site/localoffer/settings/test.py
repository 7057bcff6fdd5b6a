"""Settings for pytest: the embedded default, or PostgreSQL when DATABASE_URL is set."""

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, INSTALLED_APPS, with_demo_app

DEBUG = False
SECRET_KEY = "test-only-not-secret-local-offer"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A file-based test database lets `pytest --reuse-db` keep it between runs; the live-server
# browser tests need a file too (an in-memory SQLite database is one per thread).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test.sqlite3")}
DEMO_DATA_ALLOWED = True
INSTALLED_APPS = with_demo_app(INSTALLED_APPS, DEMO_DATA_ALLOWED)
# Django's test client logs in without a request, which django-axes refuses; the tests of
# throttling switch it on (tests/security/test_logins.py).
AXES_ENABLED = False
