"""Production settings: `check --deploy` is clean when the documented variables are set."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "localoffer.settings.production",
    "SECRET_KEY": "k7#v9-not-a-real-key-but-long-and-random-enough-for-checks-2026-q4x",
    "ALLOWED_HOSTS": "localoffer.example.org",
    "DATABASE_URL": "postgres://localoffer:secret@db.example.org:5432/localoffer",
    "ELASTICSEARCH_URL": "https://search.example.org:9200",
    "AWS_STORAGE_BUCKET_NAME": "localoffer-media",
    "EMAIL_HOST": "smtp.example.org",
    "TASKS_BACKEND": "database",
    "CACHE": "database",
}


def manage(*args, env):
    # Only the documented variables: nothing the test process itself set (e.g. for Playwright).
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_ENV and not k.startswith("DJANGO_")
    }
    return subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_the_documented_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_settings_switch_on_the_services():
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE']);"
        "print(s.WAGTAILSEARCH_BACKENDS['default']['ENGINE']);"
        "print(s.STORAGES['default']['BACKEND']);"
        "print(s.EMAIL_BACKEND);"
        "print(s.TASKS['default']['BACKEND']);"
        "print(s.CACHES['default']['BACKEND'])"
    )
    result = manage("shell", "-c", code, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-6:] == [
        "django.db.backends.postgresql",
        "wagtail.search.backends.elasticsearch8",
        "storages.backends.s3.S3Storage",
        "django.core.mail.backends.smtp.EmailBackend",
        "django_tasks_db.DatabaseBackend",
        "django.core.cache.backends.db.DatabaseCache",
    ]


def test_embedded_database_cache_lives_in_its_own_file(tmp_path):
    """CACHE=database on SQLite: searches storing results write another file than editors'
    saves; connections are kept open and checked; SQLite uses WAL and immediate writes."""
    import sqlite3

    main = tmp_path / "site.sqlite3"
    env = {
        **{
            k: v
            for k, v in PRODUCTION_ENV.items()
            if k not in ("DATABASE_URL", "ELASTICSEARCH_URL")
        },
        "DATABASE_URL": f"sqlite:///{main}",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    result = manage("createcachetable", env=env)
    assert result.returncode == 0, result.stderr
    tables = {
        path.name: {
            row[0] for row in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")
        }
        for path in (main, tmp_path / "site-cache.sqlite3")
    }
    assert "localoffer_cache" in tables["site-cache.sqlite3"]
    assert "localoffer_cache" not in tables["site.sqlite3"]
    code = (
        "from django.conf import settings as s; d = s.DATABASES['default'];"
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'], d['OPTIONS']['transaction_mode'])"
    )
    result = manage("shell", "-c", code, env=env)
    assert result.stdout.split()[-3:] == ["60", "True", "IMMEDIATE"], result.stderr


def test_production_refuses_a_short_secret_key():
    for key in ("short", "x" * 49, "a" * 60):
        result = manage("check", env={**PRODUCTION_ENV, "SECRET_KEY": key})
        assert result.returncode != 0, key
        assert "SECRET_KEY is too weak" in result.stderr


def test_rate_limits_count_in_the_database_whatever_the_cache(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.CACHES['shared']['BACKEND']);"
        "print(s.TRUSTED_PROXY_COUNT)"
    )
    env = {**PRODUCTION_ENV, "CACHE": "local", "TRUSTED_PROXY_COUNT": "2"}
    result = manage("shell", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["django.core.cache.backends.db.DatabaseCache", "2"]
