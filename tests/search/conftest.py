import pytest

from directory.models import Postcode


@pytest.fixture
def postcodes(db):
    rows = [
        ("NB1 1AA", 52.6000, -1.5000),  # the family's home
        ("NB1 2BB", 52.6050, -1.5050),
        ("NB9 9ZZ", 52.9000, -1.5000),  # about 21 miles north
    ]
    for code, lat, lon in rows:
        Postcode.objects.create(postcode=code, outward=code.split()[0], latitude=lat, longitude=lon)
    return rows


@pytest.fixture
def area(make_setting, make_service, needs, postcodes, other_authority):
    """Schools and services around NB1 1AA, with known needs, ages and distances."""
    near_rp = make_setting(
        "Near Primary Autism Base",
        setting_type="resourced",
        latitude=52.601,
        longitude=-1.501,
        min_age=4,
        max_age=11,
    )
    near_rp.needs.set([needs["ASD"]])
    near_mainstream_rp = make_setting(
        "Near Primary With Unit",
        resourced_provision="unit",
        latitude=52.61,
        longitude=-1.49,
        min_age=4,
        max_age=11,
    )
    near_mainstream_rp.needs.set([needs["ASD"], needs["SLCN"]])
    near_secondary = make_setting(
        "Near Secondary",
        latitude=52.59,
        longitude=-1.52,
        min_age=11,
        max_age=18,
        phase="secondary",
    )
    near_secondary.needs.set([needs["ASD"]])
    far_rp = make_setting(
        "Far Primary Autism Base",
        setting_type="resourced",
        latitude=52.9,
        longitude=-1.5,
        min_age=4,
        max_age=11,
    )
    far_rp.needs.set([needs["ASD"]])
    elsewhere = make_setting(
        "Southmere Special School",
        setting_type="special",
        authority=other_authority,
        latitude=52.48,
        longitude=-1.42,
        min_age=2,
        max_age=19,
    )
    elsewhere.needs.set([needs["PMLD"]])
    therapy = make_service(
        "Speech Therapy Team",
        latitude=52.602,
        longitude=-1.502,
        description="Speech and language therapy for children.",
    )
    therapy.needs.set([needs["SLCN"]])
    for listing in (near_rp, near_mainstream_rp, near_secondary, far_rp, elsewhere, therapy):
        listing.save()  # re-index with needs
    return {
        "near_rp": near_rp,
        "near_mainstream_rp": near_mainstream_rp,
        "near_secondary": near_secondary,
        "far_rp": far_rp,
        "elsewhere": elsewhere,
        "therapy": therapy,
    }
