"""Load benchmark: the site under concurrent requests, as production serves it.

    python benchmarks/load.py --database-url URL [--workers 2] [--connections 8]
                              [--seconds 20] [--publish-every 2] [--publish-changes summary]

The database must hold national-scale data: `python manage.py seed_scale --listings 34000`
(with the same DATABASE_URL; for SQLite, e.g. sqlite:////tmp/bench.sqlite3). The benchmark
starts gunicorn (sync workers, production settings, DEBUG off, persistent connections) on
127.0.0.1 and drives it from this process with --connections threads, each on one keep-alive
connection, for --seconds per scenario:

- a mix of 200 distinct family searches (words, needs, ages, authorities, postcodes), cold
  the first time each is asked in a process and cached after;
- first render: 20,000 distinct searches and 5,000 distinct profiles, each asked once (what a
  family meets on anything uncommon: nothing kept yet);
- listing profiles, the home page and /healthz;
- the search mix again while an editor publishes a listing every --publish-every seconds
  (from this process, through Wagtail's publish): every publish must succeed. Each publish
  changes the listing's summary (--publish-changes summary: its words), or its age range
  (ages: which age filters it counts under, so the facet counts on most pages change and
  those pages are rendered again - the harder case for the page cache);
- the resident memory of each worker afterwards.

It prints requests per second, p50 and p99 latency and errors per scenario. Requests go to
127.0.0.1 only. The load generator shares the machine's cores with the server, so the figures
are a floor: on a 2-core machine it takes about one core itself.
"""

import argparse
import http.client
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
WORDS = ["support", "school", "autism", "speech", "primary", "nursery", "college", "therapy"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0


def search_mix(authorities, outward_codes, needs, count=200, seed=17):
    """`count` distinct family searches, the same every run."""
    rng = random.Random(seed)
    mix, seen = [], set()
    while len(mix) < count:
        params = {}
        if rng.random() < 0.6:
            params["q"] = rng.choice(WORDS)
        if rng.random() < 0.5:
            params["need"] = rng.choice(needs)
        if rng.random() < 0.4:
            params["age"] = str(rng.randint(0, 25))
        if rng.random() < 0.3:
            params["la"] = rng.choice(authorities)
        elif outward_codes and rng.random() < 0.3:
            params["postcode"] = rng.choice(outward_codes)
            params["radius"] = str(rng.choice([3, 5, 10]))
        if rng.random() < 0.2:
            params["page"] = str(rng.randint(2, 5))
        key = urlencode(sorted(params.items()))
        if key not in seen:
            seen.add(key)
            mix.append("/directory/?" + key)
    return mix


def drive(port, paths, seconds, connections):
    """Request `paths` in turn from `connections` threads for `seconds`."""
    stop = time.monotonic() + seconds
    latencies, errors, lock = [], [], threading.Lock()
    counter = iter(range(10**9))

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine = []
        while time.monotonic() < stop:
            path = paths[next(counter) % len(paths)]
            tick = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors.append(f"{response.status} {path}")
            except (OSError, http.client.HTTPException) as error:
                errors.append(f"{error!r} {path}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            mine.append((time.perf_counter() - tick) * 1000)
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) if latencies else 0,
        "p99": percentile(latencies, 0.99),
        "requests": len(latencies),
        "errors": errors,
    }


def rss_mb(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--publish-every", type=float, default=2)
    parser.add_argument("--publish-changes", choices=["summary", "ages"], default="summary")
    args = parser.parse_args()

    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "localoffer.settings.production",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-" + "x" * 50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": args.database_url,
        "STATIC_ROOT": os.environ.get("STATIC_ROOT", "/tmp/localoffer-load-static"),  # noqa: S108
        # A page cache of this run's own: the first pass starts cold.
        "PAGE_CACHE_DIR": tempfile.mkdtemp(prefix="localoffer-pages-"),
    }
    os.environ.update(env)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v", "0"], check=True)  # noqa: S603
    subprocess.run([*manage, "collectstatic", "--noinput", "-v", "0"], check=True)  # noqa: S603

    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    import django

    django.setup()
    from directory.models import Listing, LocalAuthority, Need, Postcode, Setting

    authorities = list(LocalAuthority.objects.values_list("code", flat=True))
    outward = sorted(set(Postcode.objects.values_list("outward", flat=True)[:2000]))
    needs = list(Need.objects.values_list("code", flat=True))
    mix = search_mix(authorities, outward, needs)
    slugs = list(
        Listing.objects.filter(live=True).order_by("?").values_list("slug", flat=True)[:200]
    )
    print(
        f"{Listing.objects.count():,} listings; {len(mix)} distinct searches; "
        f"{args.workers} gunicorn workers, {args.connections} connections, "
        f"{args.seconds:.0f} s each"
    )

    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--chdir",
            str(ROOT / "site"),
            "localoffer.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        drive(port, ["/healthz", "/"] + mix[:10], 3, 2)  # workers up, process caches warm

        print("\n| scenario | req/s | p50 ms | p99 ms | requests | errors |")
        print("| --- | --- | --- | --- | --- | --- |")

        def report(label, result):
            print(
                f"| {label} | {result['rps']:.0f} | {result['p50']:.0f} | {result['p99']:.0f} | "
                f"{result['requests']} | {len(result['errors'])} |"
            )
            for error in result["errors"][:3]:
                print(f"|   {error} | | | | | |")

        quiet = drive(port, mix, args.seconds, args.connections)
        report("search mix (200 searches, first pass cold)", quiet)
        report("kept pages: search mix again", drive(port, mix, args.seconds, args.connections))
        report(
            "profiles",
            drive(port, [f"/directory/{s}/" for s in slugs], args.seconds, args.connections),
        )
        # A family's first search: distinct URLs, each asked once (none is kept yet), as
        # families asking about anything uncommon meet the site.
        distinct = [
            path
            for path in search_mix(authorities, outward, needs, count=20_000, seed=29)
            if path not in set(mix)
        ]
        report(
            f"first render: distinct searches ({len(distinct):,}, each asked once)",
            drive(port, distinct, args.seconds, args.connections),
        )
        unseen = list(
            Listing.objects.filter(live=True)
            .exclude(slug__in=slugs)
            .order_by("?")
            .values_list("slug", flat=True)[:5000]
        )
        report(
            f"first render: distinct profiles ({len(unseen):,}, each viewed once)",
            drive(port, [f"/directory/{s}/" for s in unseen], args.seconds, args.connections),
        )
        report("home page", drive(port, ["/"], args.seconds, args.connections))
        report("/healthz", drive(port, ["/healthz"], args.seconds, args.connections))

        # An editor publishes every few seconds while families search.
        listing = Setting.objects.filter(live=True).order_by("pk").first()
        published, failed, stop = [], [], threading.Event()

        def publish():
            n = 0
            while not stop.wait(args.publish_every):
                n += 1
                if args.publish_changes == "ages":
                    listing.min_age, listing.max_age = (4, 11) if n % 2 else (3, 12)
                else:
                    listing.summary = f"Updated during the load benchmark ({n})"
                try:
                    listing.save_revision().publish()
                    published.append(n)
                except Exception as error:  # noqa: BLE001 - counted and shown
                    failed.append(repr(error))

        editor = threading.Thread(target=publish)
        editor.start()
        busy = drive(port, mix, args.seconds, args.connections)
        stop.set()
        editor.join()
        report(
            f"search mix, a publish every {args.publish_every:.0f} s ({args.publish_changes})",
            busy,
        )
        print(f"\npublishes during the run: {len(published)} succeeded, {len(failed)} failed")
        for error in failed[:3]:
            print("  ", error)
        ratio = busy["p99"] / quiet["p99"] if quiet["p99"] else 0
        print(f"p99 with publishes / quiet first pass: {ratio:.2f}")

        children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
        workers = children.read_text().split() if children.exists() else []
        sizes = [rss_mb(int(pid)) for pid in workers]
        print(
            "worker resident memory after the runs: "
            + ", ".join(f"{size:.0f} MB" for size in sizes if size)
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
