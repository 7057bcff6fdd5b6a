"""Benchmark: the five family searches of issue 4 at national scale.

    python benchmarks/search.py [--database-url URL] [--listings 34000] [--runs 30]

Without --database-url it makes a fresh SQLite database in a temporary folder, migrates it and
loads `seed_scale` data (the embedded default); on a real OpenSearch node, run it through `bash
scripts/opensearch.sh run` (docs/opensearch.md). It then requests each search through Django's
full stack (production settings, DEBUG off), first once to warm caches, then --runs times, and
prints p50 and p99 server time and the number of SQL queries per request; then the time of
the first search after one listing is saved (the process updates its facet index for it) and
after a bulk change (it rebuilds the index).
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
    ("text only", {"q": "support"}),
    ("need + age", {"need": "ASD", "age": "7"}),
    ("need + postcode + 10 miles", {"need": "ASD", "postcode": "QA1", "radius": "10"}),
    ("text + kind + authority", {"q": "school", "kind": "mainstream", "la": "801"}),
    ("empty query, page 50", {"page": "50"}),
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url")
    parser.add_argument("--listings", type=int, default=34000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    folder = tempfile.mkdtemp()
    env = {
        "DJANGO_SETTINGS_MODULE": "localoffer.settings.production",
        "DEMO_DATA_ALLOWED": "true",  # seed_scale is in the demo app
        "SECRET_KEY": "benchmark-only-" + "x" * 50,
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": args.database_url or f"sqlite:///{folder}/bench.sqlite3",
        "STATIC_ROOT": f"{folder}/static",
        # A page cache of this run's own, not pages kept by an earlier run.
        "PAGE_CACHE_DIR": f"{folder}/pages",
    }
    os.environ.update(env)
    manage = [sys.executable, str(ROOT / "manage.py")]
    started = time.monotonic()
    subprocess.run([*manage, "migrate", "-v", "0"], check=True)  # noqa: S603
    subprocess.run([*manage, "collectstatic", "--noinput", "-v", "0"], check=True)  # noqa: S603
    if os.environ.get("ELASTICSEARCH_URL"):
        # On the engine (scripts/opensearch.sh run ...): the indexes and their mappings first,
        # or the seed's documents make the engine guess them (pk as text, which cannot sort).
        subprocess.run([*manage, "update_index", "-v", "0"], check=True)  # noqa: S603
    seed = [*manage, "seed_scale", "--listings", str(args.listings)]
    subprocess.run(seed, check=True)  # noqa: S603
    print(f"data ready in {time.monotonic() - started:.0f} s")

    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    import django

    django.setup()
    from django.core.cache import caches

    def empty_caches():
        caches["default"].clear()  # facet counts, totals, result ids
        caches["pages"].clear()  # whole pages (search/page_cache.py)

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from directory.models import Listing
    from directory.signals import listings_changed

    print(f"{Listing.objects.count():,} listings; {args.runs} runs each after one warm-up\n")
    print("cold: the caches are emptied before every request (the page rendered, facets and")
    print("counts computed); warm: the same search again (the whole page from the page cache).\n")
    print(
        "| search | results | cold p50 ms | cold p99 ms | cold SQL | warm p50 ms | "
        "warm p99 ms | warm SQL |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    client = Client()
    for label, params in SEARCHES:
        empty_caches()  # the warm-up renders: the process reads what it keeps
        response = client.get("/directory/", params, secure=True)
        assert response.status_code == 200, (label, response.status_code)
        row = []
        for cold in (True, False):
            timings, counts = [], set()
            for _ in range(args.runs):
                if cold:
                    empty_caches()
                with CaptureQueriesContext(connection) as queries:
                    tick = time.perf_counter()
                    response = client.get("/directory/", params, secure=True)
                    timings.append((time.perf_counter() - tick) * 1000)
                counts.add(len(queries))
            row += [
                f"{statistics.median(timings):.0f}",
                f"{percentile(timings, 0.99):.0f}",
                ", ".join(map(str, sorted(counts))),
            ]
        found = response.content.decode().split(" schools and services found")[0]
        found = found.rsplit(">", 1)[-1].split()[0] if ">" in found else "?"
        print(f"| {label} | {found} | " + " | ".join(row) + " |")

    # The first search in a process after a listing changes: the process updates its facet
    # index and entry map for that listing (search/facets.py, search/text.py); after a bulk
    # change it rebuilds them.
    label, params = SEARCHES[0]
    listing = Listing.objects.filter(live=True).order_by("pk").first().specific
    for change, make_change in (
        ("one listing saved", listing.save),
        ("bulk change (rebuild)", lambda: listings_changed.send(sender=Listing)),
    ):
        timings, counts = [], set()
        for _ in range(max(3, args.runs // 4)):
            make_change()
            empty_caches()
            with CaptureQueriesContext(connection) as queries:
                tick = time.perf_counter()
                response = client.get("/directory/", params, secure=True)
                timings.append((time.perf_counter() - tick) * 1000)
            counts.add(len(queries))
        print(
            f"\nfirst search after {change} ({label}, {len(timings)} runs): "
            f"p50 {statistics.median(timings):.0f} ms, slowest {max(timings):.0f} ms, "
            f"SQL {', '.join(map(str, sorted(counts)))}"
        )


if __name__ == "__main__":
    main()
