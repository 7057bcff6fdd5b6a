"""The compare view's inclusion rows: each school's published figures with its authority's
and the criteria it meets; services marked as not applying; a fixed number of queries."""

import pytest

from directory.taxonomy import SencoQualification
from inclusion.models import InclusionCriterion

from .conftest import exclusions_csv, school, sen_csv

pytestmark = pytest.mark.django_db


def test_compare_rows_show_figures_and_criteria(
    client, make_setting, make_service, run_import, django_assert_max_num_queries
):
    InclusionCriterion.objects.update(live=True)
    first = make_setting("Oakfield Primary", senco_qualification=SencoQualification.NPQ)
    second = make_setting("Elmhurst Primary", senco_qualification=SencoQualification.NONE)
    third = make_setting("Newbuild Primary")  # no published figures
    service = make_service()
    rows = [
        school(first.urn, support_rate=0.20, ehc_rate=0.05),
        school(second.urn, support_rate=0.10, ehc_rate=0.02),
    ]
    assert run_import("sen", sen_csv(rows))[0]
    assert run_import("exclusions", exclusions_csv(rows))[0]
    url = f"/directory/compare/?ids={first.pk},{second.pk},{third.pk},{service.pk}"
    client.get(url)  # warm the process-wide caches
    with django_assert_max_num_queries(20):
        page = client.get(url).content.decode()
    assert "Inclusion: published figures" in page
    assert "20.0% (15.0%), 2024/25" in page and "10.0% (15.0%), 2024/25" in page
    assert "Not published" in page and "Does not apply" in page
    assert "Not met: The SENCo is qualified" in page
    assert "Not known: Suspensions no more than nearby" in page


def test_compare_without_criteria_in_force_says_so(client, make_setting):
    first, second = make_setting("Oakfield Primary"), make_setting("Elmhurst Primary")
    page = client.get(f"/directory/compare/?ids={first.pk},{second.pk}").content.decode()
    assert "No criteria in force yet" in page
