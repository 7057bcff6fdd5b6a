"""Import services from another directory's Open Referral UK feed (or file).

SOURCE is an ORUK API's base URL (we walk `/services` page by page and fetch each
`/services/{id}` in full, with a timeout, retries and a polite delay between requests) or a JSON
file: a list page, one service, an organization with its services, a service_at_location with
its service, a JSON array of any of these, or an ndjson stream. Pages may be ORUK 3.0
(`contents`, `total_pages`, `last_page`) or the older 1.0 (`content`, `totalPages`, `last`,
`number`), so a council can move off an old system.

What the importer promises:
- an upsert by the source's id (kept on the listing with the source URL; a listing we published
  ourselves is matched by its ORUK id, a school by its URN): running it twice changes nothing;
- each record is read and applied whole or not at all: a record without an id or a name, or that
  fails validation, is rejected with its id and the reason, and the others are applied;
- the source's own facts (name, description, contacts, address, ages, category, provider...)
  are brought up to date; the SEND profile (our extension, directory/oruk/extension.py) only
  fills what our own editors have left empty, and is never overwritten;
- new and changed listings arrive as drafts for an officer to approve, unless `publish` is on (a
  service whose category could not be worked out stays a draft either way).

The mapping itself is directory/oruk/parsing.py, the mirror of the API's directory/oruk/export.py.
"""

import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from roles import acts_for, oversees_listings

from .. import change_log
from ..models import Listing, LocalAuthority, Need, Service, Setting
from ..models.listings import ORUK_NAMESPACE, make_slug
from ..oruk.extension import EXTENSION
from ..oruk.parsing import RecordError, record_from_service
from .database import index_committed, not_in_search_index, quiet_saves

BATCH_SIZE = 100
BATCH_SECONDS = 1.0


class SourceError(Exception):
    """The source as a whole cannot be read (not one record's problem)."""


class FetchError(Exception):
    pass


@dataclass
class ImportReport:
    records: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list = field(default_factory=list)  # (id, what it is)
    rejected: list = field(default_factory=list)  # (id, reason)
    warnings: list = field(default_factory=list)  # (id, warning)

    def summary(self):
        return (
            f"{self.records} records: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {len(self.rejected)} rejected, "
            f"{len(self.skipped)} skipped (not services)"
        )


# --- Reading sources ---------------------------------------------------------------------------

SERVICE_KEYS = {
    "status",
    "service_at_locations",
    "organization",
    "organization_id",
    "contacts",
    "schedules",
    "cost_options",
    "eligibility_description",
    "service_areas",
    "attributes",
    "url",
    EXTENSION,
}


def page_items(page):
    """The items of a list page (3.0 `contents`, 1.0 `content`), or None if not a page."""
    if isinstance(page, dict):
        for key in ("contents", "content"):
            if isinstance(page.get(key), list):
                return page[key]
    return None


def is_last_page(page, number):
    """Whether `page` (page `number`, from 1) is the last: 3.0 or 1.0 paging fields."""
    if page.get("last_page") is True or page.get("last") is True:
        return True
    total = page.get("total_pages", page.get("totalPages"))
    if isinstance(total, int):
        return number >= total
    return not page_items(page)


def services_in(value, where="the file"):
    """Yield each record in a parsed JSON value: a service (dict), or ("reject" or "skip", id,
    reason) for what is not one."""
    items = page_items(value)
    if items is not None:
        for item in items:
            yield from services_in(item, where)
        return
    if isinstance(value, list):
        for item in value:
            yield from services_in(item, where)
        return
    if not isinstance(value, dict):
        yield ("reject", None, f"{where}: expected a JSON object, got {type(value).__name__}")
        return
    if isinstance(value.get("services"), list):  # an organization with its services
        organization = {k: v for k, v in value.items() if k != "services"}
        for service in value["services"]:
            if isinstance(service, dict) and "organization" not in service:
                service = {**service, "organization": organization}
            yield from services_in(service, where)
        return
    if isinstance(value.get("service"), dict) and isinstance(value.get("location"), dict):
        service = dict(value["service"])  # a service_at_location with its service
        service.setdefault(
            "service_at_locations", [{"id": value.get("id"), "location": value["location"]}]
        )
        yield service
        return
    keys = set(value)
    if SERVICE_KEYS & keys:
        yield value
    elif {"term", "parent_id", "taxonomy", "taxonomy_terms", "version"} & keys:
        yield ("skip", value.get("id"), _what(value))
    elif {"logo", "website", "organization_identifiers", "parent_organization_id"} & keys:
        yield ("skip", value.get("id"), "an organization with no services")
    else:
        yield value  # read as a service: without an id or a name it is rejected


def _what(value):
    if {"term", "parent_id", "taxonomy"} & set(value):
        return "a taxonomy term"
    return "a taxonomy"


def read_file(path):
    """The records of a JSON or ndjson file."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as error:
        raise SourceError(f"cannot read {path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise SourceError(f"{path} is not UTF-8 text") from None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as whole_error:
        lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
        parsed = []
        for number, line in lines:
            try:
                parsed.append((number, json.loads(line)))
            except json.JSONDecodeError as error:
                parsed.append((number, error))
        if not lines or all(isinstance(v, json.JSONDecodeError) for _, v in parsed):
            raise SourceError(
                f"{path} is neither JSON nor ndjson: {whole_error.msg} at line "
                f"{whole_error.lineno}, column {whole_error.colno}"
            ) from None
        for number, item in parsed:
            if isinstance(item, json.JSONDecodeError):
                yield ("reject", f"line {number}", f"not JSON: {item.msg}")
            else:
                yield from services_in(item, f"line {number}")
        return
    yield from services_in(value)


class Fetcher:
    """GET JSON with a timeout, retries with back-off, and a polite delay between requests."""

    def __init__(self, timeout=10, retries=3, delay=0.2, opener=None):
        self.timeout, self.retries, self.delay = timeout, retries, delay
        self.opener = opener or urllib.request.build_opener()
        self.last = 0.0

    def get(self, url):
        last_error = None
        for attempt in range(self.retries + 1):
            wait = self.delay - (time.monotonic() - self.last)
            if wait > 0:
                time.sleep(wait)
            if attempt:
                time.sleep(min(8, self.delay * 2**attempt))
            self.last = time.monotonic()
            request = urllib.request.Request(  # noqa: S310 (http and https only, checked)
                url, headers={"Accept": "application/json", "User-Agent": "LocalOffer-ORUK/1.0"}
            )
            try:
                with self.opener.open(request, timeout=self.timeout) as response:
                    body = response.read()
            except urllib.error.HTTPError as error:
                last_error = f"HTTP {error.code}"
                if error.code < 500 and error.code != 429:
                    break  # a client error will not change on retry
                continue
            except (urllib.error.URLError, TimeoutError, OSError) as error:
                last_error = str(getattr(error, "reason", error))
                continue
            try:
                return json.loads(body)
            except (json.JSONDecodeError, UnicodeDecodeError) as error:
                raise FetchError(f"{url} did not return JSON ({error})") from None
        raise FetchError(f"{url}: {last_error} (after {attempt + 1} attempts)")


def walk_api(base_url, fetcher, per_page=50, max_pages=100_000):
    """Every service of an ORUK API, each fetched in full from /services/{id}."""
    base = base_url.rstrip("/")
    number = 1
    while number <= max_pages:
        query = urllib.parse.urlencode({"page": number, "per_page": per_page})
        try:
            page = fetcher.get(f"{base}/services?{query}")
        except FetchError as error:
            raise SourceError(f"cannot read page {number} of services: {error}") from None
        items = page_items(page)
        if items is None:
            raise SourceError(f"{base}/services did not return an ORUK page of services")
        for item in items:
            item_id = item.get("id") if isinstance(item, dict) else None
            if item_id is None:
                yield ("reject", None, f"page {number}: a service without an id")
                continue
            url = f"{base}/services/{urllib.parse.quote(str(item_id), safe='')}"
            try:
                yield fetcher.get(url)
            except FetchError as error:
                yield ("reject", str(item_id), f"cannot fetch it: {error}")
        if not items or is_last_page(page, number):
            return
        number += 1


def is_url(source):
    return urllib.parse.urlsplit(source).scheme in ("http", "https")


# --- Applying records --------------------------------------------------------------------------


# What a feed never overwrites on a school of the register: its identity and its editors' text.
REGISTER_SCHOOL_OWNS = frozenset(
    {
        "name",
        "urn",
        "summary",
        "description",
        "website",
        "email",
        "phone",
        "address_1",
        "address_2",
        "town",
        "postcode",
        "latitude",
        "longitude",
    }
)


def _blank(value):
    return value is None or value == "" or value is False


class Importer:
    def __init__(self, authority=None, publish=False, dry_run=False, source_url="", user=None):
        """`publish` needs `user`: the officer who publishes, and only listings of the
        authorities they act for (the rest stay drafts, each with a warning)."""
        if publish and (user is None or not oversees_listings(user)):
            raise ValueError("only a Local Offer officer can publish imported listings")
        self.authority = authority
        self.publish = publish
        self.user = user
        self.dry_run = dry_run
        self.source_url = source_url
        self.report = ImportReport()
        self.needs = {need.code: need for need in Need.objects.all()}

    def run(self, records, progress=None):
        records = iter(records)
        with quiet_saves(Setting, Service, Listing):
            while True:
                self.saved, self.unchanged = set(), set()
                try:
                    # Records are committed in batches (each record in its own savepoint), at
                    # most BATCH_SIZE records or BATCH_SECONDS long, so that a slow source
                    # never holds the database's write lock for long.
                    with transaction.atomic(), change_log.recorded_together():
                        started, done = time.monotonic(), 0
                        for record in records:
                            self.apply(record)
                            done += 1
                            if progress:
                                progress(self.report)
                            if done >= BATCH_SIZE or time.monotonic() - started > BATCH_SECONDS:
                                break
                finally:
                    self._index_batch()
                if not done:
                    break
        return self.report

    def _index_batch(self):
        """Each batch is searchable as soon as it is committed, so a run stopped part way
        leaves no live listing that families cannot find; and listings found unchanged but
        missing from the index (a run killed between a commit and its indexing) are indexed
        again, so a re-run repairs it."""
        if self.dry_run:
            return
        for model in (Setting, Service):
            ids = self.saved | set(not_in_search_index(model, self.unchanged))
            index_committed(model, list(model.objects.filter(pk__in=ids)))

    def apply(self, item):
        self.report.records += 1
        if isinstance(item, tuple):
            action, item_id, message = item
            target = self.report.skipped if action == "skip" else self.report.rejected
            target.append((item_id, message))
            return
        item_id = item.get("id") if isinstance(item, dict) else None
        try:
            record = record_from_service(item)
            with transaction.atomic():
                outcome = self._upsert(record)
                if self.dry_run:
                    transaction.set_rollback(True)
        except RecordError as error:
            self.report.rejected.append((item_id, str(error)))
            return
        except DatabaseError as error:
            self.report.rejected.append((record.source_id, f"the database refused it: {error}"))
            return
        except ValidationError as error:
            reasons = "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
            )
            self.report.rejected.append((record.source_id, reasons))
            return
        setattr(self.report, outcome, getattr(self.report, outcome) + 1)
        self.report.warnings += [(record.source_id, warning) for warning in record.warnings]

    def _authority_for(self, record, existing):
        if self.authority is not None:
            return self.authority
        if existing is not None:
            return existing.authority
        if record.authority:
            code = record.authority["code"]
            found = LocalAuthority.objects.filter(code=code).first()
            if found is None:
                found = LocalAuthority.objects.create(code=code, name=record.authority["name"])
            return found
        only = list(LocalAuthority.objects.all()[:2])
        if len(only) == 1:
            return only[0]
        raise RecordError("no local authority for it: give --authority CODE")

    def _find(self, record):
        # The id alone first: almost every listing has no source id, and with the statistics
        # of such a table SQLite would rather scan it than read a whole row through the index.
        pk = _one(Listing.objects.filter(source_id=record.source_id).values_list("pk", flat=True))
        found = _one(Listing.objects.filter(pk=pk)) if pk is not None else None
        found = found or _one(Listing.objects.filter(oruk_id=record.oruk_id))
        if found is None and record.urn:
            found = _one(Setting.objects.filter(urn=record.urn))
        if found is not None and found.kind != record.kind:
            raise RecordError(f"it is a {record.kind} here but already listed as a {found.kind}")
        return found.specific if found is not None else None

    def _upsert(self, record):
        existing = self._find(record)
        authority = self._authority_for(record, existing)
        model = Setting if record.kind == "setting" else Service
        values = dict(record.fields, authority=authority)
        if existing is None:
            return self._create(model, record, values)
        return self._update(existing, record, values)

    def _publishable(self, listing, warnings=None):
        if not self.publish:
            return False
        if isinstance(listing, Service) and not listing.category:
            if warnings is not None:
                warnings.append("kept as a draft: an officer must choose its category")
            return False
        if not acts_for(self.user, listing.authority_id):
            if warnings is not None:
                warnings.append(
                    f"kept as a draft: {self.user.get_username()} does not act for "
                    f"{listing.authority}"
                )
            return False
        return True

    def _needs(self, codes):
        return [self.needs[code] for code in codes if code in self.needs]

    def _create(self, model, record, values):
        listing = model(**values, **record.profile)
        listing.source_id = record.source_id
        listing.source_url = self.source_url[:500]
        listing.oruk_id = record.oruk_id
        if Listing.objects.filter(oruk_id=listing.oruk_id).exists():
            listing.oruk_id = uuid.uuid5(
                ORUK_NAMESPACE, f"source:{self.source_url}:{record.source_id}"
            )
        listing.slug = make_slug(
            listing.name,
            listing.town or listing.postcode,
            lambda slug: Listing.objects.filter(slug=slug).exists(),
        )
        listing.needs.set(self._needs(record.needs))
        if model is Setting:
            listing.resourced_provision_needs.set(self._needs(record.resourced_needs))
        self._validate(listing)
        publishing = self._publishable(listing, record.warnings)
        # Saved once, live or not, with its first revision: what publishing a new object does,
        # without saving it twice.
        now = timezone.now()
        listing.live = publishing
        listing.first_published_at = listing.last_published_at = now if publishing else None
        listing.save()
        revision = listing.save_revision(user=self.user, log_action=True, clean=False)
        if publishing:
            Listing.objects.filter(pk=listing.pk).update(
                live_revision=revision, has_unpublished_changes=False
            )
            log(instance=listing, action="wagtail.publish", revision=revision, user=self.user)
        if not self.dry_run:
            self.saved.add(listing.pk)
        return "created"

    def _update(self, listing, record, values):
        current = listing
        if listing.has_unpublished_changes and listing.latest_revision_id:
            current = listing.get_latest_revision_as_object()
        changed = [
            name
            for name, value in values.items()
            if _get(current, name) != value
            # A feed that says nothing does not blank what we hold.
            and not (_blank(value) and not _blank(_get(current, name)))
        ]
        if isinstance(current, Setting) and current.urn:
            changed = self._keep_register_identity(current, record, values, changed)
        for name, value in record.profile.items():
            if _get(current, name) != value and _blank(_get(current, name)) and not _blank(value):
                changed.append(name)
        needs = self._needs(record.needs)
        if needs and not list(current.needs.all()):
            changed.append("needs")
        resourced = self._needs(record.resourced_needs)
        if (
            isinstance(current, Setting)
            and resourced
            and not list(current.resourced_provision_needs.all())
        ):
            changed.append("resourced_provision_needs")
        bookkeeping = {"source_id": record.source_id}
        if self.source_url:
            bookkeeping["source_url"] = self.source_url[:500]
        if any(getattr(listing, name) != value for name, value in bookkeeping.items()):
            Listing.objects.filter(pk=listing.pk).update(**bookkeeping)
        for name, value in bookkeeping.items():  # and in any revision published from now on
            setattr(current, name, value)
        if not changed:
            self.unchanged.add(listing.pk)
            return "unchanged"
        for name in changed:
            if name == "needs":
                current.needs.set(needs)
            elif name == "resourced_provision_needs":
                current.resourced_provision_needs.set(resourced)
            elif name == "authority":
                current.authority = values["authority"]
            elif name in values:
                setattr(current, name, values[name])
            else:
                setattr(current, name, record.profile[name])
        self._validate(current)
        revision = current.save_revision(user=self.user, log_action=True, clean=False)
        if self._publishable(current, record.warnings):
            revision.publish(user=self.user)
        if not self.dry_run:
            self.saved.add(listing.pk)
        return "updated"

    @staticmethod
    def _keep_register_identity(school, record, values, changed):
        """A school of the register (it has a URN): its identity comes from GIAS and its text
        from its own editors. A feed fills what is blank; where it says something different,
        the difference is reported and ours is kept."""
        kept = []
        for name in changed:
            ours = _get(school, name)
            if name in REGISTER_SCHOOL_OWNS and not _blank(ours):
                label = Setting._meta.get_field(name).verbose_name
                record.warnings.append(
                    f"conflict, not applied: this school's {label} is “{ours}” here and "
                    f"“{values[name]}” in the feed (a school's identity comes from the "
                    "register and its text from its own editors)"
                )
            else:
                kept.append(name)
        return kept

    @staticmethod
    def _validate(listing):
        exclude = ["slug"]
        if isinstance(listing, Service) and not listing.category:
            exclude.append("category")  # an officer chooses it before publishing
        listing.full_clean(exclude=exclude, validate_unique=False)


def _one(queryset):
    """The first match, unsorted: `first()` would sort by name (the models' ordering), and
    SQLite would walk the name index instead of the one on the filtered column."""
    return next(iter(queryset.order_by()[:1]), None)


def _get(listing, name):
    if name == "authority":
        return listing.authority_id and listing.authority
    return getattr(listing, name)
