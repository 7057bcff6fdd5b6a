"""Write files in the GIAS "all establishment data" format, for tests and benchmarks.

The header is GIAS's real one (column names are facts of the format; see
shared/reference/data-formats.md); the rows are fictional but shaped like the real register.
"""

import csv
import random

SEN = tuple(f"SEN{n} (name)" for n in range(1, 14))
HEADER = (
    "URN",
    "LA (code)",
    "LA (name)",
    "EstablishmentNumber",
    "EstablishmentName",
    "TypeOfEstablishment (code)",
    "TypeOfEstablishment (name)",
    "EstablishmentTypeGroup (code)",
    "EstablishmentTypeGroup (name)",
    "EstablishmentStatus (code)",
    "EstablishmentStatus (name)",
    "ReasonEstablishmentOpened (code)",
    "ReasonEstablishmentOpened (name)",
    "OpenDate",
    "ReasonEstablishmentClosed (code)",
    "ReasonEstablishmentClosed (name)",
    "CloseDate",
    "PhaseOfEducation (code)",
    "PhaseOfEducation (name)",
    "StatutoryLowAge",
    "StatutoryHighAge",
    "Boarders (code)",
    "Boarders (name)",
    "NurseryProvision (name)",
    "OfficialSixthForm (code)",
    "OfficialSixthForm (name)",
    "Gender (code)",
    "Gender (name)",
    "ReligiousCharacter (code)",
    "ReligiousCharacter (name)",
    "ReligiousEthos (name)",
    "Diocese (code)",
    "Diocese (name)",
    "AdmissionsPolicy (code)",
    "AdmissionsPolicy (name)",
    "SchoolCapacity",
    "SpecialClasses (code)",
    "SpecialClasses (name)",
    "CensusDate",
    "NumberOfPupils",
    "NumberOfBoys",
    "NumberOfGirls",
    "PercentageFSM",
    "TrustSchoolFlag (code)",
    "TrustSchoolFlag (name)",
    "Trusts (code)",
    "Trusts (name)",
    "SchoolSponsorFlag (name)",
    "SchoolSponsors (name)",
    "FederationFlag (name)",
    "Federations (code)",
    "Federations (name)",
    "UKPRN",
    "FEHEIdentifier",
    "FurtherEducationType (name)",
    "LastChangedDate",
    "Street",
    "Locality",
    "Address3",
    "Town",
    "County (name)",
    "Postcode",
    "SchoolWebsite",
    "TelephoneNum",
    "HeadTitle (name)",
    "HeadFirstName",
    "HeadLastName",
    "HeadPreferredJobTitle",
    "BSOInspectorateName (name)",
    "InspectorateReport",
    "DateOfLastInspectionVisit",
    "NextInspectionVisit",
    "TeenMoth (name)",
    "TeenMothPlaces",
    "CCF (name)",
    "SENPRU (name)",
    "EBD (name)",
    "PlacesPRU",
    "FTProv (name)",
    "EdByOther (name)",
    "Section41Approved (name)",
    *SEN,
    "TypeOfResourcedProvision (name)",
    "ResourcedProvisionOnRoll",
    "ResourcedProvisionCapacity",
    "SenUnitOnRoll",
    "SenUnitCapacity",
    "GOR (code)",
    "GOR (name)",
    "DistrictAdministrative (code)",
    "DistrictAdministrative (name)",
    "AdministrativeWard (code)",
    "AdministrativeWard (name)",
    "ParliamentaryConstituency (code)",
    "ParliamentaryConstituency (name)",
    "UrbanRural (code)",
    "UrbanRural (name)",
    "GSSLACode (name)",
    "Easting",
    "Northing",
    "MSOA (name)",
    "LSOA (name)",
    "InspectorateName (name)",
    "SENStat",
    "SENNoStat",
    "BoardingEstablishment (name)",
    "PropsName",
    "PreviousLA (code)",
    "PreviousLA (name)",
    "PreviousEstablishmentNumber",
    "RSCRegion (name)",
    "Country (name)",
    "UPRN",
    "SiteName",
    "QABName (code)",
    "QABName (name)",
    "EstablishmentAccredited (code)",
    "EstablishmentAccredited (name)",
    "QABReport",
    "CHNumber",
    "MSOA (code)",
    "LSOA (code)",
    "FSM",
    "AccreditationExpiryDate",
)

# (TypeOfEstablishment (name), EstablishmentTypeGroup (name), phase, ages, share of rows)
TYPES = (
    ("Community school", "Local authority maintained schools", "Primary", (4, 11), 30),
    ("Academy converter", "Academies", "Secondary", (11, 18), 20),
    ("Academy sponsor led", "Academies", "Primary", (3, 11), 10),
    ("Foundation special school", "Special schools", "Not applicable", (2, 19), 4),
    ("Academy special converter", "Special schools", "Not applicable", (4, 19), 2),
    ("Pupil referral unit", "Local authority maintained schools", "Secondary", (11, 16), 2),
    ("Local authority nursery school", "Local authority maintained schools", "Nursery", (2, 5), 2),
    ("Further education", "Colleges", "16 plus", (16, 25), 3),
    ("Other independent special school", "Independent schools", "Not applicable", (7, 19), 3),
    ("Other independent school", "Independent schools", "All-through", (3, 18), 8),
    ("Higher education institutions", "Universities", "Not applicable", (18, 25), 1),
    ("Welsh establishment", "Welsh schools", "Not applicable", (4, 16), 1),
)
NEEDS = (
    "ASD - Autistic Spectrum Disorder",
    "SpLD - Specific Learning Difficulty",
    "MLD - Moderate Learning Difficulty",
    "SLD - Severe Learning Difficulty",
    "PMLD - Profound and Multiple Learning Difficulty",
    "SEMH - Social, Emotional and Mental Health",
    "SLCN - Speech, language and Communication",
    "HI - Hearing Impairment",
    "VI - Visual Impairment",
    "MSI - Multi-Sensory Impairment",
    "PD - Physical Disability",
    "OTH - Other Difficulty/Disability",
)
PLACES = (
    "Ashby",
    "Brook",
    "Castle",
    "Dale",
    "Elm",
    "Fern",
    "Green",
    "Hill",
    "Ivy",
    "Kings",
    "Lark",
    "Mill",
    "North",
    "Oak",
    "Park",
    "Queens",
    "River",
    "St Mary's",
    "Thorn",
    "Vale",
    "West",
    "York",
    "Église",
)


def _row(rng, urn, authorities):
    la_code, la_name, east0, north0 = authorities[urn % len(authorities)]
    type_name, group, phase, ages, _ = rng.choices(TYPES, weights=[t[4] for t in TYPES])[0]
    special = "special" in type_name.lower()
    row = dict.fromkeys(HEADER, "")
    place = rng.choice(PLACES)
    kind = {
        "Primary": "Primary School",
        "Secondary": "Academy",
        "Nursery": "Nursery School",
        "16 plus": "College",
    }.get(phase, "School")
    status = rng.choices(
        ["Open", "Closed", "Open, but proposed to close", "Proposed to open"],
        weights=[86, 11, 2, 1],
    )[0]
    resourced = "Not applicable"
    if type_name == "Community school" and rng.random() < 0.12:
        resourced = rng.choice(
            ["Resourced provision", "SEN unit", "Resourced provision and SEN unit"]
        )
    needs = rng.sample(NEEDS, rng.randint(2, 6)) if special or resourced != "Not applicable" else []
    row.update(
        {
            "URN": str(urn),
            "LA (code)": la_code,
            "LA (name)": la_name,
            "EstablishmentNumber": str(2000 + urn % 7000),
            "EstablishmentName": f"{place} {kind}",
            "TypeOfEstablishment (name)": type_name,
            "EstablishmentTypeGroup (name)": group,
            "EstablishmentStatus (name)": status,
            "OpenDate": "01-09-1975",
            "CloseDate": "31-08-2019" if status == "Closed" else "",
            "PhaseOfEducation (name)": phase,
            "StatutoryLowAge": str(ages[0]),
            "StatutoryHighAge": str(ages[1]),
            "SchoolCapacity": str(rng.choice([60, 210, 420, 630, 1200])),
            "NumberOfPupils": str(rng.randint(40, 1100)),
            "UKPRN": str(10000000 + urn),
            "Street": f"{rng.randint(1, 200)} {place} Road",
            "Locality": rng.choice(["", "Upper Town", "Westside"]),
            "Town": la_name,
            "County (name)": "",
            "Postcode": f"ZZ{rng.randint(1, 99)} {rng.randint(1, 9)}AB",
            "SchoolWebsite": rng.choice(
                [
                    "",
                    f"www.{place.lower().replace(' ', '')}{urn}.sch.uk",
                    f"https://{urn}.example.org/",
                ]
            ),
            "TelephoneNum": f"01632 {rng.randint(100000, 999999)}",
            "Section41Approved (name)": "Approved"
            if special and rng.random() < 0.3
            else "Not approved",
            "TypeOfResourcedProvision (name)": resourced,
            "ResourcedProvisionCapacity": str(rng.choice([8, 10, 12]))
            if "Resourced" in resourced
            else "",
            "ResourcedProvisionOnRoll": str(rng.randint(5, 8)) if "Resourced" in resourced else "",
            "SenUnitCapacity": str(rng.choice([6, 10])) if "unit" in resourced.lower() else "",
            "SenUnitOnRoll": str(rng.randint(3, 6)) if "unit" in resourced.lower() else "",
            "Easting": str(east0 + rng.randint(-9000, 9000)),
            "Northing": str(north0 + rng.randint(-9000, 9000)),
            "Country (name)": "United Kingdom",
        }
    )
    slots = rng.sample(SEN, len(needs))  # GIAS's SEN slots are unordered
    for slot, need in zip(slots, needs, strict=True):
        row[slot] = need
    return row


BAD_ROWS = (
    ("URN", "not-a-number"),
    ("EstablishmentName", ""),
    ("StatutoryHighAge", "99"),
    ("LA (code)", "XX"),
    ("Northing", ""),
)


def write_sample(text_file, rows, seed=2026, bad_every=0, authorities=None, first_urn=100000):
    """Write `rows` establishments; every `bad_every`-th row is broken in one of BAD_ROWS' ways.

    Returns the list of (line number, column) of the broken rows.
    """
    rng = random.Random(seed)
    authorities = authorities or [
        (str(code), f"Authority {code}", 350000 + (code % 20) * 12000, 150000 + (code % 30) * 15000)
        for code in range(201, 201 + 153)
    ]
    writer = csv.DictWriter(text_file, fieldnames=HEADER, lineterminator="\r\n")
    writer.writeheader()
    broken = []
    for n in range(rows):
        row = _row(rng, first_urn + n, authorities)
        if bad_every and n % bad_every == bad_every - 1:
            row["EstablishmentStatus (name)"] = "Open"
            row["TypeOfEstablishment (name)"] = "Community school"
            column, value = BAD_ROWS[(n // bad_every) % len(BAD_ROWS)]
            row[column] = value
            broken.append((n + 2, column))  # line 1 is the header
        writer.writerow(row)
    return broken
