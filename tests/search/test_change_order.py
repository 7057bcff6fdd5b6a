"""The change log in commit order: a process catching up while one writer's transaction is
still open must be given that writer's change once it commits, whatever another writer did in
between (issue: changes applied out of order left facet counts wrong for good)."""

import threading

import pytest
from django.db import connection, transaction

from directory import change_log
from directory.models import Setting
from directory.signals import listings_changed
from search.facets import facet_index


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite lets one writer in at a time anyway"
)
# The data is committed (two connections); serialized_rollback leaves the database as the
# next transactional test expects it (the reference data not made twice).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_committed_late_is_not_skipped_by_a_process_catching_up(make_setting):
    held, published = make_setting("Held School"), make_setting("Quick School")
    facet_index(change_log.current_version())  # the process keeps an index
    opened, release = threading.Event(), threading.Event()

    def approval_held_open():
        try:
            with transaction.atomic():
                held.min_age, held.max_age = 19, 20
                held.save()  # its change is recorded, then the transaction stays open
                opened.set()
                release.wait(10)
        finally:
            connection.close()

    writer = threading.Thread(target=approval_held_open)
    writer.start()
    assert opened.wait(10)
    # Another change is written in autocommit meanwhile: it waits for the version row (held
    # by the open transaction) before it writes its change, so its change comes after.
    quick = threading.Thread(target=_publish_renamed, args=(published.pk,))
    quick.start()
    quick.join(0.5)
    # A process starts (or rebuilds) now, while both are pending.
    change_log.forget_everything_kept()
    facet_index(change_log.current_version())
    release.set()
    writer.join(10)
    quick.join(10)
    assert not writer.is_alive() and not quick.is_alive()

    version = change_log.current_version()
    index = facet_index(version)
    assert held.pk in index.ids_in(index.age[20])
    kept = change_log.KEPT["facet index"]
    assert kept.view(index) == kept.view(kept.build(None, version))


def _publish_renamed(pk):
    """A listing's row written in autocommit, as "Last checked" is on an approval: each
    statement commits at once, the change's too."""
    try:
        Setting.objects.filter(pk=pk).update(name="Quick School (renamed)")
        listings_changed.send(sender=Setting, listing_id=pk)
    finally:
        connection.close()
