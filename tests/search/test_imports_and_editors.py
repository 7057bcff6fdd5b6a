"""An import never holds editors up: each batch records its changes as one step at its end, so
the directory version's lock is taken for the moment before the batch commits, not for the
whole batch (issue: a GIAS batch of 1,000 rows held it for 8 s, 55-72 s under load, with every
admin Publish waiting behind it). What families see still moves with each batch."""

import threading

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models.signals import post_save

from directory import change_log
from directory.importers import gias
from directory.models import DirectoryChange, DirectoryVersion, Setting
from search.facets import facet_index
from tests.directory.test_import_gias import gias_row, run, write


def rows(count):
    """New schools in the `authority` fixture's area (990)."""
    return [
        gias_row(
            **{"URN": str(500000 + n), "EstablishmentName": f"Larch Academy {n}"},
            **{"LA (code)": "990", "LA (name)": "Northbrook"},
        )
        for n in range(count)
    ]


@pytest.mark.django_db
def test_an_import_moves_the_version_once_a_batch_and_names_each_school(
    tmp_path, authority, monkeypatch
):
    monkeypatch.setattr(gias, "BATCH_SIZE", 10)
    version = change_log.current_version()
    facet_index(version)  # a process keeps what it derived before the import
    newest_before = change_log.latest_change()[0]

    run(write(tmp_path / "gias.csv", rows(25)))

    changes = DirectoryChange.objects.filter(pk__gt=newest_before)
    imported = set(Setting.objects.filter(urn__gte=500000).values_list("pk", flat=True))
    assert len(imported) == 25
    assert set(changes.values_list("listing_id", flat=True)) == imported
    # Three batches, each written once and indexed once: six versions, not one per school.
    assert changes.values("token").distinct().count() == 6
    # A process catching up is given every school, as a fresh build reads them.
    version = change_log.current_version()
    kept = change_log.KEPT["facet index"]
    assert kept.view(facet_index(version)) == kept.view(kept.build(None, version))


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite lets one writer in at a time anyway"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_editor_can_publish_while_an_import_batch_is_being_written(tmp_path, authority):
    """While the importer is half way through a batch, another connection takes the version
    row's lock at once (NOWAIT), as an editor's Publish does when it records its change."""
    outcome = {}

    def editor_publishes_mid_batch(sender, instance, **kwargs):
        if outcome or not instance.name.startswith("Larch Academy"):
            return

        def publish():
            try:
                with transaction.atomic():
                    DirectoryVersion.objects.select_for_update(nowait=True).get(pk=1)
                outcome["publish"] = "went ahead"
            except DatabaseError as error:
                outcome["publish"] = f"waited behind the import: {error}"
            finally:
                connection.close()

        editor = threading.Thread(target=publish)
        editor.start()
        editor.join(10)

    post_save.connect(editor_publishes_mid_batch, sender=Setting, dispatch_uid="test-editor")
    try:
        run(write(tmp_path / "gias.csv", rows(5)))
    finally:
        post_save.disconnect(sender=Setting, dispatch_uid="test-editor")
    assert outcome == {"publish": "went ahead"}
    assert Setting.objects.filter(urn__gte=500000).count() == 5


@pytest.mark.django_db
def test_a_batch_that_fails_records_nothing(authority):
    newest_before = change_log.latest_change()
    with pytest.raises(RuntimeError), transaction.atomic(), change_log.recorded_together():
        change_log.record(listing_id=1)
        raise RuntimeError("the batch failed")
    assert change_log.latest_change() == newest_before
    # and recording works normally again afterwards
    change_log.record(listing_id=None)
    assert change_log.latest_change()[0] > newest_before[0]
