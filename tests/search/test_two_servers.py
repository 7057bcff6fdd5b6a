"""Two app servers over one PostgreSQL and one Redis agree with the database.

Two gunicorn servers (three workers each, each with its own per-process state and its own kept
pages: Redis databases 0 and 1) serve families while editors publish, an approval is held open
while others publish, a GIAS import runs and a new council's Local Offer is added, all through
the product's own code, at the same time, and readers search both servers throughout. After the
writers stop, every answer from every worker of both servers must equal a fresh computation
from the database within one second (issue: five ways families were served stale data).
"""

import concurrent.futures
import http.client
import os
import random
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client

from directory import change_log
from directory.models import Listing, Setting
from tests.directory.test_import_gias import gias_row, write
from tests.servers import database_url, free_port

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 3
NEW_COUNCIL_HOST = "eastvale.localhost"

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="several app servers run over PostgreSQL (SQLite is one machine's database)",
    ),
    # The servers read what the test commits; serialized_rollback leaves the database as the
    # next transactional test expects it.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """Production serves static files collected once (WhiteNoise's manifest)."""
    root = tmp_path_factory.mktemp("static")
    subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env={**server_env("redis://127.0.0.1:1/0", root), "DATABASE_URL": "sqlite:///:memory:"},
        check=True,
        timeout=300,
    )
    return root


def server_env(redis_url, static_root):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return {
        **clean,
        "DJANGO_SETTINGS_MODULE": "localoffer.settings.production",
        "SECRET_KEY": "two-servers-test-only-" + "x" * 40,
        "ALLOWED_HOSTS": f"testserver,{NEW_COUNCIL_HOST},127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "STATIC_ROOT": str(static_root),
        "TASKS_BACKEND": "immediate",
    }


class AppServer:
    def __init__(self, redis_url, static_root):
        self.port = free_port()
        self.process = subprocess.Popen(  # noqa: S603 - gunicorn with fixed arguments
            [sys.executable, "-m", "gunicorn", "--chdir", str(ROOT / "site"), "localoffer.wsgi"]
            + ["--bind", f"127.0.0.1:{self.port}", "--workers", str(WORKERS)]
            + ["--worker-class", "sync", "--log-level", "warning"],
            cwd=ROOT,
            env=server_env(redis_url, static_root),
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.get("/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("the app server did not start")

    def get(self, path, host="testserver"):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request("GET", path, headers={"Host": host})
            response = conn.getresponse()
            return response.status, response.read().decode()
        finally:
            conn.close()

    def stop(self):
        self.process.terminate()
        self.process.wait(20)


MAIN = re.compile(r"<main.*?</main>", re.S)
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def what_it_says(html):
    """The page's own content, without the visitor's CSRF token."""
    found = MAIN.search(html)
    return TOKEN.sub("", found.group(0) if found else html)


def fresh(path, host="testserver"):
    """The page computed afresh from the database by a process that keeps nothing."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    change_log.forget_everything_kept()
    response = Client(HTTP_HOST=host).get(path)
    assert response.status_code == 200, path
    return what_it_says(response.content.decode())


def in_thread(work):
    def run():
        try:
            work()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_two_servers_agree_with_the_database_after_concurrent_writers(
    area, demo_site, redis_server, static_root, tmp_path
):
    listings = list(Setting.objects.filter(live=True))
    searches = [
        "/directory/",
        "/directory/?age=7",
        "/directory/?age=12",
        "/directory/?age=19",
        "/directory/?age=20",
        "/directory/?need=ASD",
        "/directory/?need=PMLD&age=5",
        "/directory/?phase=primary",
        "/directory/?q=school",
        "/directory/?q=larch",
        "/directory/?q=renamed",
        "/directory/?la=990",
    ]
    servers = [AppServer(redis_server.url.replace("/0", f"/{n}"), static_root) for n in range(2)]
    try:
        for server in servers:  # every worker warm: each keeps what it derives
            for path in searches * WORKERS:
                status, html = server.get(path)
                assert status == 200, (path, html[:3000])

        failures, stop_reading = [], threading.Event()

        def read():
            chooser = random.Random()
            while not stop_reading.is_set():
                server, path = chooser.choice(servers), chooser.choice(searches)
                status, _ = server.get(path)
                if status != 200:
                    failures.append((server.port, path, status))

        def editor(seed):
            chooser = random.Random(seed)
            for n in range(12):
                listing = Setting.objects.get(pk=chooser.choice(listings).pk)
                listing.min_age, listing.max_age = sorted(chooser.sample(range(2, 26), 2))
                if n % 3 == 0:
                    listing.name = f"{listing.name.split(' (')[0]} (renamed {seed}-{n})"
                listing.save_revision().publish()

        def approval_held_open():
            listing = Setting.objects.get(pk=listings[0].pk)
            with transaction.atomic():
                listing.min_age, listing.max_age = 19, 20
                listing.save_revision().publish()
                time.sleep(1.5)  # others publish meanwhile

        def import_schools():
            rows = [
                gias_row(
                    **{
                        "URN": str(700000 + n),
                        "EstablishmentName": f"Larch Academy {n}",
                        "LA (code)": "990",
                        "LA (name)": "Northbrook",
                    }
                )
                for n in range(40)
            ]
            call_command("import_gias", str(write(tmp_path / "gias.csv", rows)), verbosity=0)

        def add_council():
            call_command(
                "add_local_offer", "992", NEW_COUNCIL_HOST, "--name", "Eastvale", "--port", "80"
            )

        readers = [in_thread(read) for _ in range(4)]
        writers = [in_thread(lambda seed=seed: editor(seed)) for seed in (1, 2)]
        writers += [in_thread(approval_held_open), in_thread(import_schools)]
        writers += [in_thread(add_council)]
        for thread in writers:
            thread.join(120)
        assert not any(thread.is_alive() for thread in writers)
        stop_reading.set()
        for thread in readers:
            thread.join(60)
        assert failures == []
        assert Setting.objects.filter(name__startswith="Larch Academy").count() == 40

        time.sleep(1.0)  # within one second of the writers stopping
        pages = [(path, "testserver") for path in searches]
        pages += [(f"/directory/{slug}/", "testserver") for slug in _changed_slugs()]
        pages += [("/directory/", NEW_COUNCIL_HOST), ("/directory/?age=7", NEW_COUNCIL_HOST)]
        expected = {(path, host): fresh(path, host) for path, host in pages}
        stale = []
        # Several requests at once reach every worker of a server, not the same one each time.
        with concurrent.futures.ThreadPoolExecutor(WORKERS + 1) as pool:
            for server in servers:
                for (path, host), want in expected.items():
                    answers = pool.map(
                        lambda _, server=server, path=path, host=host: server.get(path, host),
                        range(WORKERS + 1),
                    )
                    for status, html in answers:
                        if status != 200 or what_it_says(html) != want:
                            stale.append((server.port, host, path, status))
        assert stale == [], f"{len(stale)} stale answers: {stale[:10]}"
    finally:
        for server in servers:
            server.stop()


def _changed_slugs():
    return list(
        Listing.objects.filter(live=True)
        .order_by("-last_published_at")
        .values_list("slug", flat=True)[:12]
    )
