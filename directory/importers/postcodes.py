"""Import postcodes and their coordinates.

Reads either the ONS Postcode Directory CSV (columns pcds, lat, long, doterm: terminated
postcodes and those without a grid reference, lat 99.999999, are skipped) or a plain CSV with
the columns postcode, latitude, longitude. Streams the file; upserts by postcode in batches; bad
rows are reported by line number and the good rows applied.
"""

import csv
from dataclasses import dataclass, field

from django.db import transaction

from .. import change_log
from ..geo import normalise_postcode
from ..models import Postcode
from .gias import ImportFileError, open_text

BATCH_SIZE = 5000
FORMATS = {
    "onspd": ("pcds", "lat", "long"),
    "plain": ("postcode", "latitude", "longitude"),
}


@dataclass
class PostcodeReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # terminated, or no grid reference
    errors: list = field(default_factory=list)


def _coordinate(value, low, high, name):
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} is not a number: {str(value)[:20]!r}") from None
    if not low <= number <= high:
        raise ValueError(f"{name} is outside the UK: {number}")
    return round(number, 6)


def import_postcodes(binary_file, progress=None):
    reader = csv.DictReader(open_text(binary_file))
    header = {name.strip().lower(): name for name in reader.fieldnames or []}
    kind = next(
        (kind for kind, columns in FORMATS.items() if all(c in header for c in columns)), None
    )
    if kind is None:
        raise ImportFileError(
            "Expected the ONS Postcode Directory columns pcds, lat, long, or a plain CSV with "
            "postcode, latitude, longitude."
        )
    code_col, lat_col, lon_col = (header[c] for c in FORMATS[kind])
    term_col = header.get("doterm")
    report = PostcodeReport()
    batch = {}
    for raw in reader:
        report.rows += 1
        line = reader.line_num
        if term_col and (raw.get(term_col) or "").strip():
            report.skipped += 1
            continue
        if kind == "onspd" and (raw.get(lat_col) or "").startswith("99.9999"):
            report.skipped += 1
            continue
        postcode = normalise_postcode(raw.get(code_col))
        if not postcode:
            report.errors.append((line, f"not a postcode: {(raw.get(code_col) or '')[:12]!r}"))
            continue
        try:
            latitude = _coordinate(raw.get(lat_col), 49.0, 61.0, "latitude")
            longitude = _coordinate(raw.get(lon_col), -9.0, 2.5, "longitude")
        except ValueError as error:
            report.errors.append((line, str(error)))
            continue
        batch[postcode] = (latitude, longitude)
        if len(batch) >= BATCH_SIZE:
            _apply(batch, report)
            batch = {}
            if progress:
                progress(report)
    if batch:
        _apply(batch, report)
    return report


@transaction.atomic
def _apply(batch, report):
    existing = {p.postcode: p for p in Postcode.objects.filter(postcode__in=batch)}
    new, changed = [], []
    for postcode, (latitude, longitude) in batch.items():
        row = existing.get(postcode)
        if row is None:
            new.append(
                Postcode(
                    postcode=postcode,
                    outward=postcode.split(" ")[0],
                    latitude=latitude,
                    longitude=longitude,
                )
            )
        elif (row.latitude, row.longitude) != (latitude, longitude):
            row.latitude, row.longitude = latitude, longitude
            changed.append(row)
        else:
            report.unchanged += 1
    Postcode.objects.bulk_create(new)
    Postcode.objects.bulk_update(changed, ["latitude", "longitude"])
    if new or changed:
        # Where a postcode is decides what a search near it finds: nothing kept before stands.
        change_log.record()
    report.created += len(new)
    report.updated += len(changed)
