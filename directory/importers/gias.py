"""Import the DfE's Get Information about Schools "all establishment data" CSV.

Columns are matched by name (GIAS adds and drops columns between releases; see
shared/reference/data-formats.md). The file is streamed: rows are validated one by one and applied
in batches, so a 50,000-row national file needs little memory.

What the importer promises:
- an upsert by URN: running it twice with the same file changes nothing the second time;
- each row is validated completely before anything is written, so a row is applied whole or not
  at all; bad rows are reported by line number with the reason, and the good rows are applied;
- only the facts GIAS owns are written (name, type, phase, ages, address, location, contacts,
  capacity, resourced provision, SEN provision types); what a setting writes itself (its SEND
  information report) is never touched;
- open establishments only, unless asked otherwise; a listing whose school has closed is taken
  off the public directory (unpublished), not deleted.
"""

import csv
import io
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .. import change_log, geo
from ..models import Listing, ListingLogEntry, LocalAuthority, Need, Setting
from ..models.listings import make_slug
from ..taxonomy import (
    GIAS_PHASES,
    GIAS_RESOURCED_PROVISION,
    MAX_AGE,
    MIN_AGE,
    normalise_need_code,
    setting_type_for_gias,
)
from .database import index_committed, not_in_search_index, quiet_saves, update_statistics

REQUIRED_COLUMNS = (
    "URN",
    "EstablishmentName",
    "LA (code)",
    "LA (name)",
    "TypeOfEstablishment (name)",
    "EstablishmentStatus (name)",
)
SEN_COLUMNS = tuple(f"SEN{n} (name)" for n in range(1, 14))
OPEN_STATUSES = {"open", "open, but proposed to close"}
CLOSED_STATUSES = {"closed"}
# Rows applied in one transaction: small enough that the database's write lock (the whole
# database on SQLite) is held for well under a second at a time, so editors' saves go on.
BATCH_SIZE = 150

# The fields this importer owns; a setting's own answers are never overwritten.
GIAS_FIELDS = (
    "name",
    "authority_id",
    "setting_type",
    "phase",
    "min_age",
    "max_age",
    "address_1",
    "address_2",
    "town",
    "postcode",
    "latitude",
    "longitude",
    "phone",
    "website",
    "ukprn",
    "capacity",
    "pupils_on_roll",
    "section41_approved",
    "resourced_provision",
    "resourced_provision_capacity",
    "resourced_provision_on_roll",
    "sen_unit_capacity",
    "sen_unit_on_roll",
)

ACTION_CREATE = "directory.gias.create"
ACTION_UPDATE = "directory.gias.update"
ACTION_CLOSE = "directory.gias.close"


class ImportFileError(Exception):
    """The file as a whole cannot be read (not a row problem)."""


class RowError(Exception):
    pass


@dataclass
class Row:
    line: int
    urn: int
    la_code: str
    la_name: str
    values: dict
    need_codes: tuple
    easting: int | None
    northing: int | None


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0
    skipped_status: int = 0
    skipped_out_of_scope: int = 0
    skipped_other_authority: int = 0
    errors: list = field(default_factory=list)  # (line, reason)
    warnings: list = field(default_factory=list)  # (line, note)

    @property
    def applied(self):
        return self.created + self.updated + self.closed


def open_text(binary):
    """GIAS files have been Windows-1252 for years; newer downloads may be UTF-8 (with a BOM)."""
    sample = binary.read(65536)
    binary.seek(0)
    if sample.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    else:
        try:
            # A multi-byte character may be cut at the end of the sample: allow for it.
            sample[:-4].decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "cp1252"
    return io.TextIOWrapper(binary, encoding=encoding, errors="replace", newline="")


def _text(raw, column):
    return (raw.get(column) or "").strip()


def _whole_number(raw, column, required=False):
    value = _text(raw, column)
    if not value:
        if required:
            raise RowError(f"{column} is empty")
        return None
    try:
        number = int(value)
    except ValueError:
        raise RowError(f"{column} is not a whole number: {value[:40]!r}") from None
    if number < 0:
        raise RowError(f"{column} is negative: {number}")
    return number


def _website(raw, line, report):
    value = _text(raw, "SchoolWebsite")
    if not value:
        return ""
    if "://" not in value:
        value = f"https://{value}"
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        report.warnings.append((line, f"SchoolWebsite ignored, not a web address: {value[:60]!r}"))
        return ""
    return value[:500]


def parse_row(raw, line, report, la_filter, include_closed):
    """Validate one CSV row; return a Row, or None when it is skipped on purpose."""
    if None in raw:  # csv puts surplus cells under the key None
        raise RowError("the row has more cells than the header")
    status = _text(raw, "EstablishmentStatus (name)").lower()
    closed = status in CLOSED_STATUSES
    if status not in OPEN_STATUSES and not (closed or include_closed):
        report.skipped_status += 1
        return None
    urn = _whole_number(raw, "URN", required=True)
    la_code = _text(raw, "LA (code)")
    if la_filter and la_code not in la_filter:
        report.skipped_other_authority += 1
        return None
    if not (la_code.isdigit() and len(la_code) == 3):
        raise RowError(f"LA (code) is not a three-digit code: {la_code[:20]!r}")
    name = _text(raw, "EstablishmentName")
    if not name:
        raise RowError("EstablishmentName is empty")
    setting_type = setting_type_for_gias(
        _text(raw, "TypeOfEstablishment (name)"), _text(raw, "EstablishmentTypeGroup (name)")
    )
    if setting_type is None:
        report.skipped_out_of_scope += 1
        return None
    min_age = _whole_number(raw, "StatutoryLowAge")
    max_age = _whole_number(raw, "StatutoryHighAge")
    for column, age in (("StatutoryLowAge", min_age), ("StatutoryHighAge", max_age)):
        if age is not None and not MIN_AGE <= age <= MAX_AGE:
            raise RowError(f"{column} is outside 0 to 25: {age}")
    if min_age is not None and max_age is not None and min_age > max_age:
        raise RowError(f"StatutoryLowAge {min_age} is above StatutoryHighAge {max_age}")
    easting = _whole_number(raw, "Easting")
    northing = _whole_number(raw, "Northing")
    if (easting is None) != (northing is None):
        raise RowError("only one of Easting and Northing is given")
    if easting is not None and not (0 < easting < 700000 and 0 < northing < 1300000):
        raise RowError(f"Easting/Northing outside Great Britain: {easting}, {northing}")
    postcode_text = _text(raw, "Postcode")
    postcode = geo.normalise_postcode(postcode_text)
    if postcode_text and not postcode:
        report.warnings.append((line, f"Postcode ignored, not a postcode: {postcode_text[:12]!r}"))
    resourced = GIAS_RESOURCED_PROVISION.get(
        _text(raw, "TypeOfResourcedProvision (name)").lower(), ""
    )
    values = {
        "name": name[:200],
        "setting_type": setting_type,
        "phase": GIAS_PHASES.get(_text(raw, "PhaseOfEducation (name)").lower(), ""),
        "min_age": min_age,
        "max_age": max_age,
        "address_1": _text(raw, "Street")[:200],
        "address_2": ", ".join(filter(None, (_text(raw, "Locality"), _text(raw, "Address3"))))[
            :200
        ],
        "town": _text(raw, "Town")[:100],
        "postcode": postcode or "",
        "phone": _text(raw, "TelephoneNum")[:40],
        "website": _website(raw, line, report),
        "ukprn": _whole_number(raw, "UKPRN"),
        "capacity": _whole_number(raw, "SchoolCapacity"),
        "pupils_on_roll": _whole_number(raw, "NumberOfPupils"),
        "section41_approved": _text(raw, "Section41Approved (name)").lower() == "approved",
        "resourced_provision": resourced,
        "resourced_provision_capacity": _small(raw, "ResourcedProvisionCapacity"),
        "resourced_provision_on_roll": _small(raw, "ResourcedProvisionOnRoll"),
        "sen_unit_capacity": _small(raw, "SenUnitCapacity"),
        "sen_unit_on_roll": _small(raw, "SenUnitOnRoll"),
        "live": not closed,
    }
    need_codes = []
    for column in SEN_COLUMNS:
        code = normalise_need_code(_text(raw, column))
        if code and code not in need_codes:
            need_codes.append(code)
    return Row(
        line=line,
        urn=urn,
        la_code=la_code,
        la_name=_text(raw, "LA (name)")[:120] or la_code,
        values=values,
        need_codes=tuple(need_codes),
        easting=easting,
        northing=northing,
    )


def _small(raw, column):
    value = _whole_number(raw, column)
    if value is not None and value > 32767:
        raise RowError(f"{column} is implausibly large: {value}")
    return value


class GiasImporter:
    def __init__(self, la_codes=(), include_closed=False, dry_run=False, progress=None):
        self.la_filter = set(la_codes)
        self.include_closed = include_closed
        self.dry_run = dry_run
        self.progress = progress or (lambda report: None)
        self.report = ImportReport()

    def run(self, binary_file, source_name="GIAS file"):
        self.source_name = source_name
        reader = csv.DictReader(open_text(binary_file))
        header = reader.fieldnames or []
        missing = [column for column in REQUIRED_COLUMNS if column not in header]
        if missing:
            raise ImportFileError(
                "This does not look like a GIAS establishment file: missing column(s) "
                + ", ".join(missing)
            )
        self.needs = {need.code: need for need in Need.objects.all()}
        self.authorities = {a.code: a for a in LocalAuthority.objects.all()}
        self.taken_slugs = set(Listing.objects.values_list("slug", flat=True))
        self.content_type = ContentType.objects.get_for_model(Setting)
        batch = []
        with quiet_saves(Setting, Listing):
            for raw in reader:
                self.report.rows += 1
                line = reader.line_num
                try:
                    row = parse_row(raw, line, self.report, self.la_filter, self.include_closed)
                except RowError as error:
                    self.report.errors.append((line, str(error)))
                    continue
                except csv.Error as error:
                    self.report.errors.append((line, f"unreadable CSV: {error}"))
                    continue
                if row is not None:
                    batch.append(row)
                if len(batch) >= BATCH_SIZE:
                    self._apply(batch)
                    batch = []
                    self.progress(self.report)
            if batch:
                self._apply(batch)
            self.progress(self.report)
        if self.report.created and not self.dry_run:
            update_statistics()  # a large load changes what the planner should choose
        return self.report

    def _apply(self, rows):
        coordinates = iter(
            geo.bng_to_wgs84(
                [row.easting for row in rows if row.easting is not None],
                [row.northing for row in rows if row.easting is not None],
            )
        )
        for row in rows:
            latitude, longitude = next(coordinates) if row.easting is not None else (None, None)
            row.values["latitude"], row.values["longitude"] = latitude, longitude
        # A URN repeated in one file: the last row wins, as it would in two runs.
        by_urn = {row.urn: row for row in rows}
        existing = {
            setting.urn: setting
            for setting in Setting.objects.filter(urn__in=by_urn).prefetch_related(
                "needs", "resourced_provision_needs"
            )
        }
        if self.dry_run:
            for urn, row in by_urn.items():
                self._count(existing.get(urn), row)
            return
        with transaction.atomic(), change_log.recorded_together():
            logs, saved, unchanged = [], [], {}
            for urn, row in by_urn.items():
                row.values["authority_id"] = self._authority(row).pk
                action, setting, changed = self._upsert(existing.get(urn), row)
                if action:
                    saved.append(setting)
                    logs.append(self._log(setting, action, changed))
                elif setting is not None:
                    unchanged[setting.pk] = setting
            ListingLogEntry.objects.bulk_create(logs)
        # Searchable as soon as committed; and a school left out of the index by a run killed
        # between a commit and its indexing is indexed by the next run.
        missing = not_in_search_index(Setting, list(unchanged))
        index_committed(Setting, saved + [unchanged[pk] for pk in missing])

    def _count(self, setting, row):
        if setting is None:
            if row.values["live"]:
                self.report.created += 1
        elif not row.values["live"] and setting.live:
            self.report.closed += 1
        elif row.values["live"] and _differences(setting, row, self._needs_for(row)):
            self.report.updated += 1
        else:
            self.report.unchanged += 1

    def _needs_for(self, row):
        return [self.needs[code] for code in row.need_codes if code in self.needs]

    def _upsert(self, setting, row):
        """Apply one validated row. Returns (log action or None, setting, changed fields)."""
        needs = self._needs_for(row)
        if setting is None:
            if not row.values["live"]:
                self.report.skipped_status += 1  # a closed school we never listed
                return None, None, []
            now = timezone.now()
            setting = Setting(
                urn=row.urn, first_published_at=now, last_published_at=now, **row.values
            )
            setting.slug = self._new_slug(setting)
            # Parental many-to-many values set before the first save are saved with it.
            setting.needs.set(needs)
            setting.resourced_provision_needs.set(needs if setting.resourced_provision else [])
            setting.save()
            self.report.created += 1
            return ACTION_CREATE, setting, []
        if not row.values["live"]:
            if not setting.live:
                self.report.unchanged += 1
                return None, setting, []
            setting.live = False
            setting.save(update_fields=["live"])
            self.report.closed += 1
            return ACTION_CLOSE, setting, ["live"]
        changed = _differences(setting, row, needs)
        if not changed:
            self.report.unchanged += 1
            return None, setting, []
        for name in changed:
            if name != "needs":
                setattr(setting, name, row.values[name])
        if "needs" in changed:
            setting.needs.set(needs)
            setting.resourced_provision_needs.set(needs if setting.resourced_provision else [])
        setting.save()
        self.report.updated += 1
        return ACTION_UPDATE, setting, changed

    def _authority(self, row):
        authority = self.authorities.get(row.la_code)
        if authority is None:
            slug = slugify(row.la_name) or row.la_code
            if LocalAuthority.objects.filter(slug=slug).exists():
                slug = f"{slug}-{row.la_code}"
            authority = LocalAuthority.objects.create(code=row.la_code, name=row.la_name, slug=slug)
            self.authorities[row.la_code] = authority
        return authority

    def _new_slug(self, setting):
        slug = make_slug(setting.name, setting.town, self.taken_slugs.__contains__)
        self.taken_slugs.add(slug)
        return slug

    def _log(self, setting, action, changed):
        return ListingLogEntry(
            content_type=self.content_type,
            label=setting.name[:255],
            action=action,
            object_id=str(setting.pk),
            timestamp=timezone.now(),
            data={"source": self.source_name, "urn": setting.urn, "changed": changed},
        )


def _differences(setting, row, needs):
    changed = [
        name
        for name in GIAS_FIELDS
        if name != "authority_id" and getattr(setting, name) != row.values[name]
    ]
    if "authority_id" in row.values and setting.authority_id != row.values["authority_id"]:
        changed.append("authority_id")
    if {need.pk for need in setting.needs.all()} != {need.pk for need in needs}:
        changed.append("needs")
    # Publication is not GIAS's to decide for an open school: a listing an officer unpublished
    # stays unpublished. (Closure is handled separately.)
    return changed
