"""The demo ships DfE-format sample files for its own schools; seeding imports them through
the real importer, signs off the starting criteria, and every demo school's profile shows its
figures and criteria."""

import pytest

from directory.models import Setting
from inclusion.models import InclusionCriterion, SchoolFigures
from localoffer.demo import inclusion_demo, listings
from localoffer.demo.inclusion_sample import demo_schools

pytestmark = pytest.mark.django_db


def test_demo_samples_cover_the_demo_schools_and_import_cleanly(client, demo_site):
    listings.seed()
    reports = inclusion_demo.seed()
    for report in reports.values():
        assert report.errors == [] and report.refused == []
        assert report.created == len(demo_schools())
    urns = set(Setting.objects.values_list("urn", flat=True))
    assert {school["urn"] for school in demo_schools()} <= urns
    assert InclusionCriterion.objects.filter(live=True).count() == 5
    # Seeding again changes nothing.
    again = inclusion_demo.seed()
    assert all(report.applied == 0 for report in again.values())
    school = Setting.objects.get(urn=demo_schools()[0]["urn"])
    page = client.get(school.get_url()).content.decode()
    assert "How inclusive is this school?" in page and "This school meets" in page
    assert SchoolFigures.objects.filter(urn=school.urn).count() == 2
