"""National-scale benchmark data: about 24,000 settings and 10,000 services over 153 authorities.

Fictional but shaped like England: GIAS-like mixes of school types and phases, needs, resourced
provision, ages, service categories and waiting times, and a postcode table of each authority's
own (area letters beginning with Q, which no real UK postcode uses). Deterministic and idempotent:
listing i always gets the same content and slug, and only missing listings are created.

Speed matters (DESIGN.md: benchmarks load this), so rows are written in bulk. Django cannot
bulk-create multi-table-inherited models, so the base rows are bulk-created and the child rows
(settings, services) inserted with executemany from the models' own field definitions.
"""

import datetime
import random
import string
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from directory.importers.database import update_statistics
from directory.models import Listing, LocalAuthority, Need, Postcode, Service, Setting
from directory.oruk.extension import REPORT_FIELDS  # the report's free-text answers, defined once
from directory.signals import listings_changed
from directory.taxonomy import (
    NEED_CODES,
    Phase,
    ResourcedProvision,
    ServiceCategory,
    SettingType,
)

AUTHORITY_COUNT = 153
SETTING_SHARE = 24 / 34
BATCH = 2000
SLUG_PREFIX = "scale-"
POSTCODES_PER_AUTHORITY = 40

# (type, phase, ages, weight): roughly the mix of the GIAS register.
SETTING_MIX = (
    (SettingType.MAINSTREAM, Phase.PRIMARY, (4, 11), 62),
    (SettingType.MAINSTREAM, Phase.SECONDARY, (11, 18), 14),
    (SettingType.MAINSTREAM, Phase.ALL_THROUGH, (4, 18), 2),
    (SettingType.SPECIAL, Phase.NOT_APPLICABLE, (2, 19), 5),
    (SettingType.RESOURCED, Phase.PRIMARY, (4, 11), 2),
    (SettingType.ALTERNATIVE, Phase.SECONDARY, (11, 16), 2),
    (SettingType.EARLY_YEARS, Phase.NURSERY, (0, 5), 7),
    (SettingType.COLLEGE, Phase.POST_16, (16, 25), 2),
    (SettingType.INDEPENDENT_SPECIAL, Phase.ALL_THROUGH, (7, 19), 4),
)
PLACES = (
    "Abbey",
    "Alder",
    "Ash",
    "Beacon",
    "Birch",
    "Bridge",
    "Brook",
    "Castle",
    "Cedar",
    "Chapel",
    "Church",
    "Clay",
    "Cliff",
    "Cross",
    "Dale",
    "Elm",
    "Fair",
    "Fern",
    "Field",
    "Ford",
    "Fox",
    "Glen",
    "Green",
    "Grove",
    "Hall",
    "Hazel",
    "Heath",
    "Hill",
    "Holly",
    "Kings",
    "Lake",
    "Lark",
    "Lea",
    "Lime",
    "Manor",
    "Marsh",
    "Meadow",
    "Mill",
    "Moor",
    "Oak",
    "Orchard",
    "Park",
    "Pine",
    "Queens",
    "Rise",
    "River",
    "Rose",
    "St Anne's",
    "St John's",
    "St Mary's",
    "Stone",
    "Thorn",
    "Vale",
    "Well",
    "West",
    "Willow",
    "Wood",
    "York",
)
# A small vocabulary for 60-word descriptions, so broad words match most rows (as in DESIGN.md).
WORDS = tuple(
    (
        "children learn together in a caring community where every pupil is known and supported "
        "to achieve their best we offer small group support speech and language help reading "
        "catch up sensory breaks nurture groups and outdoor learning families are welcome to "
        "visit our staff are trained in autism awareness and we work closely with therapists "
        "and the local authority to plan support that fits each child"
    ).split()
)
FIRST_NAMES = ("Sam", "Priya", "Tom", "Aisha", "Joe", "Mei", "Kwame", "Ellie")


def _text(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def authorities():
    """153 fictional authorities on a grid over England, each with its own postcode area."""
    rng = random.Random(153)
    created = []
    for k in range(AUTHORITY_COUNT):
        code = str(801 + k)
        name = f"{PLACES[k % len(PLACES)]}{['shire', 'ton', 'bury', 'ford'][k // len(PLACES)]}"
        authority, _ = LocalAuthority.objects.get_or_create(
            code=code, defaults={"name": name, "slug": f"{SLUG_PREFIX}{code}"}
        )
        row, col = divmod(k, 13)
        centre = (
            50.7 + row * 0.33 + rng.uniform(-0.05, 0.05),
            -4.3 + col * 0.45 + rng.uniform(-0.05, 0.05),
        )
        created.append((authority, centre, f"Q{string.ascii_uppercase[k % 26]}{k // 26 + 1}"))
    return created


def ensure_sites(authority_rows):
    """Each authority's own Local Offer site (la<code>.localhost), as on a national instance
    serving every council: 153 sites for the site lookup to choose from."""
    from directory.authority_groups import sync_place_groups
    from localoffer.local_offers import add_local_offer

    from .sites import ensure_root_page

    ensure_root_page()
    made = 0
    for authority, _, _ in authority_rows:
        if authority.site_id is None:
            add_local_offer(
                authority, f"la{authority.code}.localhost", slug=authority.slug, in_bulk=True
            )
            made += 1
    if made:
        sync_place_groups()
    return made


def postcodes(authority_rows):
    """Each authority's postcode table; returns {authority code: [(postcode, lat, lon)]}."""
    rng = random.Random(40)
    table, new = {}, []
    existing = set(
        Postcode.objects.filter(outward__startswith="Q").values_list("postcode", flat=True)
    )
    for authority, (lat, lon), outward in authority_rows:
        rows = []
        for n in range(POSTCODES_PER_AUTHORITY):
            letters = string.ascii_uppercase
            code = f"{outward} {n % 10}{letters[n // 10]}{letters[(n * 7) % 26]}"
            point = (
                round(lat + rng.uniform(-0.12, 0.12), 6),
                round(lon + rng.uniform(-0.18, 0.18), 6),
            )
            rows.append((code, *point))
            if code not in existing:
                new.append(
                    Postcode(postcode=code, outward=outward, latitude=point[0], longitude=point[1])
                )
        table[authority.code] = rows
    Postcode.objects.bulk_create(new, batch_size=BATCH)
    return table


def build(i, authority_rows, table, needs, today):
    """Listing number i: always the same content. Returns (base fields, child model, child
    fields, need ids, resourced need ids)."""
    rng = random.Random(i)
    authority, _, _ = authority_rows[i % AUTHORITY_COUNT]
    postcode, lat, lon = rng.choice(table[authority.code])
    is_setting = rng.random() < SETTING_SHARE
    reviewed = today - datetime.timedelta(days=rng.choice([20, 90, 200, 300, 420, 800]))
    base = {
        "authority_id": authority.pk,
        "summary": _text(rng, 18),
        "description": _text(rng, 60),
        "address_1": f"{rng.randint(1, 300)} {rng.choice(PLACES)} Road",
        "town": authority.name,
        "postcode": postcode,
        "latitude": round(lat + rng.uniform(-0.002, 0.002), 6),
        "longitude": round(lon + rng.uniform(-0.003, 0.003), 6),
        "phone": f"01632 {rng.randint(100000, 999999)}",
        "email": f"office{i}@example.org" if rng.random() < 0.8 else "",
        "website": f"https://listing{i}.example.org/" if rng.random() < 0.8 else "",
        "last_reviewed_on": reviewed if rng.random() < 0.9 else None,
    }
    if is_setting:
        setting_type, phase, ages, _ = rng.choices(
            SETTING_MIX, weights=[m[3] for m in SETTING_MIX]
        )[0]
        specialist = setting_type in (
            SettingType.SPECIAL,
            SettingType.RESOURCED,
            SettingType.INDEPENDENT_SPECIAL,
        )
        need_codes = rng.sample(NEED_CODES, rng.randint(3, 6) if specialist else rng.randint(0, 4))
        kind_word = {
            Phase.PRIMARY: "Primary School",
            Phase.SECONDARY: "Academy",
            Phase.NURSERY: "Nursery",
            Phase.POST_16: "College",
        }.get(phase, "School")
        base.update(
            kind="setting",
            name=f"{rng.choice(PLACES)} {kind_word}",
            min_age=ages[0],
            max_age=ages[1],
        )
        child = {
            "urn": 500000 + i,
            "setting_type": setting_type,
            "phase": phase,
            "capacity": rng.choice([60, 210, 420, 630, 1050, 1500]),
            "pupils_on_roll": rng.randint(40, 1400),
            "section41_approved": False,
            "resourced_provision": (
                rng.choice([ResourcedProvision.RESOURCED, ResourcedProvision.UNIT])
                if setting_type == SettingType.RESOURCED or rng.random() < 0.06
                else ""
            ),
        }
        answered = rng.sample(REPORT_FIELDS, rng.randint(0, len(REPORT_FIELDS)))
        for name in REPORT_FIELDS:
            child[name] = _text(rng, 14) if name in answered else ""
        if rng.random() < 0.6:
            child.update(
                senco_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(PLACES)}",
                senco_email=f"senco{i}@example.org",
                senco_qualification=rng.choice(["npq", "nasenco", "in-progress", "none", ""]),
                senco_on_leadership_team=rng.random() < 0.6,
                senco_hours=Decimal(rng.choice(["8", "15", "22.5"])),
                sen_support_percent=Decimal(f"{rng.uniform(5, 25):.1f}"),
                ehc_plan_percent=Decimal(f"{rng.uniform(0.5, 8):.1f}"),
            )
            if child["senco_qualification"] == "in-progress":
                child["senco_qualification_started_on"] = today - datetime.timedelta(
                    days=rng.choice([100, 700, 1400])
                )
        model = Setting
    else:
        category = rng.choice(ServiceCategory.values)
        need_codes = rng.sample(NEED_CODES, rng.randint(1, 3))
        base.update(
            kind="service",
            name=f"{authority.name} {ServiceCategory(category).label}",
            min_age=rng.choice([0, 0, 5, 11, 14]),
            max_age=rng.choice([18, 19, 25]),
        )
        stated = today - datetime.timedelta(days=rng.choice([10, 60, 150, 300]))
        child = {
            "category": category,
            "provider": rng.choice(["NHS Trust", "Council", "Charity"]),
            "eligibility": _text(rng, 12) if rng.random() < 0.8 else "",
            "referral_route": _text(rng, 12) if rng.random() < 0.8 else "",
            "self_referral": rng.choice([True, False, None]),
            "cost": rng.choice(["Free", "Free", "£5 a session", ""]),
            "waiting_weeks": rng.choice([None, 2, 6, 12, 26, 52]),
            "opening_hours": rng.choice(["Monday to Friday, 9am to 5pm", ""]),
        }
        child["waiting_stated_on"] = stated if child["waiting_weeks"] is not None else None
        model = Service
    base["slug"] = f"{SLUG_PREFIX}{i}"
    resourced = need_codes[:2] if child.get("resourced_provision") else []
    return base, model, child, [needs[c] for c in need_codes], [needs[c] for c in resourced]


def seed(total, progress=lambda done: None):
    today = timezone.localdate()
    now = timezone.now()
    needs = {need.code: need for need in Need.objects.all()}
    authority_rows = authorities()
    ensure_sites(authority_rows)
    table = postcodes(authority_rows)
    existing = set(
        Listing.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True)
    )
    missing = [i for i in range(total) if f"{SLUG_PREFIX}{i}" not in existing]
    for start in range(0, len(missing), BATCH):
        with transaction.atomic():
            _write(
                [
                    build(i, authority_rows, table, needs, today)
                    for i in missing[start : start + BATCH]
                ],
                now,
            )
        progress(min(start + BATCH, len(missing)))
    if missing:
        listings_changed.send(sender=Listing)
        update_statistics()
    return len(missing)


def _write(rows, now):
    bases = []
    for base, model, child, need_list, _ in rows:
        listing = model(**base, **child, live=True, first_published_at=now, last_published_at=now)
        listing.needs.set(need_list)  # unsaved: held in memory for refresh_derived()
        listing.refresh_derived()
        derived = {name: getattr(listing, name) for name in Listing.DERIVED_FIELDS}
        bases.append(
            Listing(**base, **derived, live=True, first_published_at=now, last_published_at=now)
        )
    Listing.objects.bulk_create(bases)
    by_model = {}
    for listing, (_, model, child, _, _) in zip(bases, rows, strict=True):
        by_model.setdefault(model, []).append((listing.pk, child))
    for model, items in by_model.items():
        _insert_children(model, items)
    Listing.needs.through.objects.bulk_create(
        Listing.needs.through(listing_id=listing.pk, need_id=need.pk)
        for listing, (_, _, _, need_list, _) in zip(bases, rows, strict=True)
        for need in need_list
    )
    Setting.resourced_provision_needs.through.objects.bulk_create(
        Setting.resourced_provision_needs.through(setting_id=listing.pk, need_id=need.pk)
        for listing, (_, _, _, _, resourced) in zip(bases, rows, strict=True)
        for need in resourced
    )


def _insert_children(model, items):
    fields = [f for f in model._meta.local_concrete_fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    table = connection.ops.quote_name(model._meta.db_table)
    # Table and column names come from the model, values are parameters.
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
    params = []
    for pk, child in items:
        row = []
        for f in fields:
            value = pk if f.primary_key else child.get(f.attname, f.get_default())
            row.append(f.get_db_prep_save(value, connection))
        params.append(row)
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def index(progress=lambda done: None):
    """Add the scale listings to the search index in bulk (needs prefetched)."""
    from wagtail.search.backends import get_search_backends

    for model in (Setting, Service):
        ids = list(model.objects.filter(slug__startswith=SLUG_PREFIX).values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            objects = list(
                model.objects.filter(pk__in=ids[start : start + BATCH]).prefetch_related("needs")
            )
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(model, objects)
            progress(start + len(objects))
