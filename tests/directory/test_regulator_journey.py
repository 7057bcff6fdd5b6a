"""Issue 25 (10): the regulator's frictions: every report filter has a label, the trend's
snapshots are taken by the product, and a listing opens as the standard defines it."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import roles
from directory.models import CompletenessSnapshot, Setting

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db

REPORTS = (
    "completeness",
    "authorities",
    "items",
    "senco",
    "waiting",
    "coverage",
)


@pytest.fixture
def regulator(client, make_user, make_setting):
    make_setting("Oakfield Primary School", senco_name="")
    make_user("regulator", roles.REGULATORS)
    assert client.login(username="regulator", password=PASSWORD)


def test_no_report_filter_is_labelled_invalid(client, regulator):
    for name in REPORTS:
        response = client.get(reverse(f"directory_reports:{name}"))
        assert response.status_code == 200, name
        assert "[invalid name]" not in response.content.decode(), name
    feedback = client.get("/admin/reports/feedback/")
    if feedback.status_code == 200:
        assert "[invalid name]" not in feedback.content.decode()


def test_the_trend_is_recorded_by_the_product_not_by_its_reader(client, regulator):
    assert not CompletenessSnapshot.objects.exists()
    html = client.get(reverse("directory_reports:authorities")).content.decode()
    assert "snapshot_completeness" not in html
    assert CompletenessSnapshot.objects.filter(taken_on=timezone.localdate()).exists()
    # Once a day: looking again, or the daily reminders, take no second one.
    client.get(reverse("directory_reports:authorities"))
    call_command("send_listing_reminders")
    assert CompletenessSnapshot.objects.filter(taken_on=timezone.localdate()).count() == 1


def test_the_daily_reminders_record_the_days_figures(make_setting):
    make_setting("Oakfield Primary School")
    call_command("send_listing_reminders")
    assert CompletenessSnapshot.objects.filter(taken_on=timezone.localdate()).exists()


def test_a_listing_opens_as_the_standard_defines_it(client, regulator):
    school = Setting.objects.get(name="Oakfield Primary School")
    url = reverse(Setting.snippet_viewset.get_url_name("inspect"), args=[school.pk])
    html = client.get(url).content.decode()
    assert "Live</dt>" not in html and "Locked" not in html
    assert f"{school.completeness_score}%" in html
    assert "The SENCo&#x27;s name" in html and "<strong>Missing</strong>" in html
    assert "Schedule 1" in html or "regulation" in html.lower()


def test_each_listing_in_the_reports_opens_as_the_standard_defines_it(client, regulator):
    """Walked: the regulator read "Cherry Tree Primary School: 17%" in Completeness by listing
    and had no way to open it from there."""
    school = Setting.objects.get(name="Oakfield Primary School")
    url = reverse(Setting.snippet_viewset.get_url_name("inspect"), args=[school.pk])
    html = client.get(reverse("directory_reports:completeness")).content.decode()
    assert f'<a href="{url}">Oakfield Primary School</a>' in html
    assert client.get(url).status_code == 200
    # The export keeps the plain name.
    export = client.get(reverse("directory_reports:completeness"), {"export": "csv"})
    body = b"".join(export.streaming_content).decode()
    assert "Oakfield Primary School" in body and "<a" not in body
