"""Benchmark: the Open Referral UK API at national scale (`seed_scale` data), and import_oruk.

    python benchmarks/oruk.py [--database-url URL] [--listings 34000] [--runs 10]

With production settings in a fresh SQLite database unless --database-url is given: the
server time (p50, slowest) and SQL queries of each kind of request an aggregator makes, the
whole-directory streams (`minimal=true`, `format=ndjson`) with the peak Python memory they
allocate, and an import of 1,000 exported services into an empty authority, twice.
"""

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def consume(response, label):
    size = records = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        records += chunk.count(b"\n") if "ndjson" in label else chunk.count(b'"status"')
    response.close()
    return size, records


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url")
    parser.add_argument("--listings", type=int, default=34000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--import-records", type=int, default=1000)
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "localoffer.settings.production",
            "SECRET_KEY": "benchmark-only-" + "x" * 50,
            "ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": args.database_url or f"sqlite:///{folder}/bench.sqlite3",
            "STATIC_ROOT": f"{folder}/static",
        }
    )
    os.makedirs(f"{folder}/static", exist_ok=True)
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (
        ["migrate", "-v", "0"],
        ["seed_scale", "--listings", str(args.listings)],
    ):
        subprocess.run([*manage, *command], check=True)  # noqa: S603

    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from directory.models import Listing, Postcode
    from directory.oruk.ids import SERVICE_AT_LOCATION_MASK, derived_id
    from directory.oruk.taxonomies import NEEDS, TERMS_BY_CODE

    client = Client()
    live = Listing.objects.filter(live=True)
    total = live.count()
    pages = -(-total // 50)
    some = live.order_by("pk").values_list("oruk_id", flat=True)
    service_id = some[total // 2]
    sal_id = derived_id(
        live.exclude(latitude=None).values_list("oruk_id", flat=True)[total // 3],
        SERVICE_AT_LOCATION_MASK,
    )
    postcode = Postcode.objects.filter(outward__startswith="Q").values_list("postcode", flat=True)
    postcode = postcode[len(postcode) // 2]
    need = TERMS_BY_CODE[(NEEDS.key, "ASD")].id
    requests = [
        ("GET / (api details)", "/api/oruk/", {}),
        ("50 full services, page 1", "/api/oruk/services", {"per_page": 50, "full": "true"}),
        ("50 full services, middle page", "/api/oruk/services",
         {"per_page": 50, "full": "true", "page": pages // 2}),
        ("50 full services, last page", "/api/oruk/services",
         {"per_page": 50, "full": "true", "page": pages}),
        ("50 services (list fields), page 1", "/api/oruk/services", {"per_page": 50}),
        ("services with a need (taxonomy_term_id)", "/api/oruk/services",
         {"per_page": 50, "taxonomy_term_id": need}),
        ("services search 'support'", "/api/oruk/services", {"per_page": 50, "search": "support"}),
        ("one full service", f"/api/oruk/services/{service_id}", {}),
        ("service_at_locations within 5 km of a postcode", "/api/oruk/service_at_locations",
         {"per_page": 50, "postcode": postcode, "proximity": 5000}),
        ("50 service_at_locations, full", "/api/oruk/service_at_locations",
         {"per_page": 50, "full": "true"}),
        ("one service_at_location", f"/api/oruk/service_at_locations/{sal_id}", {}),
        ("50 organizations, page 1", "/api/oruk/organizations", {"per_page": 50}),
        ("50 organizations, last page", "/api/oruk/organizations",
         {"per_page": 50, "page": 10**6 // 50}),
        ("taxonomy_terms", "/api/oruk/taxonomy_terms", {"per_page": 200}),
    ]  # fmt: skip
    print(f"{total:,} published listings ({connection.vendor})\n")
    print("| request | p50 ms | slowest ms | SQL queries |")
    print("| --- | --- | --- | --- |")
    for label, path, params in requests:
        if label.startswith("50 organizations, last"):
            first = client.get(path, {"per_page": 50}, secure=True).json()
            params = {"per_page": 50, "page": first["total_pages"]}
        response = client.get(path, params, secure=True)
        assert response.status_code == 200, (label, response.status_code, response.content[:200])
        timings, counts = [], set()
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                tick = time.perf_counter()
                response = client.get(path, params, secure=True)
                timings.append((time.perf_counter() - tick) * 1000)
            counts.add(len(queries))
        print(
            f"| {label} | {statistics.median(timings):.0f} | {max(timings):.0f} | "
            f"{', '.join(map(str, sorted(counts)))} |"
        )

    print("\n| whole-directory stream | seconds | records | peak Python memory |")
    print("| --- | --- | --- | --- |")
    for label, params in (
        ("/services?minimal=true", {"minimal": "true"}),
        ("/services?format=ndjson (list fields)", {"format": "ndjson"}),
        ("/services?format=ndjson&full=true", {"format": "ndjson", "full": "true"}),
    ):
        tick = time.perf_counter()
        size, records = consume(client.get("/api/oruk/services", params, secure=True), label)
        seconds = time.perf_counter() - tick
        # The same stream again under tracemalloc (which slows it down) for its peak memory.
        gc.collect()
        tracemalloc.start()
        consume(client.get("/api/oruk/services", params, secure=True), label)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(
            f"| {label} | {seconds:.1f} | {records:,} ({size / 1e6:.0f} MB) | {peak / 1e6:.1f} MB |"
        )

    # import_oruk: the first N full services, exported, into a new authority's empty directory.
    response = client.get("/api/oruk/services", {"format": "ndjson", "full": "true"}, secure=True)
    lines = []
    for chunk in response.streaming_content:
        lines += chunk.decode().splitlines()
        if len(lines) >= args.import_records:
            break
    response.close()  # ends the stream's database cursor before the import writes
    path = Path(folder) / "export.ndjson"
    path.write_text("\n".join(lines[: args.import_records]) + "\n")
    Listing.objects.filter(
        oruk_id__in=[json.loads(line)["id"] for line in lines[: args.import_records]]
    ).delete()
    # The import publishes as a national officer (import_oruk --publish needs one).
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(username="benchmark-importer").delete()
    get_user_model().objects.create_superuser("benchmark-importer", "importer@example.org", None)
    for run in ("first", "second"):
        tick = time.perf_counter()
        result = subprocess.run(  # noqa: S603
            [
                *manage,
                "import_oruk",
                str(path),
                "--publish",
                "--user",
                "benchmark-importer",
                "-v",
                "0",
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - tick
        summary = result.stdout.strip().splitlines()[-1]
        print(f"\nimport_oruk, {run} run, {args.import_records:,} services: {seconds:.1f} s")
        print(f"  {summary}")


if __name__ == "__main__":
    main()
