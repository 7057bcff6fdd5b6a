"""Maps benchmark: what one map costs, and the results page with maps against without.

    python benchmarks/maps.py --database-url URL [--searches 150] [--tiles]

The database must hold national-scale data (`python manage.py seed_scale --listings N`, with
the same DATABASE_URL; for SQLite e.g. sqlite:////tmp/bench.sqlite3). Everything runs in this
process, with production settings (DEBUG off), through Django's test client: no server, no
network (with --tiles, a tile server of its own on 127.0.0.1).

It prints:

- one map: drawing it (directory/maps.py) and rendering its SVG for a page of 20 results,
  plain and with a base map; stitching a base map from tiles already on disk, and serving
  a base map stitched before;
- the results page's p50 and p99, maps off (MAPS_SHOWN off) and on, for --searches distinct
  searches by a postcode or an authority (the pages a map is drawn on): cold, the first
  render of each (every cache emptied before each request), and warm, the kept page. Off and
  on are measured in turn, request by request, so that the machine's other work falls on
  both alike.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent


def p(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def place_searches(authorities, outward_codes, needs, count, seed=41):
    """`count` distinct searches by a postcode or an authority, some with words or filters."""
    rng = random.Random(seed)
    searches, seen = [], set()
    while len(searches) < count:
        params = {}
        if rng.random() < 0.6 and outward_codes:
            params["postcode"] = rng.choice(outward_codes)
            params["radius"] = str(rng.choice([3, 5, 10]))
        else:
            params["la"] = rng.choice(authorities)
        if rng.random() < 0.4:
            params["q"] = rng.choice(["school", "support", "autism", "speech", "nursery"])
        if rng.random() < 0.4:
            params["need"] = rng.choice(needs)
        if rng.random() < 0.2:
            params["page"] = "2"
        key = urlencode(sorted(params.items()))
        if key not in seen:
            seen.add(key)
            searches.append("/directory/?" + key)
    return searches


def timed(client, path):
    tick = time.perf_counter()
    response = client.get(path, HTTP_HOST="127.0.0.1")
    elapsed = (time.perf_counter() - tick) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{response.status_code} for {path}")
    return elapsed, response


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--searches", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=200, help="maps drawn for the per-map cost")
    parser.add_argument("--tiles", action="store_true", help="also measure the tiled path")
    args = parser.parse_args()

    tile_dir = tempfile.mkdtemp(prefix="localoffer-map-tiles-")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "localoffer.settings.production",
            "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-" + "x" * 50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": args.database_url,
            "PAGE_CACHE": "local",
            "MAP_TILE_CACHE_DIR": tile_dir,
            "STATIC_ROOT": os.environ.get("STATIC_ROOT", "/tmp/localoffer-load-static"),  # noqa: S108
        }
    )
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", "--noinput", verbosity=0)  # the manifest production reads
    from django.core.cache import caches
    from django.template.loader import render_to_string
    from django.test import Client, override_settings

    from directory import change_log, maps
    from directory.models import Listing, LocalAuthority, Need, Postcode
    from search.query import Location

    authorities = list(LocalAuthority.objects.values_list("code", flat=True))
    outward = sorted(set(Postcode.objects.values_list("outward", flat=True)[:2000]))
    needs = list(Need.objects.values_list("code", flat=True))
    searches = place_searches(authorities, outward, needs, args.searches)
    client = Client()
    print(f"{Listing.objects.count():,} listings; {len(searches)} distinct place searches")

    # One map -------------------------------------------------------------------------------
    listings = list(
        Listing.objects.filter(live=True, latitude__isnull=False)
        .only("name", "latitude", "longitude")
        .order_by("pk")[:20]
    )
    first = listings[0]
    location = Location("AB1", first.latitude + 0.01, first.longitude - 0.01)

    def one_map():
        cards = [{"listing": listing} for listing in listings]
        drawing = maps.results_map(cards, 1, location=location, radius=10)
        return render_to_string("components/results_map.html", {"map": drawing})

    def per_map(label, work):
        work()
        tick = time.perf_counter()
        for _ in range(args.repeat):
            work()
        each = (time.perf_counter() - tick) * 1000 / args.repeat
        print(f"| {label} | {each:.2f} |")

    print("\n| one map (20 markers, postcode, radius, scale) | ms |")
    print("| --- | --- |")
    with override_settings(MAP_TILES_URL=""):
        per_map("plain: drawn and its SVG rendered", one_map)
    server = None
    if args.tiles:
        from tests.directory.map_helpers import TileServer

        server = TileServer()
        with override_settings(MAP_TILES_URL=server.url, MAP_TILES_ATTRIBUTION="© test"):
            per_map("with a base map: drawn and its SVG rendered", one_map)
            drawing = maps.results_map(
                [{"listing": listing} for listing in listings], 1, location=location, radius=10
            )
            view = (drawing.zoom, drawing.left, drawing.top, drawing.width, drawing.height)
            maps.stitch(*view)  # the tiles fetched once, now on disk
            cache = maps.tile_cache()

            def stitch_from_tiles_on_disk():
                os.remove(cache.path(f"{server.url}|view {view[0]}/{view[1]}/{view[2]}/640x400"))
                maps.stitch(*view)

            per_map("base map stitched from tiles on disk (PNG)", stitch_from_tiles_on_disk)
            url = drawing.base_url
            per_map(
                "base map served, stitched before",
                lambda: client.get(url, HTTP_HOST="127.0.0.1"),
            )

    # The results page, maps off and on -----------------------------------------------------
    def empty_caches():
        for name in ("default", "pages"):  # not "shared": login counters, not answers
            caches[name].clear()
        change_log.forget_everything_kept()

    results = {("off", "cold"): [], ("on", "cold"): [], ("off", "warm"): [], ("on", "warm"): []}
    shown = 0
    for path in searches[:10]:  # the process's indexes built before anything is timed
        client.get(path, HTTP_HOST="127.0.0.1")
    for index, path in enumerate(searches):
        # Each mode goes first for half the searches: neither gains from the other's work.
        for mode in ("off", "on") if index % 2 else ("on", "off"):
            with override_settings(MAPS_SHOWN=mode == "on"):
                empty_caches()
                elapsed, response = timed(client, path)
                results[(mode, "cold")].append(elapsed)
                if mode == "on":
                    shown += b'<details class="map">' in response.content
                elapsed, response = timed(client, path)
                assert response["X-Page-Served"] == "kept", path
                results[(mode, "warm")].append(elapsed)
    print(f"\nA map on {shown} of the {len(searches)} pages (none where nothing was found).")
    print("\n| results page | maps off p50 ms | maps on p50 ms | on / off | off p99 | on p99 |")
    print("| --- | --- | --- | --- | --- | --- |")
    for path_kind in ("cold", "warm"):
        off, on = results[("off", path_kind)], results[("on", path_kind)]
        label = "cold: first render" if path_kind == "cold" else "warm: kept page"
        print(
            f"| {label} | {statistics.median(off):.1f} | {statistics.median(on):.1f} | "
            f"{statistics.median(on) / statistics.median(off):.2f} | {p(off, 0.99):.1f} | "
            f"{p(on, 0.99):.1f} |"
        )
    if server is not None:
        server.stop()


if __name__ == "__main__":
    main()
