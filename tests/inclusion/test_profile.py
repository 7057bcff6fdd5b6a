"""The inclusion section of a school's profile, through HTTP: published figures beside the
authority's and England's with year and source, the school's own figures apart where they
differ, the criteria met and not met with evidence and date, the reply; bounded queries."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from directory.taxonomy import SencoQualification
from inclusion.models import Check, InclusionCriterion, SchoolReply

from .conftest import exclusions_csv, school, sen_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def criteria(db):
    InclusionCriterion.objects.update(live=True)
    return list(InclusionCriterion.objects.all())


@pytest.fixture
def figures(run_import):
    """Published figures for 100001 (the school under test) and its neighbours."""

    def load(urn):
        schools = [
            school(
                urn,
                pupils=200,
                support_rate=0.20,
                ehc_rate=0.05,
                suspensions=2,
                permanent_exclusions=0,
            ),
            school(
                urn + 500,
                pupils=200,
                support_rate=0.10,
                ehc_rate=0.02,
                suspensions=10,
                permanent_exclusions=1,
            ),
            school(
                urn + 600,
                la_code="991",
                la_name="Southmere",
                pupils=400,
                support_rate=0.05,
                ehc_rate=0.01,
                suspensions=40,
                permanent_exclusions=0,
            ),
        ]
        assert run_import("sen", sen_csv(schools), name="sen_2025.csv")[0]
        assert run_import("exclusions", exclusions_csv(schools), name="exc_2024.csv")[0]

    return load


def test_profile_compares_published_figures_with_authority_and_england(
    client, make_setting, figures, criteria
):
    oakfield = make_setting(
        sen_support_percent=Decimal("18.0"),
        ehc_plan_percent=Decimal("5.0"),
        senco_qualification=SencoQualification.NPQ,
        report_published_on=timezone.localdate() - datetime.timedelta(days=40),
    )
    figures(oakfield.urn)
    page = client.get(oakfield.get_url()).content.decode()
    assert "How inclusive is this school?" in page
    assert page.count('id="inclusion-profile"') == 1  # an id of its own on the page
    # SEN support: 20.0% here, 15.0% in Northbrook's primaries (40 of 400), 10.0% in England.
    assert "<td>20.0%" in page and "<td>15.0%</td>" in page and "<td>10.0%</td>" in page
    assert "(2 in Northbrook and 3 in England, in the published figures loaded)" in page
    assert "(2 in the year, 200 pupils)" in page
    assert "(%, 2024/25)" in page and "(per 100 pupils, 2023/24)" in page
    assert "special-educational-needs-in-england" in page
    assert "suspensions-and-permanent-exclusions-in-england" in page
    # The editor's own SEN support figure differs from the published one: shown apart.
    assert "The school's own figure differs" in page and "18.0" in page
    assert "Pupils with an EHC plan (%): 5.0" not in page  # 5.0 equals the published 5.0%
    # Criteria: five met, with evidence and its date.
    assert "This school meets 5 of 5." in page
    assert "Met: The SENCo is qualified" in page
    assert "The school says: Has the NPQ for SENCos." in page
    assert "20.0% here; 15.0% in Northbrook&#x27;s state-funded primary schools" in page


def test_criteria_not_met_and_not_known_are_explained(client, make_setting, criteria, figures):
    stale = make_setting(
        senco_qualification=SencoQualification.IN_PROGRESS,
        senco_qualification_started_on=timezone.localdate() - datetime.timedelta(days=100),
        report_published_on=timezone.localdate() - datetime.timedelta(days=500),
    )
    page = client.get(stale.get_url()).content.decode()
    assert "No published figures for this school have been loaded yet." in page
    assert "Not met: The SEN information report is up to date" in page
    assert "more than a year ago" in page
    assert "Not met: The SENCo is qualified" in page
    assert "Not known: Suspensions no more than nearby" in page
    assert "No published figures for this school yet." in page
    assert "This school meets 0 of 5." in page


def test_draft_criteria_are_not_shown(client, make_setting):
    assert not InclusionCriterion.objects.filter(live=True).exists()  # the migration's drafts
    page = client.get(make_setting().get_url()).content.decode()
    assert "The inclusion criteria" not in page and "This school meets" not in page


def test_the_schools_reply_is_shown_escaped(client, make_setting, criteria):
    oakfield = make_setting()
    SchoolReply.objects.create(setting=oakfield, text="We have a new SENCo <b>since May</b>.")
    page = client.get(oakfield.get_url()).content.decode()
    assert "What the school says" in page
    assert "We have a new SENCo &lt;b&gt;since May&lt;/b&gt;." in page


def test_services_have_no_inclusion_section(client, make_service, criteria):
    page = client.get(make_service().get_url()).content.decode()
    assert "How inclusive is this school?" not in page


def test_profile_queries_stay_bounded(
    client, make_setting, figures, criteria, django_assert_max_num_queries
):
    oakfield = make_setting()
    figures(oakfield.urn)
    SchoolReply.objects.create(setting=oakfield, text="Thank you.")
    client.get(oakfield.get_url())  # warm the process-wide caches
    InclusionCriterion.objects.filter(test=Check.SENCO_QUALIFIED).update(title="Changed")
    # The profile's own 8 at most, and the section's four: figures, norms, criteria, reply.
    with django_assert_max_num_queries(12):
        page = client.get(oakfield.get_url()).content.decode()
    assert "How inclusive is this school?" in page


def test_a_kept_profile_follows_an_import_a_sign_off_and_a_reply(
    client, make_setting, figures, criteria
):
    """Families' pages are kept by the page cache until the directory's change log moves: the
    published figures, the criteria and the school's reply must each move it."""
    oakfield = make_setting(report_published_on=timezone.localdate())
    before = client.get(oakfield.get_url())
    assert "<td>20.0%" not in before.content.decode()
    assert client.get(oakfield.get_url())["X-Page-Served"] == "kept"

    figures(oakfield.urn)
    assert "<td>20.0%" in client.get(oakfield.get_url()).content.decode()

    SchoolReply.objects.create(setting=oakfield, text="We run a nurture group.")
    assert "We run a nurture group." in client.get(oakfield.get_url()).content.decode()

    title = criteria[0].title
    criteria[0].unpublish()
    assert title not in client.get(oakfield.get_url()).content.decode()
