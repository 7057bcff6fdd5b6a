"""Glossary terms change the text of every guide page, so they have drafts and the same sign-off
as the pages: an edit goes live only when the forum signs it off, and spellings are checked."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from guidance.models import GlossaryTerm, SignOff

from .conftest import log_in
from .test_coproduction import is_denied

pytestmark = pytest.mark.django_db

BODY = [{"type": "text", "value": "<p>Ask for an EHC plan. The school and the council help.</p>"}]


def edit_url(term):
    return reverse(GlossaryTerm.snippet_viewset.get_url_name("edit"), args=[term.pk])


def add_url():
    return reverse(GlossaryTerm.snippet_viewset.get_url_name("add"))


def term_form(term="EHC plan", spellings="EHCP", short="a plan for your child", **extra):
    return {
        "term": term,
        "slug": "",
        "other_spellings": spellings,
        "short_explanation": short,
        "explanation": "",
        **extra,
    }


@pytest.fixture
def page(make_guide_page, glossary):
    return make_guide_page(title="Getting help", body=BODY)


def public(client, page):
    client.logout()
    return client.get(page.url).content.decode()


def test_a_forum_edit_is_a_draft_until_signed_off(client, page, glossary, forum_editor, officer):
    term = glossary[0]
    log_in(client, "forum")
    response = client.post(
        edit_url(term), term_form(short="a changed explanation", **{"action-publish": "1"})
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    term.refresh_from_db()
    assert term.short_explanation == "a legal paper that says what help your child must get"
    assert term.has_unpublished_changes
    html = public(client, page)
    assert "(a legal paper that says what help your child must get)" in html
    assert "a changed explanation" not in html

    # Submitted, reviewed by an officer, signed off by the forum: then it is live.
    log_in(client, "forum")
    client.post(edit_url(term), term_form(short="a changed explanation", **{"action-submit": "1"}))
    state = WorkflowState.objects.get(object_id=str(term.pk), status="in_progress")

    def approve():
        task_state = WorkflowState.objects.get(pk=state.pk).current_task_state
        url = reverse(
            GlossaryTerm.snippet_viewset.get_url_name("workflow_action"),
            args=[term.pk, "approve", task_state.pk],
        )
        return client.post(url, {"comment": ""})

    client.logout()
    log_in(client, "officer")
    approve()
    term.refresh_from_db()
    assert term.short_explanation != "a changed explanation"  # the forum has not signed off
    assert is_denied(approve()) or not GlossaryTerm.objects.get(pk=term.pk).has_unpublished_changes
    term.refresh_from_db()
    assert term.short_explanation != "a changed explanation"

    client.logout()
    log_in(client, "forum")
    approve()
    term.refresh_from_db()
    assert term.short_explanation == "a changed explanation"
    assert SignOff.objects.get(revision=term.live_revision).kind == SignOff.FORUM
    assert "(a changed explanation)" in public(client, page)


def test_a_new_term_is_a_draft_and_changes_no_page(client, page, forum_editor):
    log_in(client, "forum")
    response = client.post(add_url(), term_form("council", "", "the local authority"))
    assert response.status_code == 302, response.content.decode()[:2000]
    term = GlossaryTerm.objects.get(term="council")
    assert not term.live
    html = public(client, page)
    assert "(the local authority)" not in html
    assert "the local authority" not in client.get("/guide/words-we-use/").content.decode()


def test_an_officer_cannot_publish_a_term_directly(client, page, glossary, officer, make_user):
    term = glossary[1]
    for username in ("officer", "root"):
        if username == "root":
            make_user("root")
        log_in(client, username)
        html = client.get(edit_url(term)).content.decode()
        assert 'name="action-publish"' not in html
        client.post(edit_url(term), term_form("SEND", "", "changed", **{"action-publish": "1"}))
        term.refresh_from_db()
        assert term.short_explanation == "special needs and disability"
        client.logout()


@pytest.mark.parametrize(
    "term, spellings, message",
    [
        ("plan", "the, and, a", "too common"),
        ("Plan", "EHC plan, P", "at least two letters"),
        ("A", "", "at least two letters"),
        ("The", "", "too common"),
        ("annual review", "review, Review", "more than once"),
        ("assessment", "SEND", "already a spelling of “SEND”"),
        ("send", "", "already a spelling of “SEND”"),
    ],
)
def test_spellings_are_checked(client, glossary, forum_editor, term, spellings, message):
    log_in(client, "forum")
    response = client.post(add_url(), term_form(term, spellings, "an explanation"))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not GlossaryTerm.objects.filter(term=term).exists()


def test_spellings_are_checked_against_other_terms_drafts(client, glossary, forum_editor):
    draft = glossary[1].get_latest_revision_as_object()
    draft.other_spellings = "special needs"
    draft.save_revision()
    log_in(client, "forum")
    response = client.post(add_url(), term_form("special needs", "", "an explanation"))
    assert response.status_code == 200
    assert "already a spelling of “SEND”" in response.content.decode()


def test_an_officer_may_publish_a_term_without_sign_off_with_a_reason(
    client, page, glossary, forum_editor, officer
):
    from wagtail.models import ModelLogEntry

    from guidance.models import PUBLISH_WITHOUT_SIGN_OFF

    term = glossary[0]
    draft = term.get_latest_revision_as_object()
    draft.short_explanation = "a plan the council writes for your child"
    draft.save_revision(user=officer)
    url = reverse("guidance_publish_term_without_sign_off", args=[term.pk])

    log_in(client, "forum")
    assert url not in client.get(edit_url(term)).content.decode()
    assert is_denied(client.post(url, {"reason": "The old explanation was wrong."}))
    client.logout()

    log_in(client, "officer")
    assert url in client.get(edit_url(term)).content.decode()
    assert client.post(url, {"reason": "short"}).status_code == 400
    term.refresh_from_db()
    assert term.short_explanation.startswith("a legal paper")
    reason = "The old explanation was legally wrong and misled families."
    assert client.post(url, {"reason": reason}).status_code == 302
    term.refresh_from_db()
    assert term.short_explanation == "a plan the council writes for your child"
    entry = ModelLogEntry.objects.get(object_id=str(term.pk), action=PUBLISH_WITHOUT_SIGN_OFF)
    assert entry.data["reason"] == reason and entry.user == officer
    assert SignOff.objects.get(revision=term.live_revision).reason == reason
    assert "(a plan the council writes for your child)" in public(client, page)
