import csv
import io

import pytest
from django.core.management import CommandError, call_command

from directory.models import ListingLogEntry, LocalAuthority, Setting
from directory.taxonomy import ResourcedProvision, SettingType
from localoffer.demo.gias_sample import HEADER, write_sample


def gias_row(**values):
    row = dict.fromkeys(HEADER, "")
    row.update(
        {
            "URN": "123456",
            "LA (code)": "202",
            "LA (name)": "Camden",
            "EstablishmentName": "Hill View Primary School",
            "TypeOfEstablishment (name)": "Community school",
            "EstablishmentTypeGroup (name)": "Local authority maintained schools",
            "EstablishmentStatus (name)": "Open",
            "PhaseOfEducation (name)": "Primary",
            "StatutoryLowAge": "3",
            "StatutoryHighAge": "11",
            "Street": "1 Hill Road",
            "Town": "London",
            "Postcode": "sw1a1aa",
            "SchoolWebsite": "www.hillview.example.org",
            "TelephoneNum": "020 7946 0000",
            "Easting": "530268",
            "Northing": "179640",
            "SEN3 (name)": "ASD - Autistic Spectrum Disorder",
            "SEN1 (name)": "SLCN - Speech, language and Communication",
            "SEN2 (name)": "Not Applicable",
            "TypeOfResourcedProvision (name)": "Resourced provision",
            "ResourcedProvisionCapacity": "12",
            "ResourcedProvisionOnRoll": "9",
        }
    )
    row.update(values)
    return row


def write(path, rows, encoding="cp1252"):
    with open(path, "w", encoding=encoding, newline="") as f:
        writer = csv.DictWriter(f, fieldnames=HEADER, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def run(path, *args):
    out = io.StringIO()
    call_command("import_gias", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def snapshot():
    return (
        list(Setting.objects.order_by("urn").values()),
        ListingLogEntry.objects.count(),
        list(Setting.objects.values_list("urn", "needs__code").order_by("urn", "needs__code")),
    )


@pytest.mark.django_db
def test_a_row_becomes_a_published_listing_with_needs_and_location(tmp_path, authority):
    out = run(write(tmp_path / "gias.csv", [gias_row()]))
    assert "1 were created" in out
    school = Setting.objects.get(urn=123456)
    assert school.live and school.name == "Hill View Primary School"
    assert school.authority == LocalAuthority.objects.get(code="202")
    assert school.setting_type == SettingType.MAINSTREAM and school.phase == "primary"
    assert (school.min_age, school.max_age) == (3, 11)
    assert school.postcode == "SW1A 1AA"
    assert school.website == "https://www.hillview.example.org"
    # British National Grid 530268, 179640 is beside Big Ben: 51.5007 N, 0.1246 W.
    assert school.latitude == pytest.approx(51.5007, abs=0.0005)
    assert school.longitude == pytest.approx(-0.1246, abs=0.0005)
    assert set(school.needs.values_list("code", flat=True)) == {"ASD", "SLCN"}
    assert school.resourced_provision == ResourcedProvision.RESOURCED
    assert school.resourced_provision_capacity == 12
    assert school.completeness_score > 0
    entry = ListingLogEntry.objects.get(object_id=str(school.pk))
    assert entry.action == "directory.gias.create" and entry.data["urn"] == 123456
    assert school.get_url() == "/directory/hill-view-primary-school-london/"


@pytest.mark.django_db
def test_bad_rows_are_reported_by_line_and_good_rows_applied_twice_over(tmp_path, authority):
    path = tmp_path / "gias.csv"
    with open(path, "w", encoding="cp1252", newline="") as f:
        broken = write_sample(f, 200, bad_every=25)
    out = run(path)
    for line, column in broken:
        assert f"line {line}: " in out, (line, column)
    assert f"{len(broken)} bad rows not imported" in out
    bad_urns = {100000 + line - 2 for line, _ in broken}
    assert not Setting.objects.filter(urn__in=bad_urns).exists()
    imported = Setting.objects.count()
    assert imported > 100

    before = snapshot()
    second = run(path)
    assert "0 were created, 0 updated" in second
    assert snapshot() == before


@pytest.mark.django_db
def test_a_change_in_gias_updates_only_what_gias_owns(tmp_path, authority):
    path = write(tmp_path / "gias.csv", [gias_row()])
    run(path)
    school = Setting.objects.get(urn=123456)
    school.senco_name = "Priya Shah"  # the school's own answer
    school.sen_teaching = "Small steps."
    school.save()

    renamed = gias_row(EstablishmentName="Hill View Academy", **{"SEN3 (name)": ""})
    out = run(write(tmp_path / "gias2.csv", [renamed]))
    assert "1 updated" in out
    school.refresh_from_db()
    assert school.name == "Hill View Academy"
    assert set(school.needs.values_list("code", flat=True)) == {"SLCN"}
    assert school.senco_name == "Priya Shah" and school.sen_teaching == "Small steps."
    entry = ListingLogEntry.objects.filter(action="directory.gias.update").get()
    assert set(entry.data["changed"]) == {"name", "needs"}


@pytest.mark.django_db
def test_closed_schools_are_skipped_or_unpublished(tmp_path, authority):
    run(
        write(
            tmp_path / "a.csv",
            [gias_row(), gias_row(URN="222222", **{"EstablishmentStatus (name)": "Closed"})],
        )
    )
    assert not Setting.objects.filter(urn=222222).exists()
    out = run(write(tmp_path / "b.csv", [gias_row(**{"EstablishmentStatus (name)": "Closed"})]))
    assert "1 closed and unpublished" in out
    school = Setting.objects.get(urn=123456)
    assert not school.live
    assert ListingLogEntry.objects.filter(action="directory.gias.close").exists()


@pytest.mark.django_db
def test_only_the_chosen_authorities_are_imported(tmp_path, authority):
    rows = [gias_row(), gias_row(URN="654321", **{"LA (code)": "990", "LA (name)": "Northbrook"})]
    out = run(write(tmp_path / "gias.csv", rows), "--la", "990")
    assert "1 in other authorities" in out
    assert list(Setting.objects.values_list("urn", flat=True)) == [654321]


@pytest.mark.django_db
def test_out_of_scope_establishments_are_skipped_not_errors(tmp_path, authority):
    rows = [gias_row(**{"TypeOfEstablishment (name)": "Higher education institutions"})]
    out = run(write(tmp_path / "gias.csv", rows))
    assert "1 not schools or settings" in out and "0 bad rows" in out


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig", "utf-8"])
def test_file_encodings(tmp_path, authority, encoding):
    run(write(tmp_path / "gias.csv", [gias_row(EstablishmentName="École Française")], encoding))
    assert Setting.objects.get().name == "École Française"


@pytest.mark.django_db
def test_a_file_that_is_not_gias_is_refused_whole(tmp_path, authority):
    path = tmp_path / "other.csv"
    path.write_text("postcode,latitude,longitude\nSW1A 1AA,51.5,-0.12\n")
    with pytest.raises(CommandError, match="missing column"):
        run(path)
    with pytest.raises(CommandError, match="No such file"):
        run(tmp_path / "absent.csv")
    with pytest.raises(CommandError, match="three-digit"):
        run(write(tmp_path / "gias.csv", [gias_row()]), "--la", "Camden")
    assert not Setting.objects.exists()


@pytest.mark.django_db
def test_a_row_with_too_many_cells_is_a_bad_row(tmp_path, authority):
    path = write(tmp_path / "gias.csv", [gias_row()])
    with open(path, "a", encoding="cp1252", newline="") as f:
        f.write(",".join(["999999"] + [""] * (len(HEADER) + 3)) + "\r\n")
    out = run(path)
    assert "line 3: the row has more cells than the header" in out
    assert Setting.objects.count() == 1


@pytest.mark.django_db
def test_dry_run_changes_nothing(tmp_path, authority):
    out = run(write(tmp_path / "gias.csv", [gias_row()]), "--dry-run")
    assert "1 would be created" in out
    assert not Setting.objects.exists()
