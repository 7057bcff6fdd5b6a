import io

import pytest
from django.core.management import CommandError, call_command

from directory.geo import normalise_outward_code, normalise_postcode
from directory.models import Postcode


def run(path):
    out = io.StringIO()
    call_command("import_postcodes", str(path), stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sw1a1aa", "SW1A 1AA"),
        (" SW1A   1aa ", "SW1A 1AA"),
        ("m11ae", "M1 1AE"),
        ("NB1 2NE", "NB1 2NE"),
        ("SW1A", None),
        ("hello", None),
        ("", None),
        (None, None),
    ],
)
def test_postcodes_are_normalised(text, expected):
    assert normalise_postcode(text) == expected


def test_outward_codes_are_recognised():
    assert normalise_outward_code("sw1a") == "SW1A"
    assert normalise_outward_code("SW1A 1AA") is None


@pytest.mark.django_db
def test_onspd_rows_load_and_terminated_ones_are_skipped(tmp_path):
    path = tmp_path / "onspd.csv"
    path.write_text(
        "pcd,pcd2,pcds,dointr,doterm,oseast1m,osnrth1m,oslaua,lat,long\n"
        "SW1A1AA,SW1A 1AA,SW1A 1AA,199912,,529090,179645,E09000033,51.501009,-0.141588\n"
        "SW1A1AB,SW1A 1AB,SW1A 1AB,199912,200405,,,E09000033,51.5,-0.14\n"
        "ZZ991ZZ,ZZ99 1ZZ,ZZ99 1ZZ,199912,,,,,99.999999,0.000000\n"
        "BAD,BAD,not-a-postcode,199912,,,,,51.5,-0.14\n"
        "M11AE,M1  1AE,M1 1AE,199912,,384470,398000,E08000003,not-a-number,-2.23\n"
    )
    out = run(path)
    assert "line 5: not a postcode" in out
    assert "line 6: latitude is not a number" in out
    assert "1 created" in out and "2 terminated or without a location skipped" in out
    row = Postcode.objects.get()
    assert (row.postcode, row.outward, row.latitude) == ("SW1A 1AA", "SW1A", 51.501009)
    assert "0 created, 0 updated, 1 unchanged" in run(path)  # idempotent


@pytest.mark.django_db
def test_plain_csv_loads_and_updates(tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("postcode,latitude,longitude\nnb12ne,52.56,-1.49\n")
    run(path)
    path.write_text("postcode,latitude,longitude\nNB1 2NE,52.57,-1.49\n")
    assert "1 updated" in run(path)
    assert Postcode.objects.get().latitude == 52.57


@pytest.mark.django_db
def test_a_file_of_another_shape_is_refused(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("name,town\nx,y\n")
    with pytest.raises(CommandError, match="Expected the ONS Postcode Directory"):
        run(path)
