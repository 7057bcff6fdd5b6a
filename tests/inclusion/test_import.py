"""The inclusion figures' importers, from outside (the management command) on hostile files:
idempotent by URN and year, every bad row reported, a school-year with a bad row not applied,
the good ones applied whole, and the norms computed at import."""

import csv
import io

import pytest

from inclusion.models import Dataset, Norm, SchoolFigures
from localoffer.demo.inclusion_sample import EXCLUSIONS_HEADER, SEN_HEADER

from .conftest import exclusions_csv, school, sen_csv

pytestmark = pytest.mark.django_db


def edit_rows(text, change):
    """The CSV text with `change(rows)` applied to its list of row dicts."""
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    change(rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=reader.fieldnames, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_sen_file_is_imported_with_source_year_and_norms(run_import):
    schools = [
        school(990001, ehc_rate=0.05, support_rate=0.15),
        school(990002, ehc_rate=0.01, support_rate=0.10),
        school(991001, la_code="991", la_name="Southmere"),
        school(990003, phase_type="State-funded secondary"),
    ]
    ok, output = run_import("sen", sen_csv(schools), name="sen_school_2025.csv")
    assert ok, output
    assert "4 were created" in output
    figures = SchoolFigures.objects.get(dataset=Dataset.SEN, urn=990001)
    assert (figures.pupils, figures.ehc_plan, figures.sen_support) == (200, 10, 30)
    assert figures.time_period == 202425 and figures.year == "2024/25"
    assert figures.source == "sen_school_2025.csv"
    assert sum(figures.primary_needs.values()) == 40
    assert figures.phase_type == "State-funded primary"
    primary_here = Norm.objects.get(
        dataset=Dataset.SEN, level=Norm.AUTHORITY, la_code="990", phase_type="State-funded primary"
    )
    assert (primary_here.schools, primary_here.pupils, primary_here.ehc_plan) == (2, 400, 12)
    primary_england = Norm.objects.get(
        dataset=Dataset.SEN, level=Norm.ENGLAND, phase_type="State-funded primary"
    )
    assert (primary_england.schools, primary_england.pupils) == (3, 600)


def test_the_same_file_twice_changes_nothing(run_import):
    text = sen_csv([school(990001), school(990002)])
    assert run_import("sen", text)[0]
    before = list(SchoolFigures.objects.values_list("pk", "imported_at", "pupils"))
    ok, output = run_import("sen", text)
    assert ok and "0 were created, 0 updated, 2 unchanged" in output
    assert list(SchoolFigures.objects.values_list("pk", "imported_at", "pupils")) == before
    assert Norm.objects.filter(level=Norm.ENGLAND).count() == 1


def test_a_new_year_is_added_beside_the_old_one_and_a_correction_updates(run_import):
    assert run_import("sen", sen_csv([school(990001)], time_period=202324))[0]
    assert run_import("sen", sen_csv([school(990001)], time_period=202425))[0]
    assert SchoolFigures.objects.filter(urn=990001).count() == 2
    ok, output = run_import("sen", sen_csv([school(990001, pupils=250)], time_period=202425))
    assert ok and "1 updated" in output
    assert SchoolFigures.objects.get(urn=990001, time_period=202425).pupils == 250
    assert Norm.objects.get(level=Norm.ENGLAND, time_period=202425).pupils == 250


@pytest.mark.parametrize(
    "bad_value, reason",
    [
        ("1e+05", "not a six-digit URN"),
        ("99001", "not a six-digit URN"),
        ("=HYPERLINK(1)", "not a six-digit URN"),
        ("", "not a six-digit URN"),
    ],
)
def test_a_bad_urn_is_reported_and_the_rest_applied(run_import, bad_value, reason):
    text = sen_csv([school(990001), school(990002)])

    def spoil(rows):
        for row in rows:
            if row["school_urn"] == "990002":
                row["school_urn"] = bad_value

    ok, output = run_import("sen", edit_rows(text, spoil))
    assert ok
    assert reason in output and "line 15:" in output and "line 14:" not in output
    assert list(SchoolFigures.objects.values_list("urn", flat=True)) == [990001]


def test_a_bad_count_refuses_that_school_year_whole(run_import):
    """One bad row of a school's thirteen: none of its figures are applied (they would be
    half a school), the other school's are, and the norms count only what was applied."""
    text = sen_csv([school(990001), school(990002)])

    def spoil(rows):
        rows[15]["pupil_count"] = "twelve"  # a row of 990002 by need
        rows[16]["pupil_count"] = "99999999999999999999"

    ok, output = run_import("sen", edit_rows(text, spoil))
    assert ok
    assert "line 17: pupil_count is not a whole number: 'twelve'" in output
    assert "line 18: pupil_count is implausibly large" in output
    assert "URN 990002 202425: not imported, because of line(s) 17, 18" in output
    assert list(SchoolFigures.objects.values_list("urn", flat=True)) == [990001]
    assert Norm.objects.get(level=Norm.ENGLAND).schools == 1


def test_duplicate_rows_are_reported(run_import):
    text = sen_csv([school(990001)])

    def duplicate(rows):
        rows.append(dict(rows[1], pupil_count="3"))

    ok, output = run_import("sen", edit_rows(text, duplicate))
    assert ok and "duplicate row: URN 990001" in output and "already on line 3" in output
    assert not SchoolFigures.objects.exists()


def test_more_pupils_with_sen_than_pupils_is_refused(run_import):
    text = sen_csv([school(990001)])

    def inflate(rows):
        rows[1]["pupil_count"] = "300"

    ok, output = run_import("sen", edit_rows(text, inflate))
    assert ok and "more pupils with SEN" in output
    assert not SchoolFigures.objects.exists()


def test_a_file_missing_columns_is_refused_whole(run_import):
    text = sen_csv([school(990001)]).replace("pupil_count", "headcount_of_pupils")
    ok, output = run_import("sen", text)
    assert not ok and "missing column(s) pupil_count" in output
    assert not SchoolFigures.objects.exists()
    ok, output = run_import("exclusions", sen_csv([school(990001)]))
    assert not ok and "Suspensions and permanent exclusions" in output


def test_a_file_in_windows_1252_with_a_bom_or_garbage_is_read_or_refused(run_import):
    text = sen_csv([school(990001, la_name="Northbrook – Café")])
    assert run_import("sen", text.encode("cp1252"))[0]
    assert SchoolFigures.objects.get().la_name == "Northbrook – Café"
    assert run_import("sen", b"\xef\xbb\xbf" + text.encode("utf-8"))[0]
    ok, output = run_import("sen", b"\x00\xff\xfe binary \x89PNG\r\n\x1a\n")
    assert not ok and "missing column(s)" in output


def test_dry_run_changes_nothing(run_import):
    ok, output = run_import("sen", sen_csv([school(990001)]), "--dry-run")
    assert ok and "1 would be created" in output
    assert not SchoolFigures.objects.exists() and not Norm.objects.exists()


def test_exclusions_file_whole_year_rows_are_imported_and_terms_skipped(run_import):
    text = exclusions_csv(
        [
            school(990001, pupils=400, suspensions=20, permanent_exclusions=1),
            school(990002, pupils=100, suspensions=2, permanent_exclusions=0),
        ]
    )

    def add_terms(rows):
        rows.append(dict(rows[0], time_identifier="Autumn term", suspension="5"))
        rows.append(dict(rows[1], school_urn="990003", perm_excl="c"))

    ok, output = run_import("exclusions", edit_rows(text, add_terms))
    assert ok, output
    assert "3 were created" in output and "1 rows not for this profile" in output
    figures = SchoolFigures.objects.get(dataset=Dataset.EXCLUSIONS, urn=990001)
    assert (figures.pupils, figures.suspensions, figures.permanent_exclusions) == (400, 20, 1)
    assert figures.year == "2023/24"
    assert SchoolFigures.objects.get(urn=990003).permanent_exclusions is None  # suppressed
    norm = Norm.objects.get(dataset=Dataset.EXCLUSIONS, level=Norm.AUTHORITY, la_code="990")
    assert (norm.pupils, norm.suspensions) == (600, 24)


def test_exclusions_duplicates_zero_headcount_and_older_layout(run_import):
    text = exclusions_csv([school(990001), school(990002)])

    def spoil(rows):
        rows.append(dict(rows[0]))
        rows[1]["headcount"] = "0"

    ok, output = run_import("exclusions", edit_rows(text, spoil))
    assert ok
    assert "line 4: duplicate row: URN 990001 for 202324 is already on line 2" in output
    assert "line 3: headcount is 0" in output
    assert not SchoolFigures.objects.exists()
    older = exclusions_csv([school(990001)]).replace("education_phase", "school_type")
    assert run_import("exclusions", older)[0]
    assert SchoolFigures.objects.get().phase_type == "State-funded primary"


def test_the_headers_are_the_published_ones():
    """The sample files' headers are those the docs cite (guards against drift)."""
    assert SEN_HEADER[10] == "school_urn" and SEN_HEADER[-3:] == (
        "sen_provision",
        "sen_primary_need",
        "pupil_count",
    )
    assert EXCLUSIONS_HEADER[-7:] == (
        "headcount",
        "perm_excl",
        "perm_excl_rate",
        "suspension",
        "susp_rate",
        "one_plus_susp",
        "one_plus_susp_rate",
    )
