"""Issue 25 (3): workflow mail reaches the people who can act on the page or listing, within
its authority, and no one else: tried for Northbrook and for Southmere."""

import pytest
from django.core import mail
from wagtail.models import Workflow

import roles
from directory.models import ListingEditor
from directory.reference_data import WORKFLOW_NAME
from guidance.workflows import ensure_guide_workflow

from .test_national_model import local_offers, national_guide  # noqa: F401, F811 (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user, authority, other_authority):
    return {
        "admin": make_user("admin"),
        "officer": make_user("officer", roles.LOCAL_OFFER_OFFICERS, authorities=[authority]),
        "officer-southmere": make_user(
            "officer-southmere", roles.LOCAL_OFFER_OFFICERS, authorities=[other_authority]
        ),
        "officer-national": make_user("officer-national", roles.LOCAL_OFFER_OFFICERS),
        "forum": make_user("forum", roles.FORUM_EDITORS, authorities=[authority]),
        "forum-southmere": make_user(
            "forum-southmere", roles.FORUM_EDITORS, authorities=[other_authority]
        ),
        "forum-national": make_user("forum-national", roles.FORUM_EDITORS),
        "regulator": make_user("regulator", roles.REGULATORS),
    }


def mailed():
    return sorted({address for message in mail.outbox for address in message.to})


def at(*usernames):
    return sorted(f"{name}@example.org" for name in usernames)


@pytest.mark.parametrize(
    "code, officers, forum",
    [
        ("990", ["officer"], ["forum"]),
        ("991", ["officer-southmere"], ["forum-southmere"]),
    ],
)
def test_a_local_guide_page_is_mailed_to_its_own_authoritys_officers_then_forum(
    people,
    local_offers,  # noqa: F811 (the fixture)
    code,
    officers,
    forum,
):
    page = local_offers[code]["page"]
    submitter = people[forum[0]]
    page.title = page.title + ", updated"
    page.save_revision(user=submitter)
    mail.outbox.clear()
    workflow_state = ensure_guide_workflow().start(page, submitter)
    assert mailed() == at(*officers)
    assert all(page.title in message.subject for message in mail.outbox)

    mail.outbox.clear()
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, people[officers[0]], "approve")
    # The forum's sign-off step: the forum of this page's authority, no one else.
    assert mailed() == at(*forum)
    assert "forum-national@example.org" not in mailed()


def test_a_national_guide_page_is_mailed_to_national_staff_only(people, national_guide):  # noqa: F811
    page = national_guide.get_children().specific().get(slug="mediation")
    page.title = "Mediation, updated"
    page.save_revision(user=people["forum-national"])
    mail.outbox.clear()
    workflow_state = ensure_guide_workflow().start(page, people["forum-national"])
    assert mailed() == at("officer-national")
    mail.outbox.clear()
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, people["officer-national"], "approve")
    assert "forum-national@example.org" in mailed()
    assert not {"forum@example.org", "forum-southmere@example.org"} & set(mailed())


@pytest.mark.parametrize(
    "which, officers",
    [
        ("authority", ["officer"]),
        ("other_authority", ["officer-southmere"]),
    ],
)
def test_a_setting_editors_submission_reaches_that_authoritys_officers(
    request, people, make_setting, make_user, which, officers
):
    authority = request.getfixturevalue(which)
    school = make_setting("A School", authority=authority)
    senco = make_user("senco", roles.SETTING_EDITORS)
    ListingEditor.objects.create(user=senco, listing=school)
    school.summary = "Our update"
    school.save_revision(user=senco)
    mail.outbox.clear()
    Workflow.objects.get(name=WORKFLOW_NAME).start(school, senco)
    assert mailed() == at(*officers)  # not admin@, not the other council's officer
    (message,) = mail.outbox
    assert f"/admin/directory/settings/edit/{school.pk}/" in message.body


def test_where_no_one_acts_for_the_authority_alone_national_staff_are_mailed(
    people, make_setting, make_user, authority
):
    people["officer"].delete()
    school = make_setting("A School", authority=authority)
    senco = make_user("senco", roles.SETTING_EDITORS)
    school.save_revision(user=senco)
    mail.outbox.clear()
    Workflow.objects.get(name=WORKFLOW_NAME).start(school, senco)
    assert mailed() == at("officer-national")
