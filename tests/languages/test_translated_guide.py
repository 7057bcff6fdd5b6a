"""A translated guide page goes through the guide's own coproduction workflow - officer
review, then the forum's sign-off - before it is live; it is never published because its
English page was; it says what it was translated from and who checked it, and says it may be
out of date, linking to the English page, once the English page changes after it."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, WorkflowState

import roles
from guidance.models import ParentCarerForum, SignOff
from guidance.models.signoff import SignOffMissing
from guidance.workflows import WORKFLOW_NAME

from ..conftest import PASSWORD
from .conftest import translate_page

pytestmark = pytest.mark.django_db


def log_in(client, username):
    assert client.login(username=username, password=PASSWORD)


def act(client, page, action):
    state = WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(page.pk), status="in_progress"
    )
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(page.pk, action, state.current_task_state.pk)
    )
    return client.post(url, {"comment": ""})


@pytest.fixture
def polish_draft(english_guide):
    """The guide page's Polish translation as a translator leaves it: a draft (its parents
    translated and live)."""
    from home.models import HomePage

    translate_page(HomePage.objects.get(locale__language_code="en-gb"), "pl")
    translate_page(english_guide["index"], "pl")
    return translate_page(english_guide["page"], "pl", publish=False)


def test_a_translation_starts_as_a_draft_with_the_guides_workflow(polish_draft, english_guide):
    assert not polish_draft.live
    assert polish_draft.get_workflow().name == WORKFLOW_NAME
    english = type(english_guide["page"]).objects.get(pk=english_guide["page"].pk)
    assert polish_draft.translated_from_checked_on == english.last_checked_on
    assert polish_draft.translated_from_revision_id == english.live_revision_id


def test_publishing_the_english_page_does_not_publish_its_translation(
    client, polish_draft, english_guide
):
    english = english_guide["page"]
    english.save_revision().publish()
    polish_draft.refresh_from_db()
    assert not polish_draft.live
    # The Polish address is not a page yet, and no page links to a Polish version.
    assert client.get("/pl/guide/asking-for-help/").status_code == 404
    english_html = client.get("/guide/asking-for-help/").content.decode()
    assert 'hreflang="pl"' not in english_html


def test_an_officer_cannot_publish_a_translation_without_the_forum(polish_draft, officer):
    revision = polish_draft.save_revision(user=officer)
    with pytest.raises(SignOffMissing):
        revision.publish(user=officer)


def test_officer_review_then_forum_sign_off_publishes_the_translation(
    client, polish_draft, officer, make_user
):
    forum = ParentCarerForum.objects.create(name="Northbrook Parent Carer Forum")
    polish_draft.coproduced_with.set([forum])
    polish_draft.save_revision(user=officer)
    polish_draft.get_workflow().start(polish_draft, officer)
    log_in(client, "officer")
    assert act(client, polish_draft, "approve").status_code < 400
    polish_draft.refresh_from_db()
    assert not polish_draft.live  # the officer's review alone publishes nothing
    make_user("forum-member", roles.FORUM_EDITORS)
    client.logout()
    log_in(client, "forum-member")
    assert act(client, polish_draft, "approve").status_code < 400
    polish_draft.refresh_from_db()
    assert polish_draft.live
    assert SignOff.objects.get(revision=polish_draft.live_revision).kind == SignOff.FORUM
    client.logout()
    html = client.get("/pl/guide/asking-for-help/").content.decode()
    assert "Przetłumaczono z" in html and 'href="/guide/asking-for-help/"' in html
    assert "Tłumaczenie sprawdził(o): Northbrook Parent Carer Forum" in html
    assert "może być nieaktualne" not in html


def test_a_translation_says_when_its_english_page_has_changed(client, translated_guide):
    english = translated_guide["page"]
    polish = english.get_translation(Locale.objects.get(language_code="pl"))
    assert "nieaktualne" not in client.get("/pl/guide/asking-for-help/").content.decode()

    english.save_revision().publish()  # the English page changes after the translation

    html = client.get("/pl/guide/asking-for-help/").content.decode()
    assert "To tłumaczenie może być nieaktualne." in html
    assert '<a href="/guide/asking-for-help/" hreflang="en-gb" lang="en-GB">' in html
    urdu = client.get("/ur/guide/asking-for-help/").content.decode()
    assert "ہو سکتا ہے یہ ترجمہ پرانا ہو۔" in urdu

    # Brought up to date with the English page and signed off again: no longer out of date.
    polish = polish.specific
    polish.translate_from(english.specific.__class__.objects.get(pk=english.pk))
    polish.save_revision().publish()
    assert "nieaktualne" not in client.get("/pl/guide/asking-for-help/").content.decode()
