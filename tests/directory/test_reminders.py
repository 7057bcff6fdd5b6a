"""send_listing_reminders: editors hear before their listing goes out of date, and when their
waiting time is too old; listings with no editor go to the Local Offer team; once each."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import roles
from directory import standard
from directory.models import ListingReminder

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def listings(make_setting, make_service, make_user, link):
    today = timezone.localdate()
    senco = make_user("senco", roles.SETTING_EDITORS)
    team = make_user("team", roles.SERVICE_EDITORS)
    due_soon = make_setting(
        "Due Soon School", last_reviewed_on=today - standard.STALE_AFTER + datetime.timedelta(20)
    )
    link(senco, due_soon)
    make_setting("Fresh School", last_reviewed_on=today - datetime.timedelta(100))
    orphan = make_setting(
        "No Editor School", last_reviewed_on=today - standard.STALE_AFTER + datetime.timedelta(5)
    )
    old_wait = make_service(
        "Old Wait Team",
        last_reviewed_on=today,
        waiting_weeks=10,
        waiting_stated_on=today - standard.WAITING_TIME_CURRENT_FOR - datetime.timedelta(1),
    )
    link(team, old_wait)
    make_service(
        "Current Wait Team", last_reviewed_on=today, waiting_weeks=3, waiting_stated_on=today
    )
    return {"due_soon": due_soon, "orphan": orphan, "old_wait": old_wait}


def test_editors_and_the_local_offer_team_are_reminded_once(demo_site, listings, capsys):
    from home.models import AuthoritySettings

    team_address = AuthoritySettings.objects.get().contact_email
    call_command("send_listing_reminders")
    assert "3 reminder(s) due; 3 e-mail(s) sent." in capsys.readouterr().out
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"senco@example.org", "team@example.org", team_address}
    assert "Due Soon School" in by_address["senco@example.org"].body
    assert "families will see it as out of date" in by_address["senco@example.org"].body
    assert "Old Wait Team" in by_address["team@example.org"].body
    assert "more than 6 months ago" in by_address["team@example.org"].body
    assert "No Editor School" in by_address[team_address].body
    for message in mail.outbox:
        assert "Fresh School" not in message.body and "Current Wait Team" not in message.body
        assert "/admin/directory/" in message.body and "/edit/" in message.body

    reminders = ListingReminder.objects.all()
    assert {(r.listing.name, r.kind, r.sent_on) for r in reminders} == {
        ("Due Soon School", "stale-soon", timezone.localdate()),
        ("No Editor School", "stale-soon", timezone.localdate()),
        ("Old Wait Team", "waiting-old", timezone.localdate()),
    }

    # Idempotent: again today, or tomorrow, nothing new is sent.
    mail.outbox.clear()
    call_command("send_listing_reminders")
    assert mail.outbox == []
    from directory.reminders import send_listing_reminders

    assert send_listing_reminders(timezone.localdate() + datetime.timedelta(1)) == (0, 0)
    # When it does go out of date, one more reminder says so.
    later = listings["due_soon"].last_reviewed_on + standard.STALE_AFTER + datetime.timedelta(1)
    emails, count = send_listing_reminders(later)
    assert count >= 2  # the school, now out of date, and the orphan
    assert any(
        "Due Soon School" in m.body and "Families see it as out of date" in m.body
        for m in mail.outbox
    )


def test_officers_see_when_each_listing_was_last_reminded(demo_site, listings, client, officer):
    call_command("send_listing_reminders")
    client.login(username="officer", password=PASSWORD)
    html = client.get("/admin/directory/settings/").content.decode()
    assert "Last reminded" in html
    assert timezone.localdate().strftime("%-d %B %Y") in html


def test_nothing_due_sends_nothing(make_setting, capsys):
    make_setting("Fresh School")
    call_command("send_listing_reminders")
    assert mail.outbox == [] and "0 reminder(s) due" in capsys.readouterr().out
