"""Editors publish while families search: on the embedded SQLite default no publish may fail
("database is locked"), even with every search writing to the cache in the same database."""

import threading
import urllib.request

import pytest
from django.core.management import call_command
from django.db import OperationalError, close_old_connections, connection

from directory.models import Setting

SEARCHERS = 4
PUBLISHES = 12


# The live server answers from another thread, so the data must be committed.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_publish_succeeds_during_concurrent_searches(live_server, settings, make_setting):
    # The heaviest case: a cache in the same database, written by every search that misses
    # it (each publish changes the directory version, so every search after it misses).
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "test_concurrency_cache",
        },
    }
    call_command("createcachetable", verbosity=0)
    for i in range(8):
        make_setting(f"Larch School {i}", description=f"Forest school number {i}")
    listing = Setting.objects.get(name="Larch School 0")

    stop, answers, errors = threading.Event(), [], []

    def search(worker):
        n = 0
        try:
            while not stop.is_set():
                n += 1
                url = f"{live_server.url}/directory/?q=school&age={n % 20}&page={worker}"
                with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310
                    answers.append(response.status)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))

    threads = [threading.Thread(target=search, args=(w,)) for w in range(SEARCHERS)]
    for thread in threads:
        thread.start()
    failed = []
    try:
        for i in range(PUBLISHES):
            listing.name = f"Larch School 0 ({i})"
            try:
                listing.save_revision().publish()
            except OperationalError as error:
                failed.append(str(error))
                close_old_connections()
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=120)
    assert failed == []
    assert errors == []
    assert answers and set(answers) == {200}
    listing.refresh_from_db()
    assert listing.name == f"Larch School 0 ({PUBLISHES - 1})"
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
