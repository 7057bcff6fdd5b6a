"""One instance, many Local Offers: each authority has its own site, and its staff act only
within it. Tried from the outside, over HTTP, as a Northbrook officer, forum editor and
regulator against Southmere's listings, pages, images, feedback and reports."""

import io

import pytest
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Page

import roles
from directory.models import LocalAuthority, Setting
from guidance.models import GuideIndexPage, GuidePage
from home.models import AuthoritySettings, Feedback
from localoffer.local_offers import add_local_offer

from ..conftest import PASSWORD
from ..directory.test_permissions import edit_form_data, own_and_other_urls, revision_ids, url

NORTHBROOK_HOST = "northbrook.localhost"
SOUTHMERE_HOST = "southmere.localhost"


def log_in(client, username):
    assert client.login(username=username, password=PASSWORD)
    return client


def a_png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return ImageFile(buffer, name="photo.png")


@pytest.fixture
def national_guide(demo_site):
    """The national guide, with one page signed off nationally, under the national site."""
    home = demo_site.root_page
    index = GuideIndexPage(title="Guide", slug="guide")
    home.add_child(instance=index)
    index.save_revision().publish()
    page = GuidePage(
        title="Mediation",
        slug="mediation",
        summary="What mediation is.",
        section="disagree",
        body=[{"type": "text", "value": "<p>You can talk it through with help.</p>"}],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return index


@pytest.fixture
def local_offers(national_guide, authority, other_authority):
    """Northbrook and Southmere each with their own site, settings and a local page."""
    made = {}
    for local, host, name in (
        (authority, NORTHBROOK_HOST, "Northbrook Council"),
        (other_authority, SOUTHMERE_HOST, "Southmere Borough Council"),
    ):
        site, home = add_local_offer(
            local,
            host,
            settings_values={"authority_name": name, "contact_phone": f"{name} phone"},
        )
        guide = GuideIndexPage.objects.child_of(home).get()
        page = GuidePage(
            title=f"Help in {local.name}",
            slug=f"help-in-{local.slug}",
            summary="Local contacts.",
            section="starting",
            body=[{"type": "text", "value": f"<p>Call the {local.name} team.</p>"}],
        )
        guide.add_child(instance=page)
        page.save_revision().publish()
        made[local.code] = {
            "authority": LocalAuthority.objects.get(pk=local.pk),
            "site": site,
            "home": home,
            "page": page,
        }
    return made


@pytest.fixture
def staff(make_user, authority, local_offers):
    return {
        "officer": make_user("officer", roles.LOCAL_OFFER_OFFICERS, authorities=[authority]),
        "forum": make_user("forum", roles.FORUM_EDITORS, authorities=[authority]),
        "local-regulator": make_user("scrutiny", roles.REGULATORS, authorities=[authority]),
        "regulator": make_user("regulator", roles.REGULATORS),
        "forum-national": make_user("forum-national", roles.FORUM_EDITORS),
    }


# What families see ------------------------------------------------------------------------


@pytest.mark.django_db
def test_each_site_shows_its_own_name_and_contacts(client, local_offers):
    northbrook = client.get("/", HTTP_HOST=NORTHBROOK_HOST).content.decode()
    southmere = client.get("/", HTTP_HOST=SOUTHMERE_HOST).content.decode()
    assert "Northbrook Council" in northbrook and "Southmere" not in northbrook
    assert "Southmere Borough Council" in southmere and "Northbrook Council" not in southmere
    assert "Southmere Borough Council phone" in southmere


@pytest.mark.django_db
def test_a_national_page_appears_on_every_site_and_a_local_page_only_on_its_own(
    client, local_offers
):
    for host in (NORTHBROOK_HOST, SOUTHMERE_HOST, "127.0.0.1"):
        assert client.get("/guide/mediation/", HTTP_HOST=host).status_code == 200
    assert client.get("/guide/help-in-northbrook/", HTTP_HOST=NORTHBROOK_HOST).status_code == 200
    assert client.get("/guide/help-in-northbrook/", HTTP_HOST=SOUTHMERE_HOST).status_code == 404
    assert client.get("/guide/help-in-northbrook/", HTTP_HOST="127.0.0.1").status_code == 404
    guide = client.get("/guide/", HTTP_HOST=NORTHBROOK_HOST).content.decode()
    assert "Mediation" in guide and "Help in Northbrook" in guide
    assert "Help in Southmere" not in guide


@pytest.mark.django_db
def test_a_national_update_reaches_every_site_when_it_is_published(client, local_offers):
    national = GuidePage.objects.get(slug="mediation", alias_of__isnull=True)
    national.title = "Mediation: talking it through"
    national.save_revision().publish()
    for host in (NORTHBROOK_HOST, SOUTHMERE_HOST):
        html = client.get("/guide/mediation/", HTTP_HOST=host).content.decode()
        assert "Mediation: talking it through" in html

    added = GuidePage(
        title="Appeals",
        slug="appeals",
        summary="How to appeal.",
        section="disagree",
        body=[{"type": "text", "value": "<p>You can appeal.</p>"}],
    )
    national.get_parent().add_child(instance=added)
    assert client.get("/guide/appeals/", HTTP_HOST=NORTHBROOK_HOST).status_code == 404  # draft
    added.save_revision().publish()
    for host in (NORTHBROOK_HOST, SOUTHMERE_HOST):
        assert client.get("/guide/appeals/", HTTP_HOST=host).status_code == 200


@pytest.mark.django_db
def test_feedback_belongs_to_the_site_it_was_given_on(client, local_offers):
    client.post(
        "/feedback/",
        {"page": "/guide/", "useful": "no", "message": "More on transport please"},
        HTTP_HOST=SOUTHMERE_HOST,
    )
    assert Feedback.objects.get().authority.code == "991"


# What staff may do ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_northbrook_officer_cannot_reach_a_southmere_listing_by_any_admin_url(
    client, staff, make_setting, other_authority
):
    theirs = make_setting("Southmere Primary", authority=other_authority)
    ours = make_setting("Northbrook Primary")
    for listing in (theirs, ours):  # a second revision, for the compare and revert views
        listing.summary = "A friendly school."
        listing.save_revision().publish()
    log_in(client, "officer")
    for name, address in own_and_other_urls(ours).items():
        assert client.get(address).status_code == 200, (name, address)
    for name, address in own_and_other_urls(theirs).items():
        response = client.get(address)
        assert response.status_code == 404, (name, address, response.status_code)
    data = edit_form_data(ours, staff["officer"], summary="Taken over")
    for address, payload in (
        (url(theirs, "edit"), {**data, "action-publish": "1"}),
        (url(theirs, "delete"), {}),
        (url(theirs, "unpublish"), {}),
        (url(theirs, "revisions_revert", revision_ids(theirs)[0]), data),
    ):
        assert client.post(address, payload).status_code == 404, address
    index = client.get(reverse(Setting.snippet_viewset.get_url_name("list"))).content.decode()
    assert "Northbrook Primary" in index and "Southmere Primary" not in index
    theirs.refresh_from_db()
    assert theirs.summary != "Taken over" and theirs.live


@pytest.mark.django_db
def test_an_officer_can_only_place_a_listing_in_their_own_authority(client, staff, authority):
    log_in(client, "officer")
    html = client.get(reverse(Setting.snippet_viewset.get_url_name("add"))).content.decode()
    assert ">Northbrook<" in html and ">Southmere<" not in html


@pytest.mark.django_db
def test_a_northbrook_officer_cannot_edit_or_publish_a_southmere_page(client, staff, local_offers):
    ours = local_offers["990"]["page"]
    theirs = local_offers["991"]["page"]
    log_in(client, "officer")
    assert client.get(f"/admin/pages/{ours.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{theirs.pk}/edit/").status_code in (302, 403, 404)
    client.post(
        f"/admin/pages/{theirs.pk}/edit/",
        {"title": "Taken over", "slug": theirs.slug, "action-publish": "publish"},
    )
    theirs.refresh_from_db()
    assert theirs.title == "Help in Southmere"
    explorer = client.get(f"/admin/pages/{local_offers['991']['home'].pk}/").status_code
    assert explorer in (302, 403, 404)
    # Nor the national guide: only national staff change what every site shows.
    national = GuidePage.objects.get(slug="mediation", alias_of__isnull=True)
    assert client.get(f"/admin/pages/{national.pk}/edit/").status_code in (302, 403, 404)


@pytest.mark.django_db
def test_a_northbrook_officer_cannot_see_or_change_southmere_images(client, staff, local_offers):
    southmere = local_offers["991"]["authority"]
    northbrook = local_offers["990"]["authority"]
    theirs = Image.objects.create(
        title="Southmere leaflet", file=a_png(), collection=southmere.collection
    )
    Image.objects.create(title="Northbrook leaflet", file=a_png(), collection=northbrook.collection)
    log_in(client, "officer")
    index = client.get("/admin/images/").content.decode()
    assert "Northbrook leaflet" in index and "Southmere leaflet" not in index
    assert client.get(f"/admin/images/{theirs.pk}/").status_code in (302, 403, 404)
    client.post(f"/admin/images/{theirs.pk}/delete/")
    assert Image.objects.filter(pk=theirs.pk).exists()


@pytest.mark.django_db
def test_feedback_and_reports_show_only_the_officers_authorities(
    client, staff, local_offers, make_setting, other_authority
):
    northbrook, southmere = local_offers["990"]["authority"], local_offers["991"]["authority"]
    theirs = Feedback.objects.create(authority=southmere, message="Southmere feedback")
    Feedback.objects.create(authority=northbrook, message="Northbrook feedback")
    make_setting("Southmere Primary", authority=other_authority)
    make_setting("Northbrook Primary")
    log_in(client, "officer")
    index = client.get("/admin/feedback/").content.decode()
    assert "Northbrook feedback" in index and "Southmere feedback" not in index
    assert client.get(f"/admin/feedback/edit/{theirs.pk}/").status_code == 404
    report = client.get("/admin/reports/local-offer/completeness/?export=csv")
    rows = b"".join(report.streaming_content).decode()
    assert "Northbrook Primary" in rows and "Southmere Primary" not in rows
    coverage = client.get("/admin/reports/local-offer/coverage/?export=csv")
    assert "Southmere" not in b"".join(coverage.streaming_content).decode()


@pytest.mark.django_db
def test_a_local_regulator_reads_their_authority_and_a_national_one_reads_all(
    client, staff, make_setting, other_authority
):
    make_setting("Southmere Primary", authority=other_authority)
    make_setting("Northbrook Primary")
    log_in(client, "scrutiny")
    index = reverse(Setting.snippet_viewset.get_url_name("list"))
    html = client.get(index).content.decode()
    assert "Northbrook Primary" in html and "Southmere Primary" not in html
    client.logout()
    log_in(client, "regulator")
    html = client.get(index).content.decode()
    assert "Northbrook Primary" in html and "Southmere Primary" in html


@pytest.mark.django_db
def test_someone_with_a_role_and_no_authority_acts_for_none(client, make_user, make_setting):
    make_setting("Northbrook Primary")
    make_user("stranger", roles.LOCAL_OFFER_OFFICERS, authorities=[])
    log_in(client, "stranger")
    html = client.get(reverse(Setting.snippet_viewset.get_url_name("list"))).content.decode()
    assert "Northbrook Primary" not in html


@pytest.mark.django_db
def test_the_forum_signs_off_its_own_local_pages_and_the_national_forum_the_guide(staff):
    from guidance.models.coproduction import signs_off

    northbrook_page = GuidePage.objects.get(slug="help-in-northbrook")
    southmere_page = GuidePage.objects.get(slug="help-in-southmere")
    national = GuidePage.objects.get(slug="mediation", alias_of__isnull=True)
    assert signs_off(staff["forum"], northbrook_page)
    assert not signs_off(staff["forum"], southmere_page)
    assert not signs_off(staff["forum"], national)
    assert signs_off(staff["forum-national"], national)


@pytest.mark.django_db
def test_moving_an_officer_to_another_authority_moves_their_page_rights(staff, local_offers):
    officer = staff["officer"]
    southmere_home = local_offers["991"]["home"]
    assert not southmere_home.permissions_for_user(officer).can_edit()
    officer.authority_access.authorities.set([local_offers["991"]["authority"]])
    officer = type(officer).objects.get(pk=officer.pk)
    assert Page.objects.get(pk=southmere_home.pk).permissions_for_user(officer).can_edit()
    assert not local_offers["990"]["home"].permissions_for_user(officer).can_edit()


@pytest.mark.django_db
def test_site_lookup_is_one_query_however_many_sites(
    client, local_offers, django_assert_max_num_queries
):
    for code in range(800, 830):
        extra = LocalAuthority.objects.create(code=str(code), name=f"Authority {code}")
        add_local_offer(extra, f"la{code}.localhost")
    client.get("/", HTTP_HOST=NORTHBROOK_HOST)  # warm the cached site mapping
    settings_before = AuthoritySettings.objects.count()
    assert settings_before >= 32
    with django_assert_max_num_queries(12):
        response = client.get("/", HTTP_HOST=NORTHBROOK_HOST)
    assert "Northbrook Council" in response.content.decode()


@pytest.mark.django_db
def test_only_an_officer_of_the_listings_authority_approves_it(
    client, staff, make_setting, other_authority, make_user, workflow
):
    from wagtail.models import TaskState, Workflow

    from directory.reference_data import WORKFLOW_NAME

    southmere_officer = make_user(
        "officer-southmere", roles.LOCAL_OFFER_OFFICERS, authorities=[other_authority]
    )
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)  # made by the migrations
    theirs = make_setting("Southmere Primary", authority=other_authority)
    theirs.summary = "Waiting for approval"
    theirs.save_revision(user=southmere_officer)
    workflow.start(theirs, southmere_officer)
    state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)
    task = state.task.specific

    assert task.get_actions(theirs, staff["officer"]) == []
    assert not task.get_task_states_user_can_moderate(staff["officer"]).exists()
    assert task.get_actions(theirs, southmere_officer)
    assert task.get_task_states_user_can_moderate(southmere_officer).exists()

    log_in(client, "officer")
    assert "Southmere Primary" not in client.get("/admin/").content.decode()
    response = client.post(url(theirs, "workflow_action", "approve", state.pk))
    assert response.status_code == 404
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS


@pytest.mark.django_db
def test_only_an_officer_of_the_pages_authority_reviews_it(client, staff, local_offers, make_user):
    from wagtail.models import TaskState

    from guidance.workflows import ensure_guide_workflow

    southmere = local_offers["991"]
    southmere_officer = make_user(
        "officer-southmere", roles.LOCAL_OFFER_OFFICERS, authorities=[southmere["authority"]]
    )
    page = southmere["page"]
    page.title = "Help in Southmere, updated"
    page.save_revision(user=southmere_officer)
    ensure_guide_workflow().start(page, southmere_officer)
    state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS)

    log_in(client, "officer")
    client.post(f"/admin/pages/{page.pk}/workflow/action/approve/{state.pk}/")
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
    assert state.task.specific.get_actions(page, southmere_officer)


@pytest.mark.django_db
def test_only_a_superuser_sets_who_acts_for_which_authority(client, staff, make_user):
    make_user("admin")
    log_in(client, "admin")
    page = client.get("/admin/authority-access/")
    assert page.status_code == 200 and "officer" in page.content.decode()
    client.logout()
    log_in(client, "officer")
    response = client.get("/admin/authority-access/")
    assert response.status_code in (302, 403)
    access = staff["officer"].authority_access
    client.post(
        f"/admin/authority-access/edit/{access.pk}/", {"user": access.user_id, "national": "on"}
    )
    access.refresh_from_db()
    assert not access.national


@pytest.mark.django_db
def test_an_authority_site_searches_its_own_area_first(
    client, local_offers, make_setting, other_authority
):
    northbrook, southmere = local_offers["990"]["authority"], local_offers["991"]["authority"]
    elsewhere = LocalAuthority.objects.create(code="992", name="Farshire")
    make_setting("Northbrook Primary")
    make_setting("Southmere Primary", authority=other_authority)
    make_setting("Farshire Primary", authority=elsewhere)
    northbrook.neighbours.add(southmere)

    html = client.get("/directory/", HTTP_HOST=NORTHBROOK_HOST).content.decode()
    assert "Northbrook Primary" in html and "Southmere Primary" not in html
    assert "Include neighbouring authorities" in html

    nearby = client.get("/directory/?la=990&near=on", HTTP_HOST=NORTHBROOK_HOST)
    html = nearby.content.decode()
    assert "Northbrook Primary" in html and "Southmere Primary" in html
    assert "Farshire Primary" not in html

    html = client.get("/directory/?la=", HTTP_HOST=NORTHBROOK_HOST).content.decode()
    assert all(name in html for name in ("Northbrook", "Southmere", "Farshire Primary"))
    # The national site searches the whole country from the start.
    html = client.get("/directory/", HTTP_HOST="127.0.0.1").content.decode()
    assert "Farshire Primary" in html and "Northbrook Primary" in html


@pytest.mark.django_db
def test_a_councils_transparency_page_speaks_for_the_council(client, local_offers, make_setting):
    make_setting("Northbrook Primary")
    html = client.get("/directory/transparency/", HTTP_HOST=NORTHBROOK_HOST).content.decode()
    caption = html[html.index("<caption") : html.index("</caption>")]
    assert "Northbrook Council" in caption and "England" not in caption


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["delete", "unpublish"])
def test_a_northbrook_officer_cannot_act_in_bulk_on_southmere_listings_or_pages(
    client, staff, local_offers, make_setting, other_authority, action
):
    from ..directory.test_bulk_actions import names_shown

    theirs = make_setting("Southmere Primary", authority=other_authority)
    their_page = local_offers["991"]["page"]
    log_in(client, "officer")
    for address in (
        f"/admin/bulk/directory/setting/{action}/?id={theirs.pk}",
        f"/admin/bulk/wagtailcore/page/{action}/?id={their_page.pk}",
    ):
        response = client.get(address)
        assert not names_shown(response, "Southmere Primary", their_page.title), address
        client.post(address, {"include_descendants": "on"})
    theirs.refresh_from_db()
    their_page.refresh_from_db()
    assert theirs.live and their_page.live


@pytest.mark.django_db
def test_a_northbrook_officer_cannot_choose_a_southmere_listing_or_image(
    client, staff, local_offers, make_setting, other_authority
):
    theirs = make_setting("Southmere Primary", authority=other_authority)
    make_setting("Northbrook Primary")
    Image.objects.create(
        title="Southmere leaflet",
        file=a_png(),
        collection=local_offers["991"]["authority"].collection,
    )
    log_in(client, "officer")
    chooser = reverse(Setting.snippet_viewset.chooser_viewset.get_url_name("choose"))
    html = client.get(chooser).content.decode()
    assert "Northbrook Primary" in html and "Southmere Primary" not in html
    chosen = reverse(
        Setting.snippet_viewset.chooser_viewset.get_url_name("chosen"), args=[theirs.pk]
    )
    assert client.get(chosen).status_code == 404
    assert "Southmere leaflet" not in client.get("/admin/images/chooser/").content.decode()
