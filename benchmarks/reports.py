"""Benchmark: the regulators' reports at national scale (`seed_scale` data).

    python benchmarks/reports.py [--database-url URL] [--listings 34000]

Times each report's first page and a full CSV export of every listing, as a regulator, with
production settings, in a fresh SQLite database unless --database-url is given.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = [
    (name.replace("-", " "), f"/admin/reports/local-offer/{path}/")
    for name, path in [
        ("completeness by listing", "completeness"),
        ("completeness by authority", "authorities"),
        ("most often missing items", "items"),
        ("SENCo qualification", "senco"),
        ("waiting times", "waiting"),
        ("Local Offer coverage", "coverage"),
        ("feedback response times", "feedback"),
        ("overdue guide checks", "guide_checks"),  # seed_scale makes no guide pages
    ]
]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url")
    parser.add_argument("--listings", type=int, default=34000)
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "localoffer.settings.production",
            "DEMO_DATA_ALLOWED": "true",  # seed_scale is in the demo app
            "SECRET_KEY": "benchmark-only-" + "x" * 50,
            "ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": args.database_url or f"sqlite:///{folder}/bench.sqlite3",
            "STATIC_ROOT": f"{folder}/static",
            # The benchmark's regulator has no phone: measure the reports, not the login.
            "REQUIRE_TWO_FACTOR": "false",
        }
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (
        ["migrate", "-v", "0"],
        ["collectstatic", "--noinput", "-v", "0"],
        ["seed_scale", "--listings", str(args.listings)],
    ):
        subprocess.run([*manage, *command], check=True)  # noqa: S603

    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.test import Client

    from roles import REGULATORS

    user, _ = User.objects.get_or_create(username="benchmark-regulator")
    user.groups.add(Group.objects.get(name=REGULATORS))
    client = Client()
    client.force_login(user)
    print("| report | first page | full CSV export | rows |")
    print("| --- | --- | --- | --- |")
    for label, url in REPORTS:
        client.get(url, secure=True)  # warm process caches
        tick = time.perf_counter()
        assert client.get(url, secure=True).status_code == 200
        page = time.perf_counter() - tick
        tick = time.perf_counter()
        response = client.get(url, {"export": "csv"}, secure=True)
        rows = sum(chunk.count(b"\n") for chunk in response.streaming_content) - 1
        export = time.perf_counter() - tick
        print(f"| {label} | {page * 1000:.0f} ms | {export:.1f} s | {rows:,} |")


if __name__ == "__main__":
    main()
