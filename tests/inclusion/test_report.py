"""The regulator's report of schools by criteria met, by authority: scoped to the viewer's
authorities, filterable, exported as CSV (formula cells made inert) and XLSX; the stored
evaluations follow imports, sign-offs and a school's publish."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

import roles
from directory.taxonomy import SencoQualification
from inclusion.models import Check, InclusionCriterion, SchoolEvaluation

from ..conftest import PASSWORD, publish
from .conftest import exclusions_csv, school, sen_csv

pytestmark = pytest.mark.django_db
REPORT = "inclusion_reports:inclusion"


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def sign_off_all():
    for criterion in InclusionCriterion.objects.all():
        criterion.save_revision().publish()


@pytest.fixture
def schools(make_setting, other_authority, run_import):
    qualified = make_setting("Oakfield Primary", senco_qualification=SencoQualification.NPQ)
    unqualified = make_setting(
        '=HYPERLINK("http://x")', senco_qualification=SencoQualification.NONE
    )
    southmere = make_setting("Southmere Primary", authority=other_authority)
    rows = [school(qualified.urn), school(unqualified.urn), school(southmere.urn, "991", "S")]
    assert run_import("sen", sen_csv(rows))[0]
    assert run_import("exclusions", exclusions_csv(rows))[0]
    return qualified, unqualified, southmere


def test_evaluations_follow_sign_off_and_publish(schools):
    qualified, unqualified, _ = schools
    assert not SchoolEvaluation.objects.exists()  # no criteria in force yet
    sign_off_all()
    assert SchoolEvaluation.objects.count() == 3
    evaluation = SchoolEvaluation.objects.get(setting=unqualified)
    assert evaluation.criteria == 5 and "The SENCo is qualified" in evaluation.not_met
    unqualified.senco_qualification = SencoQualification.NASENCO
    publish(unqualified)
    assert "SENCo" not in SchoolEvaluation.objects.get(setting=unqualified).not_met
    criterion = InclusionCriterion.objects.get(test=Check.SENCO_QUALIFIED)
    criterion.unpublish()
    assert SchoolEvaluation.objects.get(setting=unqualified).criteria == 4


def test_a_local_regulator_sees_only_their_authority_and_exports(
    client, make_user, authority, schools
):
    sign_off_all()
    login(client, make_user("local", roles.REGULATORS, authorities=[authority]))
    page = client.get(reverse(REPORT))
    assert page.status_code == 200
    assert b"Oakfield Primary" in page.content and b"Southmere Primary" not in page.content
    assert b"Schools meeting every criterion, by local authority" in page.content
    exported = client.get(reverse(REPORT), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode())))
    assert rows[0][:4] == ["Local authority", "School", "URN", "Criteria met"]
    names = [row[1] for row in rows[1:]]
    assert '\'=HYPERLINK("http://x")' in names and "Southmere Primary" not in names
    xlsx = client.get(reverse(REPORT), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert sheet.max_row == 3


def test_the_filter_and_national_view(client, make_user, schools):
    sign_off_all()
    login(client, make_user("national", roles.REGULATORS))
    page = client.get(reverse(REPORT), {"meets": "some"})
    assert b"HYPERLINK" in page.content and b"Southmere Primary" in page.content
    assert client.get(reverse(REPORT), {"meets": "nonsense"}).status_code == 200


@pytest.mark.parametrize("role", [roles.SETTING_EDITORS, roles.SERVICE_EDITORS])
def test_editors_cannot_read_the_report(client, make_user, role):
    login(client, make_user("editor", role))
    response = client.get(reverse(REPORT))
    assert response.status_code in (302, 403)
