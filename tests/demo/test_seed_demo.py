import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, Revision, Site

import roles
from directory.models import LocalAuthority
from guidance.models import GuidePage
from home.models import AuthoritySettings, HomePage
from roles import ROLE_NAMES


def snapshot():
    User = get_user_model()
    return {
        "pages": list(Page.objects.values_list("id", "path", "title", "live")),
        "revisions": Revision.objects.count(),
        "log": PageLogEntry.objects.count(),
        "sites": list(Site.objects.values_list("hostname", "root_page_id", "is_default_site")),
        "users": list(User.objects.order_by("username").values_list("username", "password")),
        "groups": list(Group.objects.order_by("name").values_list("name", flat=True)),
        "settings": list(AuthoritySettings.objects.values()),
    }


@pytest.mark.django_db
def test_seed_demo_builds_the_sites_and_one_user_per_role(capsys):
    User = get_user_model()
    call_command("seed_demo")
    out = capsys.readouterr().out
    # The national site and the Local Offers of Northbrook and Southmere, each its own site.
    assert HomePage.objects.live().filter(locale__language_code="en-gb").count() == 3
    national = Site.objects.get(is_default_site=True)
    assert national.root_page.specific_class is HomePage
    northbrook = Site.objects.get(hostname="northbrook.localhost")
    assert AuthoritySettings.for_site(northbrook).authority_name == "Northbrook Council"
    assert LocalAuthority.objects.get(code="990").site == northbrook
    assert "http://northbrook.localhost:8000/" in out
    assert "http://southmere.localhost:8000/" in out
    # Officers and forums act for their own authority; the regulator and the national forum
    # for every one.
    assert roles.authority_ids(User.objects.get(username="officer")) == {
        LocalAuthority.objects.get(code="990").pk
    }
    assert roles.authority_ids(User.objects.get(username="officer-southmere")) == {
        LocalAuthority.objects.get(code="991").pk
    }
    assert roles.authority_ids(User.objects.get(username="regulator")) is None
    assert roles.authority_ids(User.objects.get(username="forum-national")) is None
    for role in ROLE_NAMES:
        assert User.objects.filter(groups__name=role).exists(), role
        assert role in out
    assert User.objects.filter(is_superuser=True).exists()
    # The printed login works.
    assert "localoffer-demo" in out
    assert User.objects.get(username="admin").check_password("localoffer-demo")
    # The national site in Polish and Urdu, with sample translations that say nobody checked
    # them (docs/languages.md).
    assert "SAMPLE translations" in out
    client = Client()
    html = client.get("/pl/guide/ask-for-an-ehc-needs-assessment/").content.decode()
    assert '<html lang="pl" dir="ltr">' in html
    assert "Przykładowe tłumaczenie do wersji demonstracyjnej" in html
    assert "Niesprawdzone przez forum rodziców i opiekunów." in html
    assert '<html lang="ur" dir="rtl">' in client.get("/ur/guide/ehc-deadlines/").content.decode()
    english = client.get("/guide/ask-for-an-ehc-needs-assessment/").content.decode()
    assert 'hreflang="pl"' in english and 'hreflang="ur"' in english


@pytest.mark.django_db
def test_seed_demo_twice_changes_nothing():
    call_command("seed_demo")
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first


@pytest.mark.django_db
def test_seed_demo_refuses_where_demo_data_is_not_allowed(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="not allowed"):
        call_command("seed_demo")
    assert not get_user_model().objects.exists()


def test_dev_settings_serve_every_authority_site_on_localhost():
    """The README's demo addresses: northbrook.localhost:8000 and southmere.localhost:8000."""
    from tests.test_production_settings import manage

    code = (
        "from django.conf import settings; from django.http.request import validate_host;"
        "print([validate_host(h, settings.ALLOWED_HOSTS) for h in "
        "('127.0.0.1', 'northbrook.localhost', 'southmere.localhost', 'evil.example')])"
    )
    result = manage("shell", "-c", code, env={"DJANGO_SETTINGS_MODULE": "localoffer.settings.dev"})
    assert result.stdout.strip().endswith("[True, True, True, False]"), result.stderr


@pytest.mark.django_db
def test_each_roles_first_login_finds_work_waiting(client, capsys):
    """Walked in a fresh clone: the officer's and the forum's first dashboards had nothing to
    approve or sign off, so neither journey could be tried without first making the work."""
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "Waiting in the admin:" in out
    assert client.login(username="officer", password="localoffer-demo")
    html = client.get("/admin/").content.decode()
    waiting = html[html.index("Awaiting your review") :]
    assert "Ashby Vale Primary School" in waiting[: waiting.index("</table>")]
    client.logout()

    assert client.login(username="forum", password="localoffer-demo")
    html = client.get("/admin/").content.decode()
    forum = html[html.index("Waiting for your sign-off") : html.index("Your pages due")]
    assert "SEND support in Northbrook: who to contact" in forum
    assert "I could not find the phone number for the SEND team" in html
    client.logout()

    # Each workflow reviews the change itself, so approving it publishes the change and the
    # forum's sign-off from the edit screen does not send the page back to the first step.
    from wagtail.models import WorkflowState

    for state in WorkflowState.objects.filter(status="in_progress"):
        latest = state.content_object.get_latest_revision()
        assert state.current_task_state.revision_id == latest.pk, state
    assert client.login(username="forum", password="localoffer-demo")
    page = GuidePage.objects.get(slug="send-in-northbrook")
    task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)),
        {"comment": ""},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    page.refresh_from_db()
    assert page.live and "coffee mornings" in page.summary
    client.logout()

    # Once: seeding again adds no second change or workflow.

    states = WorkflowState.objects.count()
    call_command("seed_demo")
    assert "Waiting in the admin:" not in capsys.readouterr().out
    assert WorkflowState.objects.count() == states


@pytest.mark.django_db
def test_the_addresses_shown_follow_the_demos_port(capsys):
    """scripts/demo.sh passes PORT on, so a demo served on 8765 does not print 8000."""
    call_command("seed_demo", port=8765)
    out = capsys.readouterr().out
    assert "http://northbrook.localhost:8765/" in out
    assert "http://127.0.0.1:8765/admin/" in out and ":8000" not in out
