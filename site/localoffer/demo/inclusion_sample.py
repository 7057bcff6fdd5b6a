"""Write files in the layouts DfE publishes the inclusion profile's figures in, for the demo,
tests and benchmarks: the "Special educational needs in England" school underlying data file
(2026 format) and the school-level "Suspensions and permanent exclusions in England" file.

The headers are the published ones, column for column, as shown in each data set's preview on
explore-education-statistics.service.gov.uk (see docs/inclusion-profile.md); the rows are
fictional but shaped like the real files (one row per school, SEN provision and primary need;
one row per school and period).
"""

import csv
import random

SEN_HEADER = (
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_name",
    "region_code",
    "old_la_code",
    "new_la_code",
    "la_name",
    "school_urn",
    "estab",
    "school_name",
    "school_laestab",
    "open_date",
    "sex_of_school_description",
    "phase_type_grouping",
    "establishment_type",
    "middle_school",
    "all_through",
    "hospital_school",
    "religious_denomination",
    "admissions_policy",
    "district_administrative_code",
    "district_administrative_name",
    "pcon_code",
    "pcon_name",
    "ward_code",
    "ward_name",
    "urban_rural",
    "school_postcode",
    "lsoa11",
    "provision_for_spld",
    "provision_for_mld",
    "provision_for_sld",
    "provision_for_pmld",
    "provision_for_semh",
    "provision_for_slcn",
    "provision_for_hi",
    "provision_for_vi",
    "provision_for_msi",
    "provision_for_pd",
    "provision_for_asd",
    "provision_for_oth",
    "specialist_provision_unit_type",
    "sen_provision",
    "sen_primary_need",
    "pupil_count",
)

EXCLUSIONS_HEADER = (
    "time_identifier",
    "time_period",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
    "new_la_code",
    "la_name",
    "estab",
    "school_laestab",
    "school_urn",
    "school_name",
    "trust_name",
    "academy_type",
    "academy_open_date",
    "education_phase",
    "headcount",
    "perm_excl",
    "perm_excl_rate",
    "suspension",
    "susp_rate",
    "one_plus_susp",
    "one_plus_susp_rate",
)

EHC = "Education, health and care plan"
SEN_SUPPORT = "SEN support / SEN without an EHC plan"
NEEDS = (
    "Autistic spectrum disorder",
    "Speech, language and communication needs",
    "Social, emotional and mental health",
    "Moderate learning difficulty",
    "Specific learning difficulty",
)


def _place(school):
    return {
        "country_code": "E92000001",
        "country_name": "England",
        "region_name": "Fictional region",
        "region_code": "E12999999",
        "old_la_code": school["la_code"],
        "new_la_code": f"E06999{school['la_code']}",
        "la_name": school["la_name"],
        "school_urn": school["urn"],
        "estab": 2000 + school["urn"] % 1000,
        "school_name": school["name"],
        "school_laestab": f"{school['la_code']}{2000 + school['urn'] % 1000}",
    }


def sen_rows(school, time_period, rng):
    """One school's rows: all pupils, then each provision in total and by primary need."""
    pupils = school["pupils"]
    ehc = max(0, round(pupils * school.get("ehc_rate", rng.uniform(0.01, 0.06))))
    support = max(0, round(pupils * school.get("support_rate", rng.uniform(0.08, 0.22))))
    base = {
        "time_period": time_period,
        "time_identifier": "Academic year",
        "geographic_level": "School",
        **_place(school),
        "open_date": "z",
        "sex_of_school_description": "Mixed",
        "phase_type_grouping": school["phase_type"],
        "establishment_type": school.get("establishment_type", "Community school"),
        "middle_school": "No",
        "all_through": "No",
        "hospital_school": "No",
        "religious_denomination": "Does not apply",
        "admissions_policy": "Not applicable",
        **{column: "z" for column in SEN_HEADER[23:32]},
        **{column: "No" for column in SEN_HEADER[32:44]},
        "specialist_provision_unit_type": "z",
    }
    rows = [
        {
            **base,
            "sen_provision": "All pupils",
            "sen_primary_need": "All pupils",
            "pupil_count": pupils,
        }
    ]
    for provision, total in ((EHC, ehc), (SEN_SUPPORT, support)):
        rows.append(
            {
                **base,
                "sen_provision": provision,
                "sen_primary_need": "All pupils",
                "pupil_count": total,
            }
        )
        left = total
        for position, need in enumerate(NEEDS):
            count = left if position == len(NEEDS) - 1 else rng.randint(0, left)
            left -= count
            rows.append(
                {**base, "sen_provision": provision, "sen_primary_need": need, "pupil_count": count}
            )
    return rows


def exclusions_row(school, time_period, rng):
    headcount = school["pupils"]
    suspensions = school.get("suspensions", rng.randint(0, max(1, headcount // 12)))
    permanent = school.get("permanent_exclusions", rng.choice([0, 0, 0, 1]))
    one_plus = min(suspensions, headcount)
    return {
        "time_identifier": "Academic year",
        "time_period": time_period,
        "geographic_level": "School",
        **_place(school),
        "trust_name": "z",
        "academy_type": "z",
        "academy_open_date": "z",
        "education_phase": school["phase_type"],
        "headcount": headcount,
        "perm_excl": permanent,
        "perm_excl_rate": f"{permanent * 100 / headcount:.5f}",
        "suspension": suspensions,
        "susp_rate": f"{suspensions * 100 / headcount:.5f}",
        "one_plus_susp": one_plus,
        "one_plus_susp_rate": f"{one_plus * 100 / headcount:.5f}",
    }


def write_sen(stream, schools, time_period=202425, seed=2026):
    rng = random.Random(seed)
    writer = csv.DictWriter(stream, fieldnames=SEN_HEADER)
    writer.writeheader()
    for school in schools:
        writer.writerows(sen_rows(school, time_period, rng))


def write_exclusions(stream, schools, time_period=202324, seed=2026):
    rng = random.Random(seed)
    writer = csv.DictWriter(stream, fieldnames=EXCLUSIONS_HEADER)
    writer.writeheader()
    for school in schools:
        writer.writerow(exclusions_row(school, time_period, rng))


# The demo's schools that DfE's files cover (state-funded schools), by the demo's plan
# (listings.SETTING_PLAN): the phase and type each file groups them under.
DEMO_PHASE_TYPES = {
    ("mainstream", "primary"): "State-funded primary",
    ("mainstream", "secondary"): "State-funded secondary",
    ("special", "all-through"): "State-funded special school",
    ("resourced", "primary"): "State-funded primary",
    ("alternative", "secondary"): "State-funded AP school",
}


def demo_schools():
    """The demo directory's state-funded schools, with the URNs seed_demo gives them."""
    from .listings import AUTHORITIES, PLACES, SETTING_PLAN

    names = dict(AUTHORITIES)
    rng = random.Random(27)
    places = iter(PLACES * 3)
    schools, index = [], 0
    for setting_type, phase, _, count, pattern in SETTING_PLAN:
        for _ in range(count):
            index += 1
            name = pattern.format(place=next(places))
            phase_type = DEMO_PHASE_TYPES.get((setting_type.value, phase.value))
            if phase_type is None:
                continue
            code = "991" if index % 8 == 0 else "990"
            pupils = {"State-funded secondary": 900, "State-funded primary": 320}.get(
                phase_type, 110
            )
            schools.append(
                {
                    "urn": (990000 if code == "990" else 991000) + index,
                    "name": name,
                    "la_code": code,
                    "la_name": names[code],
                    "phase_type": phase_type,
                    "pupils": int(pupils * rng.uniform(0.7, 1.2)),
                }
            )
    return schools
