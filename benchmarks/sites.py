"""Benchmark: one instance serving every authority. Family search and an authority's home page
with `seed_scale`'s 153 authority sites, then the same searches with only the national site.

    python benchmarks/sites.py [--listings 5000] [--runs 15] [--database-url URL]

Production settings; the cache is emptied before every request (cold), so the figures include
the site lookup and the facet work. Prints p50 per request and its SQL queries.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SEARCHES = [
    ("national site, need + age", "127.0.0.1", "/directory/?need=ASD&age=7"),
    ("national site, 'support'", "127.0.0.1", "/directory/?q=support"),
]
LOCAL = [
    ("an authority's site, its own area", "la801.localhost", "/directory/?need=ASD&age=7"),
    ("an authority's site, home page", "la801.localhost", "/"),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--listings", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "localoffer.settings.production",
            "DEMO_DATA_ALLOWED": "true",  # seed_scale is in the demo app
            "SECRET_KEY": "benchmark-only-" + "x" * 50,
            "ALLOWED_HOSTS": "*",
            "SECURE_SSL_REDIRECT": "false",
            "REQUIRE_TWO_FACTOR": "false",
            "DATABASE_URL": args.database_url or f"sqlite:///{folder}/bench.sqlite3",
            "STATIC_ROOT": f"{folder}/static",
        }
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v", "0"], check=True)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v", "0"], check=True)
    subprocess.run([*manage, "seed_scale", "--listings", str(args.listings)], check=True)

    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    import django

    django.setup()
    from django.core.cache import cache, caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Site

    client = Client()

    def measure(label, host, url):
        times, queries = [], 0
        for run in range(args.runs + 1):  # the first is a warm-up
            cache.clear()
            caches["pages"].clear()  # cold: the page is rendered, not served whole
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url, HTTP_HOST=host)
                elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, (url, response.status_code)
            if run:
                times.append(elapsed)
                queries = len(captured.captured_queries)
        print(f"  {label}: p50 {statistics.median(times):.0f} ms, {queries} queries")

    print(f"{Site.objects.count()} sites:")
    for search in (*SEARCHES, *LOCAL):
        measure(*search)
    Site.objects.exclude(is_default_site=True).delete()
    print(f"{Site.objects.count()} site (the national one only):")
    for search in SEARCHES:
        measure(*search)


if __name__ == "__main__":
    main()
