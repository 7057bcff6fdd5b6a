"""The admin areas Wagtail brings (site settings, redirects, workflows, the admin API, reports,
choosers) and ours obey the authority rule: tried over HTTP as Northbrook's staff against
Southmere's things (issue 23, items 1-7, 11-13)."""

import pytest
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Site, Task, Workflow

import roles
from directory.models import WaitingTimeLimit
from guidance.models import GlossaryTerm, GuidePage, ParentCarerForum
from home.models import AuthoritySettings

from ..conftest import PASSWORD
from ..roles.test_national_model import SOUTHMERE_HOST, a_png


def listing_workflow():
    from directory.reference_data import WORKFLOW_NAME

    return Workflow.objects.get(name=WORKFLOW_NAME)  # made by the migrations


def log_in(client, username):
    assert client.login(username=username, password=PASSWORD)
    return client


def denied(response):
    return response.status_code in (403, 404) or (
        response.status_code == 302 and "/admin/login" not in response["Location"]
    )


@pytest.fixture
def southmere(local_offers):
    return local_offers["991"]


@pytest.fixture
def northbrook(local_offers):
    return local_offers["990"]


@pytest.fixture
def national_officer(make_user, local_offers):
    return make_user("officer-national", roles.LOCAL_OFFER_OFFICERS)


# 1. Site settings -------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_officer_cannot_read_or_change_another_authoritys_site_settings(
    client, staff, northbrook, southmere
):
    log_in(client, "officer")
    ours = f"/admin/settings/home/authoritysettings/{northbrook['site'].pk}/"
    theirs = f"/admin/settings/home/authoritysettings/{southmere['site'].pk}/"
    assert client.get(ours).status_code == 200
    assert client.get(theirs).status_code == 404
    response = client.post(
        theirs, {"authority_name": "Taken over", "contact_email": "evil@example.com"}
    )
    assert response.status_code == 404
    settings = AuthoritySettings.objects.get(site=southmere["site"])
    assert settings.authority_name == "Southmere Borough Council"
    assert settings.contact_email != "evil@example.com"
    # Nor the national site's, which every authority's pages fall back on.
    national = Site.objects.filter(local_authority__isnull=True).get()
    assert client.get(f"/admin/settings/home/authoritysettings/{national.pk}/").status_code == 404
    # The settings page names no other authority's site.
    assert "southmere" not in client.get(ours).content.decode().lower()


# 2. Redirects -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_redirects_are_for_the_officers_own_sites_and_never_to_another_website(
    client, staff, northbrook, southmere, national_officer
):
    theirs = Redirect.objects.create(
        old_path="/guide/old-southmere/", site=southmere["site"], redirect_page=southmere["page"]
    )
    log_in(client, "officer")
    index = client.get("/admin/redirects/").content.decode()
    assert "old-southmere" not in index
    assert client.get(f"/admin/redirects/{theirs.pk}/").status_code == 404
    assert client.post(f"/admin/redirects/{theirs.pk}/delete/").status_code == 404
    assert Redirect.objects.filter(pk=theirs.pk).exists()

    client.post(
        "/admin/redirects/add/",
        {
            "old_path": "/guide/appeals-help/",
            "site": southmere["site"].pk,
            "is_permanent": "on",
            "redirect_link": "https://evil.example.com/",
        },
    )
    client.post(
        "/admin/redirects/add/",
        {
            "old_path": "/guide/appeals-help/",
            "site": northbrook["site"].pk,
            "is_permanent": "on",
            "redirect_link": "https://evil.example.com/",
        },
    )
    assert not Redirect.objects.filter(old_path="/guide/appeals-help").exists()
    response = client.get("/guide/appeals-help/", HTTP_HOST=SOUTHMERE_HOST)
    assert response.status_code == 404

    # Within their own site, to one of their own pages: allowed.
    response = client.post(
        "/admin/redirects/add/",
        {
            "old_path": "/guide/local-help/",
            "site": northbrook["site"].pk,
            "is_permanent": "on",
            "redirect_page": northbrook["page"].pk,
        },
    )
    assert Redirect.objects.filter(old_path="/guide/local-help").exists(), response.content
    client.logout()

    # National staff may point elsewhere on the web.
    log_in(client, "officer-national")
    client.post(
        "/admin/redirects/add/",
        {
            "old_path": "/guide/moved/",
            "site": "",
            "is_permanent": "on",
            "redirect_link": "https://www.gov.uk/children-with-special-educational-needs",
        },
    )
    assert Redirect.objects.filter(old_path="/guide/moved").exists()


# 3. Shared workflows and tasks ------------------------------------------------------------


@pytest.mark.django_db
def test_only_a_superuser_changes_the_shared_workflows_and_tasks(
    client, staff, southmere, national_officer
):
    from guidance.workflows import ensure_guide_workflow

    workflow = ensure_guide_workflow()
    tasks_before = list(workflow.workflow_tasks.values_list("task_id", flat=True))
    assert tasks_before
    for username in ("officer", "officer-national"):
        log_in(client, username)
        for address in (
            "/admin/workflows/list/",
            f"/admin/workflows/edit/{workflow.pk}/",
            "/admin/workflows/tasks/index/",
            f"/admin/workflows/tasks/edit/{tasks_before[0]}/",
            "/admin/workflows/add/",
        ):
            assert denied(client.get(address)), (username, address)
        client.post(
            f"/admin/workflows/edit/{workflow.pk}/",
            {
                "name": workflow.name,
                "workflow_tasks-TOTAL_FORMS": "0",
                "workflow_tasks-INITIAL_FORMS": str(len(tasks_before)),
                "workflow_tasks-MIN_NUM_FORMS": "0",
                "workflow_tasks-MAX_NUM_FORMS": "1000",
                "pages": [],
            },
        )
        client.post(f"/admin/workflows/disable/{workflow.pk}/")
        client.post(f"/admin/workflows/tasks/disable/{tasks_before[0]}/")
        client.logout()
    workflow.refresh_from_db()
    assert workflow.active
    assert list(workflow.workflow_tasks.values_list("task_id", flat=True)) == tasks_before
    assert Task.objects.get(pk=tasks_before[0]).active


# 4. Lockouts ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_officer_unlocks_only_staff_of_their_own_authorities(
    client, staff, make_user, southmere, settings
):
    from axes.models import AccessAttempt

    make_user("officer-southmere", roles.LOCAL_OFFER_OFFICERS, authorities=[southmere["authority"]])
    make_user("admin")
    limit = settings.AXES_FAILURE_LIMIT
    for username in ("forum", "officer-southmere", "admin"):
        AccessAttempt.objects.create(
            username=username,
            ip_address="203.0.113.9",
            user_agent="test",
            failures_since_start=limit,
        )
    log_in(client, "officer")
    page = client.get("/admin/lockouts/").content.decode()
    assert "forum" in page
    assert "officer-southmere" not in page and "admin" not in page.split("Locked-out")[-1]
    for username in ("officer-southmere", "admin"):
        attempt = AccessAttempt.objects.get(username=username)
        client.post("/admin/lockouts/", {"attempt": attempt.pk})
        assert AccessAttempt.objects.filter(pk=attempt.pk).exists(), username
    client.post("/admin/lockouts/", {"attempt": AccessAttempt.objects.get(username="forum").pk})
    assert not AccessAttempt.objects.filter(username="forum").exists()


# 5. National content ----------------------------------------------------------------------


@pytest.mark.django_db
def test_national_terms_and_the_override_are_for_national_officers_only(
    client, staff, national_officer
):
    term = GlossaryTerm.objects.create(term="EHC plan", short_explanation="A legal document.")
    viewset = GlossaryTerm.snippet_viewset
    edit = reverse(viewset.get_url_name("edit"), args=[term.pk])
    override = reverse("guidance_publish_term_without_sign_off", args=[term.pk])
    national_page = GuidePage.objects.get(slug="mediation", alias_of__isnull=True)
    page_override = reverse("guidance_publish_without_sign_off", args=[national_page.pk])
    for username in ("officer", "forum"):
        log_in(client, username)
        assert denied(client.get(edit)), username
        client.post(edit, {"term": "Hijacked", "short_explanation": "x", "action-submit": "1"})
        assert denied(client.get(override)), username
        client.post(override, {"reason": "Because I can"})
        client.post(page_override, {"reason": "Because I can"})
        client.logout()
    term.refresh_from_db()
    assert term.term == "EHC plan" and term.latest_revision is None
    national_page.refresh_from_db()
    assert not national_page.has_unpublished_changes
    log_in(client, "officer-national")
    assert client.get(edit).status_code == 200
    assert client.get(override).status_code == 200


# 6. Another authority's forum --------------------------------------------------------------


@pytest.mark.django_db
def test_an_officer_cannot_edit_another_authoritys_forum(client, staff, southmere, northbrook):
    theirs = ParentCarerForum.objects.create(
        name="Southmere Parent Carer Forum",
        authority=southmere["authority"],
        contact_email="hello@southmere-pcf.example",
    )
    ParentCarerForum.objects.create(
        name="Northbrook Parent Carer Forum", authority=northbrook["authority"]
    )
    viewset = ParentCarerForum.snippet_viewset
    log_in(client, "officer")
    index = client.get(reverse(viewset.get_url_name("list"))).content.decode()
    assert "Northbrook Parent Carer Forum" in index and "Southmere" not in index
    edit = reverse(viewset.get_url_name("edit"), args=[theirs.pk])
    assert client.get(edit).status_code == 404
    response = client.post(
        edit,
        {
            "name": theirs.name,
            "authority": southmere["authority"].pk,
            "contact_email": "x@evil.example",
        },
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.contact_email == "hello@southmere-pcf.example"


# 7. The admin API, reports and choosers ----------------------------------------------------


@pytest.fixture
def southmere_files(southmere, northbrook):
    from django.core.files.base import ContentFile

    Image.objects.create(
        title="Southmere leaflet", file=a_png(), collection=southmere["authority"].collection
    )
    Image.objects.create(
        title="Northbrook leaflet", file=a_png(), collection=northbrook["authority"].collection
    )
    Document.objects.create(
        title="Southmere policy",
        file=ContentFile(b"%PDF-1.4", name="policy.pdf"),
        collection=southmere["authority"].collection,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["officer", "forum", "senco"])
def test_the_admin_api_lists_only_the_users_own_images_and_documents(
    client, staff, southmere_files, make_user, username
):
    make_user("senco", roles.SETTING_EDITORS)
    log_in(client, username)
    for address in ("/admin/api/main/images/", "/admin/api/main/documents/"):
        response = client.get(address)
        assert "Southmere" not in response.content.decode(), (username, address)
    image = Image.objects.get(title="Southmere leaflet")
    assert client.get(f"/admin/api/main/images/{image.pk}/").status_code == 404


@pytest.fixture
def southmere_draft(southmere):
    """A draft page and a page awaiting approval in Southmere, both named for Southmere."""
    guide = southmere["page"].get_parent()
    draft = GuidePage(
        title="Southmere secret draft",
        slug="southmere-secret-draft",
        summary="Not yet.",
        section="starting",
        body=[{"type": "text", "value": "<p>Not yet.</p>"}],
        live=False,
    )
    guide.add_child(instance=draft)
    draft.save_revision()
    return draft


@pytest.mark.django_db
def test_reports_and_page_choosers_show_nothing_of_another_authority(
    client, staff, southmere, southmere_draft, make_user, make_setting
):
    from guidance.workflows import ensure_guide_workflow

    southmere_officer = make_user(
        "officer-southmere", roles.LOCAL_OFFER_OFFICERS, authorities=[southmere["authority"]]
    )
    ensure_guide_workflow().start(southmere_draft, southmere_officer)
    theirs = make_setting("Southmere Awaiting School", authority=southmere["authority"])
    theirs.summary = "Changed"
    theirs.save_revision(user=southmere_officer)
    listing_workflow().start(theirs, southmere_officer)
    log_in(client, "officer")
    for address in (
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/page-types-usage/",
        "/admin/choose-page/search/?q=southmere",
        f"/admin/choose-page/chosen-multiple/?id={southmere_draft.pk}&id={southmere['page'].pk}",
        "/admin/api/main/pages/?search=southmere",
        f"/admin/api/main/pages/{southmere_draft.pk}/",
    ):
        response = client.get(address)
        assert response.status_code in (200, 404), (address, response.status_code)
        html = response.content.decode()
        assert "Southmere secret draft" not in html, address
        assert "Southmere Awaiting School" not in html, address


# 11. Waiting-time limits ------------------------------------------------------------------


@pytest.mark.django_db
def test_waiting_time_limits_are_set_by_national_staff(client, staff, national_officer):
    limit = WaitingTimeLimit.objects.create(category="speech-language", max_weeks=18)
    log_in(client, "officer")
    client.post(
        f"/admin/directory/waiting-time-limits/edit/{limit.pk}/",
        {"category": "speech-language", "max_weeks": "80"},
    )
    client.post(
        "/admin/directory/waiting-time-limits/add/",
        {"category": "physiotherapy", "max_weeks": "90"},
    )
    client.post(f"/admin/directory/waiting-time-limits/delete/{limit.pk}/")
    limit.refresh_from_db()
    assert limit.max_weeks == 18
    assert not WaitingTimeLimit.objects.filter(category="physiotherapy").exists()
    assert client.get("/admin/directory/waiting-time-limits/").status_code == 200  # reads them
    client.logout()
    log_in(client, "officer-national")
    response = client.post(
        f"/admin/directory/waiting-time-limits/edit/{limit.pk}/",
        {"category": "speech-language", "max_weeks": "20"},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    limit.refresh_from_db()
    assert limit.max_weeks == 20


# 12. Two 500s -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_admin_page_search_and_the_workflow_report_answer(
    client, staff, make_setting, make_user, northbrook
):
    make_user("admin")
    ours = make_setting("Northbrook Awaiting School", authority=northbrook["authority"])
    ours.summary = "Changed"
    ours.save_revision()
    listing_workflow().start(ours, staff["officer"])
    for username in ("admin", "officer"):
        log_in(client, username)
        assert client.get("/admin/pages/search/?q=x").status_code == 200
        assert client.get("/admin/pages/search/?q=help").status_code == 200
        response = client.get("/admin/reports/workflow/")
        assert response.status_code == 200, username
        assert "Northbrook Awaiting School" in response.content.decode()
        assert client.get("/admin/reports/workflow_tasks/").status_code == 200
        client.logout()


# 13. Logging out --------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_plain_link_to_log_out_does_not_log_out(client, staff):
    log_in(client, "officer")
    response = client.get("/admin/logout/")
    assert response.status_code == 405
    assert "sessionid" not in response.cookies or response.cookies["sessionid"].value
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout/")
    assert client.get("/admin/").status_code == 302
