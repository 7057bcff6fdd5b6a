"""A web process killed with SIGKILL in the middle of a publish (the OOM killer, a deploy that
does not wait) leaves nothing half-applied: the listing, its revision and the directory version
are as they were, families are served the listing as it was, and the next editor's publish goes
ahead at once (no lock is left behind)."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.db import connection

from directory import change_log
from tests.servers import database_url

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="a second process writing needs PostgreSQL"
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# A writer in its own process: publishes a change inside a transaction (as a workflow approval
# does), says so, and waits there to be killed.
WRITER = textwrap.dedent(
    """
    import sys, time
    import django
    django.setup()
    from django.db import transaction
    from directory.models import Setting
    listing = Setting.objects.get(pk=int(sys.argv[1]))
    with transaction.atomic():
        listing.name = "Half Published School"
        listing.min_age, listing.max_age = 19, 25
        listing.save_revision().publish()
        print("published, not committed", flush=True)
        time.sleep(60)
    """
)


def test_a_writer_killed_mid_publish_leaves_nothing_half_applied(client, make_setting):
    school = make_setting("Whole School", min_age=4, max_age=11)
    url = f"/directory/{school.slug}/"
    assert "Whole School" in client.get(url).content.decode()
    version, newest = change_log.current_version(), change_log.latest_change()
    revisions = school.revisions.count()

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "localoffer.settings.test",
        "DATABASE_URL": database_url(),
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'site'}",
    }
    writer = subprocess.Popen(  # noqa: S603 - our own script, fixed arguments
        [sys.executable, "-c", WRITER, str(school.pk)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "published, not committed"
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(20)

    school.refresh_from_db()
    assert (school.name, school.min_age, school.max_age) == ("Whole School", 4, 11)
    assert school.revisions.count() == revisions
    assert (change_log.current_version(), change_log.latest_change()) == (version, newest)
    page = client.get(url).content.decode()
    assert "Whole School" in page and "Half Published School" not in page
    assert client.get("/directory/", {"age": 20}).content.decode().count(school.slug) == 0

    # The next publish goes ahead: the killed transaction's locks went with its connection.
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '2s'")
    school.name = "Whole School, renamed"
    school.save_revision().publish()
    assert "Whole School, renamed" in client.get(url).content.decode()
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = 0")
