"""Import DfE's published school-level figures: the "Special educational needs in England"
school underlying data (2026 format) and the "Suspensions and permanent exclusions in England"
school-level file. Columns are matched by name; docs/inclusion-profile.md says which were
confirmed at source.

The same promises as the GIAS importer (directory/importers/gias.py):
- an upsert by URN and year: the same file twice changes nothing the second time;
- every bad row is reported with its line number and the reason; a school-year with any bad row
  is not applied at all (its figures would be half a school's), every other school-year is;
- nothing is half-applied: all the good school-years are written in one transaction, with the
  norms recomputed from them, or nothing is (a dry run, or an error);
- every figure carries its data set, its academic year and the file it came from.
"""

import csv
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Max, Sum
from django.utils import timezone

from directory import change_log
from directory.importers.gias import ImportFileError, open_text

from .evaluations import refresh as refresh_evaluations
from .models import Dataset, Norm, SchoolFigures

# The largest school in England has under 5,000 pupils: a count far above that is a broken file.
MAX_PUPILS = 20000
# DfE's conventions for a value that is not a number: x not applicable, z not available,
# c confidential (suppressed), low a small count rounded away, u low reliability.
NOT_GIVEN = {"x", "z", "c", "low", "u", ":", ""}
FIGURE_FIELDS = (
    "la_code",
    "la_name",
    "phase_type",
    "pupils",
    "sen_support",
    "ehc_plan",
    "primary_needs",
    "suspensions",
    "permanent_exclusions",
)
NORM_SUMS = ("pupils", "sen_support", "ehc_plan", "suspensions", "permanent_exclusions")


class RowError(Exception):
    pass


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # rows read but not for this importer (other levels, terms, provisions)
    errors: list = field(default_factory=list)  # (line, reason)
    refused: list = field(
        default_factory=list
    )  # (urn, time_period, lines): school-years not applied

    @property
    def applied(self):
        return self.created + self.updated


def _text(raw, column):
    return (raw.get(column) or "").strip()


def _count(raw, column, required=False):
    value = _text(raw, column)
    if value.lower() in NOT_GIVEN:
        if required:
            raise RowError(f"{column} is not given ({value!r})" if value else f"{column} is empty")
        return None
    try:
        number = int(value)
    except ValueError:
        raise RowError(f"{column} is not a whole number: {value[:40]!r}") from None
    if number < 0:
        raise RowError(f"{column} is negative: {number}")
    if number > MAX_PUPILS:
        raise RowError(f"{column} is implausibly large: {number}")
    return number


def _urn(raw, column="school_urn"):
    value = _text(raw, column)
    if not (value.isdigit() and len(value) == 6 and value[0] != "0"):
        raise RowError(f"{column} is not a six-digit URN: {value[:20]!r}")
    return int(value)


def _time_period(raw):
    value = _text(raw, "time_period")
    if not (value.isdigit() and len(value) == 6 and int(value[4:]) == (int(value[2:4]) + 1) % 100):
        raise RowError(f"time_period is not an academic year such as 202425: {value[:20]!r}")
    return int(value)


def _la(raw):
    code = _text(raw, "old_la_code")
    if not (code.isdigit() and len(code) == 3):
        raise RowError(f"old_la_code is not a three-digit code: {code[:20]!r}")
    return code, _text(raw, "la_name")[:120] or code


def _phase_type(raw, columns):
    for column in columns:
        value = _text(raw, column)
        if value:
            return value[:80]
    raise RowError(f"{' / '.join(columns)} is empty")


class PublishedFiguresImporter:
    dataset = None
    required_columns = ()
    description = ""

    def __init__(self, dry_run=False):
        self.dry_run = dry_run
        self.report = ImportReport()

    def run(self, binary_file, source_name):
        reader = csv.DictReader(open_text(binary_file))
        header = [name.strip() for name in reader.fieldnames or []]
        reader.fieldnames = header
        missing = [column for column in self.required_columns if column not in header]
        if missing:
            raise ImportFileError(
                f"This does not look like {self.description}: missing column(s) "
                + ", ".join(missing)
            )
        self.check_header(header)
        # (urn, time_period) -> values; and the lines each school-year was read from.
        school_years, lines, bad = {}, defaultdict(list), defaultdict(list)
        for raw in reader:
            self.report.rows += 1
            line = reader.line_num
            try:
                if None in raw:  # csv puts surplus cells under the key None
                    raise RowError("the row has more cells than the header")
                key = self.read_row(raw, line, school_years)
            except RowError as error:
                self.report.errors.append((line, str(error)))
                key = self.key_if_readable(raw)
                if key:
                    bad[key].append(line)
                continue
            except csv.Error as error:
                self.report.errors.append((line, f"unreadable CSV: {error}"))
                continue
            if key:
                lines[key].append(line)
        for key, values in list(school_years.items()):
            try:
                self.check_school_year(values)
            except RowError as error:
                self.report.errors.append((lines[key][0], f"URN {key[0]}: {error}"))
                bad[key].extend(lines[key][:1])
        for key in bad:
            school_years.pop(key, None)
            self.report.refused.append((*key, sorted(set(bad[key]))))
        self.report.refused.sort()
        self.apply(school_years, source_name)
        return self.report

    def check_header(self, header):
        pass

    def key_if_readable(self, raw):
        try:
            return _urn(raw), _time_period(raw)
        except RowError:
            return None

    def check_school_year(self, values):
        pass

    def apply(self, school_years, source_name):
        existing = {}
        for urns in _chunks(sorted({urn for urn, _ in school_years}), 500):
            for figures in SchoolFigures.objects.filter(dataset=self.dataset, urn__in=urns):
                existing[(figures.urn, figures.time_period)] = figures
        now = timezone.now()
        created, updated = [], []
        for (urn, period), values in school_years.items():
            figures = existing.get((urn, period))
            values = {name: values.get(name) for name in FIGURE_FIELDS}
            values["primary_needs"] = values["primary_needs"] or {}
            if figures is None:
                created.append(
                    SchoolFigures(
                        dataset=self.dataset,
                        urn=urn,
                        time_period=period,
                        source=source_name[:255],
                        imported_at=now,
                        **values,
                    )
                )
            elif any(getattr(figures, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(figures, name, value)
                figures.source, figures.imported_at = source_name[:255], now
                updated.append(figures)
            else:
                self.report.unchanged += 1
        self.report.created, self.report.updated = len(created), len(updated)
        if self.dry_run or not (created or updated):
            return
        periods = {figures.time_period for figures in created + updated}
        with transaction.atomic():
            SchoolFigures.objects.bulk_create(created, batch_size=500)
            SchoolFigures.objects.bulk_update(
                updated, [*FIGURE_FIELDS, "source", "imported_at"], batch_size=500
            )
            for period in periods:
                compute_norms(self.dataset, period)
            # Every school's comparison moves with the norms: pages kept from before are not
            # served again (directory/change_log.py), seen exactly when the figures are.
            change_log.record()
        # New norms move every school's comparison with them, not only the imported ones'.
        refresh_evaluations()


def _chunks(items, size):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def compute_norms(dataset, time_period):
    """Replace the norms of one data set and year with sums over every imported school of each
    phase and type, per authority and for England."""
    Norm.objects.filter(dataset=dataset, time_period=time_period).delete()
    rows = SchoolFigures.objects.filter(dataset=dataset, time_period=time_period)
    sums = {name: Sum(name) for name in NORM_SUMS}
    norms = [
        Norm(
            dataset=dataset,
            time_period=time_period,
            level=Norm.AUTHORITY,
            la_code=group["la_code"],
            la_name=group["name"],
            phase_type=group["phase_type"],
            schools=group["schools"],
            **{name: group[name] for name in NORM_SUMS},
        )
        for group in rows.values("la_code", "phase_type").annotate(
            schools=Count("pk"), name=Max("la_name"), **sums
        )
    ] + [
        Norm(
            dataset=dataset,
            time_period=time_period,
            level=Norm.ENGLAND,
            phase_type=group["phase_type"],
            schools=group["schools"],
            **{name: group[name] for name in NORM_SUMS},
        )
        for group in rows.values("phase_type").annotate(schools=Count("pk"), **sums)
    ]
    Norm.objects.bulk_create(norms, batch_size=500)


# The SEN file's filter values, lower-cased. Confirmed in DfE's published files: "All pupils"
# (school file), "Total", "Education, health and care plan", "SEN support / SEN without an EHC
# plan" (the 2026-format phase-type file); the shorter forms are older releases' wording.
SEN_TOTAL = {"all pupils", "total"}
SEN_EHC = {"education, health and care plan", "ehc plan", "ehc plans"}
SEN_SUPPORT = {"sen support / sen without an ehc plan", "sen support"}


class SenImporter(PublishedFiguresImporter):
    """The SEN school underlying data file (2026 format): one row per school, SEN provision and
    primary type of need, with a pupil_count."""

    dataset = Dataset.SEN
    description = "DfE's 'Special educational needs in England' school underlying data file"
    required_columns = (
        "time_period",
        "geographic_level",
        "old_la_code",
        "la_name",
        "school_urn",
        "phase_type_grouping",
        "sen_provision",
        "sen_primary_need",
        "pupil_count",
    )

    def read_row(self, raw, line, school_years):
        if _text(raw, "geographic_level").lower() != "school":
            self.report.skipped += 1
            return None
        urn, period = _urn(raw), _time_period(raw)
        provision = _text(raw, "sen_provision").lower()
        need = _text(raw, "sen_primary_need")
        count = _count(raw, "pupil_count")
        if provision in SEN_TOTAL:
            measure = "pupils"
        elif provision in SEN_EHC:
            measure = "ehc_plan"
        elif provision in SEN_SUPPORT:
            measure = "sen_support"
        else:
            self.report.skipped += 1  # pupils with no SEN: not a figure the profile shows
            return None
        la_code, la_name = _la(raw)
        values = school_years.setdefault(
            (urn, period),
            {
                "la_code": la_code,
                "la_name": la_name,
                "phase_type": _phase_type(raw, ["phase_type_grouping"]),
                "primary_needs": {},
                "_seen": {},
            },
        )
        if la_code != values["la_code"]:
            raise RowError(f"URN {urn} is in authority {values['la_code']} on an earlier line")
        seen_key = (provision, need.lower())
        if seen_key in values["_seen"]:
            raise RowError(
                f"duplicate row: URN {urn}, {provision!r}, {need!r} is already on line "
                f"{values['_seen'][seen_key]}"
            )
        values["_seen"][seen_key] = line
        if need.lower() in SEN_TOTAL:
            if measure == "pupils" and count is None:
                raise RowError("pupil_count for all pupils is not given")
            values[measure] = count
        elif measure != "pupils" and count:
            needs = values["primary_needs"]
            needs[need[:80]] = needs.get(need[:80], 0) + count
        return urn, period

    def check_school_year(self, values):
        values.pop("_seen", None)
        pupils = values.get("pupils")
        if pupils is None:
            raise RowError("no row for all pupils, so no percentages can be given")
        with_sen = (values.get("sen_support") or 0) + (values.get("ehc_plan") or 0)
        if with_sen > pupils:
            raise RowError(f"more pupils with SEN ({with_sen}) than pupils ({pupils})")


EXCLUSION_TERMS = {"autumn term", "spring term", "summer term"}


class ExclusionsImporter(PublishedFiguresImporter):
    """The school-level suspensions and permanent exclusions file: one row per school and
    period. Only whole-year rows ("Academic year") are read; the termly rows of the in-year
    releases are counted as skipped (a part-year count would understate the year)."""

    dataset = Dataset.EXCLUSIONS
    description = "DfE's 'Suspensions and permanent exclusions' school-level file"
    required_columns = (
        "time_period",
        "time_identifier",
        "geographic_level",
        "old_la_code",
        "la_name",
        "school_urn",
        "headcount",
        "perm_excl",
        "suspension",
    )
    phase_columns = ("education_phase", "school_type")

    def check_header(self, header):
        if not any(column in header for column in self.phase_columns):
            raise ImportFileError(
                f"This does not look like {self.description}: missing column education_phase "
                "(school_type in releases before 2024/25)"
            )

    def read_row(self, raw, line, school_years):
        if _text(raw, "geographic_level").lower() != "school":
            self.report.skipped += 1
            return None
        period_kind = _text(raw, "time_identifier").lower()
        if period_kind in EXCLUSION_TERMS:
            self.report.skipped += 1
            return None
        if period_kind != "academic year":
            raise RowError(f"time_identifier is not 'Academic year' or a term: {period_kind!r}")
        urn, period = _urn(raw), _time_period(raw)
        la_code, la_name = _la(raw)
        headcount = _count(raw, "headcount", required=True)
        if headcount == 0:
            raise RowError("headcount is 0, so no rate can be given")
        values = {
            "la_code": la_code,
            "la_name": la_name,
            "phase_type": _phase_type(raw, self.phase_columns),
            "pupils": headcount,
            "suspensions": _count(raw, "suspension"),
            "permanent_exclusions": _count(raw, "perm_excl"),
            "_line": line,
        }
        if (urn, period) in school_years:
            first = school_years[(urn, period)]["_line"]
            raise RowError(f"duplicate row: URN {urn} for {period} is already on line {first}")
        school_years[(urn, period)] = values
        return urn, period

    def check_school_year(self, values):
        values.pop("_line", None)


IMPORTERS = {Dataset.SEN: SenImporter, Dataset.EXCLUSIONS: ExclusionsImporter}
