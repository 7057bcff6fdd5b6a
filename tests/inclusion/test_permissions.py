"""Who may do what with the inclusion mark, over HTTP as each role: a national regulator
writes the criteria (drafts), the national forum signs them off by publishing, nobody acting
for only some authorities changes them; a school's reply is written by its own editors."""

import pytest
from django.urls import reverse

import roles
from inclusion.models import Check, InclusionCriterion, SchoolReply

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def criteria_url(name, *args):
    return reverse(InclusionCriterion.snippet_viewset.get_url_name(name), args=args)


def is_denied(response):
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"].rstrip("/").endswith("/admin")
    )


@pytest.fixture
def criterion(db):
    return InclusionCriterion.objects.get(test=Check.SENCO_QUALIFIED)


def edit(client, criterion, publish=False, title="The SENCo holds the national qualification"):
    data = {
        "test": criterion.test,
        "title": title,
        "explanation": criterion.explanation,
        "sort_order": criterion.sort_order,
    }
    if publish:
        data["action-publish"] = "1"
    return client.post(criteria_url("edit", criterion.pk), data)


def test_a_national_regulator_drafts_and_the_national_forum_signs_off(client, make_user, criterion):
    regulator = make_user("regulator", roles.REGULATORS)
    login(client, regulator)
    assert client.get(criteria_url("list")).status_code == 200
    assert edit(client, criterion).status_code == 302
    criterion.refresh_from_db()
    assert not criterion.live and criterion.has_unpublished_changes
    assert criterion.latest_revision.content["title"].startswith("The SENCo holds")
    # The regulator cannot sign their own criteria off.
    edit(client, criterion, publish=True, title="Published by the regulator")
    criterion.refresh_from_db()
    assert not criterion.live

    forum = make_user("forum", roles.FORUM_EDITORS)
    client.logout()
    login(client, forum)
    assert edit(client, criterion, publish=True).status_code == 302
    criterion.refresh_from_db()
    assert criterion.live and criterion.title == "The SENCo holds the national qualification"
    assert criterion.revisions.count() == 3


@pytest.mark.parametrize("role", [roles.REGULATORS, roles.FORUM_EDITORS])
def test_staff_of_some_authorities_only_cannot_change_the_national_criteria(
    client, make_user, authority, criterion, role
):
    local = make_user("local", role, authorities=[authority])
    login(client, local)
    assert client.get(criteria_url("list")).status_code == 200  # they may read them
    assert is_denied(edit(client, criterion, publish=True))
    criterion.refresh_from_db()
    assert not criterion.live and not criterion.has_unpublished_changes
    assert is_denied(client.get(criteria_url("add")))


@pytest.mark.parametrize(
    "role", [roles.LOCAL_OFFER_OFFICERS, roles.SETTING_EDITORS, roles.SERVICE_EDITORS]
)
def test_other_roles_cannot_reach_the_criteria(client, make_user, criterion, role):
    login(client, make_user("someone", role))
    assert is_denied(client.get(criteria_url("list")))
    assert is_denied(edit(client, criterion, publish=True))
    criterion.refresh_from_db()
    assert not criterion.live and not criterion.has_unpublished_changes


def test_a_schools_editor_writes_its_reply_and_families_see_it(
    client, make_user, make_setting, link
):
    own, other = make_setting("Oakfield Primary School"), make_setting("Elmhurst Primary")
    senco = make_user("senco", roles.SETTING_EDITORS)
    link(senco, own)
    login(client, senco)
    index = client.get(reverse("inclusion_replies"))
    assert index.status_code == 200
    assert b"Oakfield Primary School" in index.content and b"Elmhurst" not in index.content
    url = reverse("inclusion_reply", args=[own.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"text": "We train every teacher in autism awareness."})
    assert response.status_code == 302
    assert SchoolReply.objects.get(setting=own).updated_by == senco
    too_long = client.post(url, {"text": "x" * 601})
    assert too_long.status_code == 400 and b"at most 600 characters" in too_long.content
    # Another school's reply is out of reach, by GET or POST.
    other_url = reverse("inclusion_reply", args=[other.pk])
    assert client.get(other_url).status_code == 404
    assert client.post(other_url, {"text": "Hijacked"}).status_code == 404
    assert not SchoolReply.objects.filter(setting=other).exists()
    assert client.get(reverse("inclusion_reply", args=[999999])).status_code == 404
    client.logout()
    assert b"autism awareness" in client.get(own.get_url()).content
    # An empty reply removes it.
    login(client, senco)
    client.post(url, {"text": "  "})
    assert not SchoolReply.objects.exists()


@pytest.mark.parametrize(
    "role", [roles.LOCAL_OFFER_OFFICERS, roles.REGULATORS, roles.FORUM_EDITORS]
)
def test_only_a_schools_own_editors_reply_for_it(client, make_user, make_setting, role):
    school = make_setting()
    login(client, make_user("staff", role))
    assert is_denied(client.get(reverse("inclusion_replies")))
    response = client.post(reverse("inclusion_reply", args=[school.pk]), {"text": "Not ours"})
    assert is_denied(response)
    assert not SchoolReply.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, make_setting):
    school = make_setting()
    for url in (reverse("inclusion_replies"), reverse("inclusion_reply", args=[school.pk])):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
