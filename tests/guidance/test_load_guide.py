"""load_guide: the national guide pack into any site, as drafts the forum signs off; a later
version raises changed pages as new drafts and never overwrites what a forum published."""

import re

import pytest
import yaml
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision, WorkflowState

from guidance.content_pack import PackError, read_pack
from guidance.models import EHCDeadlinesPage, GlossaryTerm, GuideIndexPage, GuidePage
from guidance.workflows import FORUM_TASK_NAME, OFFICER_TASK_NAME

from .conftest import log_in
from .test_coproduction import act, current_task_state

pytestmark = pytest.mark.django_db


def load(*args):
    from io import StringIO

    out = StringIO()
    call_command("load_guide", *args, stdout=out)
    return out.getvalue()


def edit_page_file(directory, slug, change):
    path = directory / "pages" / f"{slug}.yaml"
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def main_of(response):
    """The page's main content, without the feedback form's per-request CSRF token."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", main)


def state_of_the_site():
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "slug", "live")),
        "revisions": Revision.objects.count(),
        "workflows": list(WorkflowState.objects.values_list("object_id", "status")),
        "terms": GlossaryTerm.objects.count(),
    }


def test_loads_into_an_empty_site_as_drafts_in_the_coproduction_workflow(demo_site, client):
    pack = read_pack()
    out = load()
    index = GuideIndexPage.objects.get()
    assert index.get_parent().specific_class.__name__ == "HomePage"
    pages = [page.specific for page in index.get_children()]
    guide_pages = [page for page in pages if isinstance(page, GuidePage)]
    assert len(guide_pages) == len([spec for spec in pack.pages if spec.page_type is GuidePage])
    assert EHCDeadlinesPage.objects.count() == 1
    # In the pack's order: by section, then position.
    assert [page.slug for page in pages] == [spec.slug for spec in pack.pages]
    for page in [index, *pages]:
        assert not page.live, page.slug
        assert current_task_state(page).task.name == OFFICER_TASK_NAME, page.slug
    page = GuidePage.objects.get(slug="mediation")
    assert page.reviewed_against_law_on is not None
    assert page.guide_pack_version == pack.version
    assert any(child.block_type == "law" for child in page.body)
    assert GlossaryTerm.objects.count() == len(pack.glossary)
    assert f"{len(guide_pages) + 1} pages created" in out
    # Nothing is public until the forum signs it off.
    assert client.get("/guide/").status_code == 404
    assert client.get("/guide/mediation/").status_code == 404


def test_a_second_run_changes_nothing(demo_site):
    load()
    before = state_of_the_site()
    out = load()
    assert state_of_the_site() == before
    assert "0 pages created" in out and "0 pages updated" in out
    assert f"{len(read_pack().pages)} pages unchanged" in out


def test_a_changed_page_becomes_a_draft_for_the_forum_and_the_live_page_stays(
    demo_site, client, officer, forum_editor, pack_copy
):
    load("--pack", str(pack_copy))
    index = GuideIndexPage.objects.get()
    page = GuidePage.objects.get(slug="mediation")
    # The officer reviews and the forum signs off the contents page and the mediation page.
    for item in (index, page):
        log_in(client, "officer")
        assert act(client, item, "approve", current_task_state(item)).status_code == 302
        log_in(client, "forum")
        task_state = current_task_state(item)
        assert task_state.task.name == FORUM_TASK_NAME
        assert act(client, item, "approve", task_state).status_code == 302
    page.refresh_from_db()
    assert page.live and page.last_checked_on is not None
    published_revision = page.live_revision_id
    client.logout()
    live_html = main_of(client.get("/guide/mediation/"))

    # A later version of the pack changes the page's summary and adds a question.
    def change(data):
        data["summary"] = "A meeting with someone neutral, to help you and the council agree."
        data["body"].append(
            {"questions": {"items": [{"question": "Is it free?", "answer": "Yes. It is free."}]}}
        )

    edit_page_file(pack_copy, "mediation", change)
    other = GuidePage.objects.get(slug="appeals")
    other_revision = other.latest_revision_id
    out = load("--pack", str(pack_copy))
    assert "1 pages updated" in out and "mediation" in out

    page.refresh_from_db()
    # The live page is as the forum published it ...
    assert page.live and page.live_revision_id == published_revision
    assert page.summary != "A meeting with someone neutral, to help you and the council agree."
    assert main_of(client.get("/guide/mediation/")) == live_html
    # ... and the new text waits, as a draft revision, for the officer and then the forum.
    assert page.has_unpublished_changes
    draft = page.get_latest_revision_as_object()
    assert draft.summary.startswith("A meeting with someone neutral")
    assert draft.last_checked_on == page.last_checked_on  # the forum's check is kept
    assert current_task_state(page).task.name == OFFICER_TASK_NAME
    # Pages the new version did not change are left alone.
    other.refresh_from_db()
    assert other.latest_revision_id == other_revision
    # Running the new version again changes nothing more.
    before = state_of_the_site()
    load("--pack", str(pack_copy))
    assert state_of_the_site() == before


def test_a_page_added_in_a_later_version_takes_its_place_in_its_section(demo_site, pack_copy):
    load("--pack", str(pack_copy))
    new = yaml.safe_load((pack_copy / "pages" / "mediation.yaml").read_text())
    new.update(slug="talking-to-the-school", title="Talking to the school", section="starting")
    new["position"] = 15
    (pack_copy / "pages" / "talking-to-the-school.yaml").write_text(yaml.safe_dump(new))
    out = load("--pack", str(pack_copy))
    assert "1 pages created" in out and "0 pages updated" in out
    slugs = list(GuideIndexPage.objects.get().get_children().values_list("slug", flat=True))
    assert slugs.index("talking-to-the-school") == slugs.index("what-send-means") + 1


@pytest.mark.parametrize(
    "breakage, message",
    [
        ("body:\n  - text: [unclosed\n", "not valid YAML"),
        (None, "unknown block type 'warning'"),
    ],
)
def test_a_bad_file_stops_the_load_with_a_clear_message_and_loads_nothing(
    demo_site, pack_copy, breakage, message
):
    bad = pack_copy / "pages" / "zz-bad.yaml"
    if breakage is None:
        good = yaml.safe_load((pack_copy / "pages" / "mediation.yaml").read_text())
        good["slug"] = "zz-bad"
        good["body"].append({"warning": {"text": "Careful"}})
        bad.write_text(yaml.safe_dump(good))
    else:
        bad.write_text(breakage)
    before = state_of_the_site()
    with pytest.raises(CommandError, match=message) as raised:
        load("--pack", str(pack_copy))
    assert "zz-bad.yaml" in str(raised.value)
    assert state_of_the_site() == before


def test_a_block_missing_what_it_needs_is_named(demo_site, pack_copy):
    edit_page_file(pack_copy, "appeals", lambda d: d["body"].insert(0, {"law": {"summary": "x"}}))
    with pytest.raises(CommandError, match=r"appeals.yaml, block 1: missing citation"):
        load("--pack", str(pack_copy))
    assert not GuidePage.objects.exists()


def test_a_key_given_twice_is_refused_with_its_file_block_and_key(demo_site, pack_copy):
    """YAML keeps the last of two equal keys and says nothing; the pack refuses them, as it
    refuses every other bad entry, and loads nothing."""
    path = pack_copy / "pages" / "mediation.yaml"
    text = path.read_text()
    law = text.index("- law:")
    citation = text.index("    citation:", law)
    line_end = text.index("\n", citation) + 1
    path.write_text(text[:line_end] + "    citation: Something else\n" + text[line_end:])
    before = state_of_the_site()
    with pytest.raises(CommandError) as raised:
        load("--pack", str(pack_copy))
    message = str(raised.value)
    assert re.search(
        r"pages/mediation\.yaml, block \d+ \(law\): key 'citation' is given twice", message
    )
    assert state_of_the_site() == before


def test_a_key_given_twice_in_pack_yaml_is_refused(pack_copy):
    path = pack_copy / "pack.yaml"
    path.write_text(path.read_text().replace("version:", "version: 2020.1.1\nversion:", 1))
    with pytest.raises(
        PackError, match=r"^pack\.yaml: key 'version' is given twice \(lines 3 and 4\)"
    ):
        read_pack(pack_copy)


def test_dry_run_reports_and_changes_nothing(demo_site):
    before = state_of_the_site()
    out = load("--dry-run")
    assert "Dry run" in out and "pages created" in out
    assert state_of_the_site() == before


def test_publishing_as_signed_off_is_for_demo_sites_only(demo_site, settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="demo sites only"):
        load("--publish-as-signed-off")
    assert not GuidePage.objects.exists()


def test_publish_as_signed_off_publishes_with_the_forum(demo_site, forum, client):
    load("--publish-as-signed-off", "--forum", forum.name)
    page = GuidePage.objects.get(slug="appeals")
    assert page.live and list(page.coproduced_with.all()) == [forum]
    assert client.get("/guide/appeals/").status_code == 200


def test_the_guide_can_go_under_any_page(demo_site, forum):
    home = Page.objects.get(depth=2)
    section = Page(title="Families", slug="families")
    home.add_child(instance=section)
    load("--parent", str(section.pk))
    assert GuideIndexPage.objects.get().get_parent().pk == section.pk
    with pytest.raises(CommandError, match="No page has the id"):
        load("--parent", "999999")
    with pytest.raises(CommandError, match="No site has the hostname"):
        load("--site", "nowhere.example")


def test_editors_see_when_the_page_was_checked_against_the_law(demo_site, client, officer):
    load()
    page = GuidePage.objects.get(slug="appeals")
    client.force_login(officer)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'name="reviewed_against_law_on"' in html
    assert page.reviewed_against_law_on.isoformat() in html
    assert read_pack().version in html  # the pack version, read-only
