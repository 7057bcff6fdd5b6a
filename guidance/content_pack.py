"""The national guide as a content pack: read the YAML files in guidance/guide_pack/, check
them, and load them into a site.

The law is the same for every council, so the guide's text is the product's, not a site's. A
site gets it as drafts that go through its own coproduction workflow (officer review, then the
parent carer forum's sign-off); a later version of the pack raises the pages it changed as new
draft revisions, and never overwrites what a forum has published. The file format is described
in guidance/guide_pack/FORMAT.md.

Everything is read and checked before anything is written, and the load runs in one
transaction: a bad file stops the load with a message naming it, and nothing is half-loaded.
"""

import datetime
import hashlib
import json
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from directory.accountability import LOCAL_OFFER_COVERAGE

from .blocks import GuideStreamBlock, directory_kind_choices, directory_need_choices
from .models import (
    EHCDeadlinesPage,
    GlossaryTerm,
    GuideIndexPage,
    GuidePage,
    GuideSection,
    next_check_after,
)

PACK_DIR = Path(__file__).resolve().parent / "guide_pack"

PAGE_KEYS = {
    "slug",
    "title",
    "section",
    "position",
    "category",
    "summary",
    "reviewed_against_law_on",
    "body",
}
REQUIRED_PAGE_KEYS = {"slug", "title", "section", "summary", "reviewed_against_law_on", "body"}
CALCULATOR_KEYS = PAGE_KEYS - {"body"} | {"intro"}
GLOSSARY_KEYS = {"term", "other_spellings", "short", "longer"}
CONTACT_KEYS = {"name", "description", "url", "phone"}
FIND_KEYS = {"label", "q", "kind", "need"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Inline HTML the pack may use; anything else is a mistake in the file.
INLINE_TAG = re.compile(r"<\s*/?\s*([a-zA-Z0-9]+)")
INLINE_TAGS = {"strong", "em", "a", "br"}


class PackError(Exception):
    """A content pack that cannot be loaded, with a message that says where and why."""


# --- Reading the files ---------------------------------------------------------------------


@dataclass
class PageSpec:
    """One page of the pack, ready to become a page: its fields and its stream body."""

    page_type: type
    slug: str
    title: str
    section: str
    position: int
    category: str
    summary: str
    reviewed_against_law_on: datetime.date
    content_hash: str
    source: str
    body: list = field(default_factory=list)  # StreamField data
    intro: str = ""


@dataclass
class Pack:
    version: str
    guide: dict
    pages: list  # PageSpec, in the guide's order; the calculator among them
    glossary: list  # dicts: term, other_spellings, short_explanation, explanation


def read_yaml(path, name=None):
    """A file's content (yaml.safe_load), refusing a key given twice in one mapping: YAML would
    silently keep the last, losing what the first said."""
    name = name or path.name
    try:
        text = Path(path).read_text(encoding="utf-8")
        duplicate = first_duplicate_key(yaml.compose(text, Loader=yaml.SafeLoader), [])
        if duplicate:
            keys, key, first, second = duplicate
            raise PackError(
                f"{located(name, keys)}: key {key!r} is given twice (lines {first} and {second}); "
                "YAML keeps only the last, so say it once"
            )
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise PackError(f"{name}: not valid YAML: {error}") from error
    except OSError as error:
        raise PackError(f"{path}: cannot be read: {error}") from error


def first_duplicate_key(node, keys):
    """The first mapping key that appears twice under `node`: (the keys leading to its mapping,
    the key, the line of each), or None."""
    if isinstance(node, yaml.MappingNode):
        lines = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is not None and key in lines:
                return keys, key, lines[key], key_node.start_mark.line + 1
            if key is not None:
                lines[key] = key_node.start_mark.line + 1
            found = first_duplicate_key(value_node, [*keys, key])
            if found:
                return found
    elif isinstance(node, yaml.SequenceNode):
        for n, item in enumerate(node.value):
            found = first_duplicate_key(item, [*keys, n])
            if found:
                return found
    return None


def located(name, keys):
    """Where in a file a value is, as the other messages name it: "pages/x.yaml, block 3 (law)"."""
    parts = [name]
    keys = list(keys)
    if len(keys) >= 2 and keys[0] == "body" and isinstance(keys[1], int):
        block = f"block {keys[1] + 1}"
        keys = keys[2:]
        if keys and isinstance(keys[0], str):
            block += f" ({keys.pop(0)})"
        parts.append(block)
    for key in keys:
        parts.append(f"item {key + 1}" if isinstance(key, int) else str(key))
    return ", ".join(parts)


def require_mapping(value, where, allowed, required=()):
    if not isinstance(value, dict):
        raise PackError(f"{where}: expected a mapping of keys to values, got {value!r:.60}")
    unknown = set(value) - set(allowed)
    if unknown:
        raise PackError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    missing = [key for key in required if value.get(key) in (None, "")]
    if missing:
        raise PackError(f"{where}: missing {', '.join(sorted(missing))}")
    return value


def plain(value, where):
    """A string of text that may use <strong>, <em> and <a href>."""
    if not isinstance(value, str | int | float):
        raise PackError(f"{where}: expected text, got {value!r:.60}")
    text = str(value)
    for tag in INLINE_TAG.findall(text):
        if tag.lower() not in INLINE_TAGS:
            raise PackError(f"{where}: <{tag}> is not allowed; use <strong>, <em> or <a href>")
    return text


def text_html(parts, where):
    """Paragraphs; "## " starts a heading, "### " a subheading; a nested list is a bullet list."""
    if isinstance(parts, str):
        parts = [parts]
    if not isinstance(parts, list) or not parts:
        raise PackError(f"{where}: expected a list of paragraphs")
    html = []
    for n, part in enumerate(parts, 1):
        here = f"{where}, part {n}"
        if isinstance(part, list):
            items = "".join(f"<li>{plain(item, here)}</li>" for item in part)
            html.append(f"<ul>{items}</ul>")
        elif isinstance(part, str) and part.startswith("### "):
            html.append(f"<h3>{escape(part[4:].strip())}</h3>")
        elif isinstance(part, str) and part.startswith("## "):
            html.append(f"<h2>{escape(part[3:].strip())}</h2>")
        else:
            html.append(f"<p>{plain(part, here)}</p>")
    return "".join(html)


def items_of(value, where):
    if not isinstance(value, list) or not value:
        raise PackError(f"{where}: expected a list with at least one item")
    return value


def block_text(value, where):
    return text_html(value, where)


def block_law(value, where):
    require_mapping(value, where, {"summary", "citation", "url"}, {"summary", "citation"})
    return {
        "summary": plain(value["summary"], where),
        "citation": plain(value["citation"], where),
        "source_url": value.get("url", ""),
    }


def block_rights(value, where):
    require_mapping(value, where, {"items", "citation"}, {"items"})
    items = items_of(value["items"], f"{where}, items")
    return {
        "rights": [plain(item, where) for item in items],
        "citation": plain(value.get("citation", ""), where),
    }


def block_steps(value, where):
    require_mapping(value, where, {"heading", "items"}, {"items"})
    steps = []
    for n, item in enumerate(items_of(value["items"], f"{where}, items"), 1):
        here = f"{where}, step {n}"
        require_mapping(item, here, {"heading", "text"}, {"heading", "text"})
        steps.append(
            {"heading": plain(item["heading"], here), "text": text_html(item["text"], here)}
        )
    return {"heading": plain(value.get("heading", ""), where), "steps": steps}


def block_questions(value, where):
    require_mapping(value, where, {"heading", "items"}, {"items"})
    questions = []
    for n, item in enumerate(items_of(value["items"], f"{where}, items"), 1):
        here = f"{where}, question {n}"
        require_mapping(item, here, {"question", "answer"}, {"question", "answer"})
        questions.append(
            {"question": plain(item["question"], here), "answer": text_html(item["answer"], here)}
        )
    heading = value.get("heading") or "Questions families ask"
    return {"heading": plain(heading, where), "questions": questions}


def block_deadline(value, where):
    require_mapping(value, where, {"limit", "what", "citation"}, {"limit", "what"})
    return {
        "time_limit": plain(value["limit"], where),
        "text": plain(value["what"], where),
        "citation": plain(value.get("citation", ""), where),
    }


def block_letter(value, where):
    require_mapping(
        value, where, {"title", "description", "body"}, {"title", "description", "body"}
    )
    return {
        "title": plain(value["title"], where),
        "description": plain(value["description"], where),
        "letter": str(value["body"]),
    }


def block_who_can_help(value, where, contacts):
    value = value or {}
    if isinstance(value, dict) and "services" in value:
        raise PackError(
            f"{where}: services is not part of the pack. The national guide names no council's "
            "services: use find (a search of the directory) instead; each council adds its own "
            "services to the page in the admin"
        )
    require_mapping(value, where, {"heading", "intro", "sendias", "find", "contacts"})
    keys = value.get("contacts") or []
    if not isinstance(keys, list):
        raise PackError(f"{where}: contacts is a list of keys from pack.yaml")
    unknown = [key for key in keys if key not in contacts]
    if unknown:
        raise PackError(
            f"{where}: contact(s) {', '.join(map(str, unknown))} are not defined in pack.yaml"
        )
    return {
        "heading": plain(value.get("heading") or "Who can help", where),
        "text": plain(value.get("intro", ""), where),
        "include_sendias": bool(value.get("sendias", True)),
        "services": [],
        "find": directory_searches(value.get("find") or [], where),
        "other_contacts": [
            {
                "name": contacts[key]["name"],
                "description": contacts[key].get("description", ""),
                "url": contacts[key].get("url", ""),
                "phone": contacts[key].get("phone", ""),
            }
            for key in keys
        ],
    }


def directory_searches(entries, where):
    """`find`: links to searches of the directory, each {label, and q (words), kind or need}."""
    if not isinstance(entries, list):
        raise PackError(
            f"{where}: find is a list of searches, each with a label and q, kind or need"
        )
    kinds = dict(directory_kind_choices())
    needs = dict(directory_need_choices())
    searches = []
    for n, entry in enumerate(entries, 1):
        here = f"{where}, find {n}"
        require_mapping(entry, here, FIND_KEYS, {"label"})
        search = {"label": plain(entry["label"], here)}
        if INLINE_TAG.search(search["label"]):
            raise PackError(f"{here}: a link's label is plain text, without <tags>")
        for name in ("q", "kind", "need"):
            search[name] = str(entry.get(name) or "").strip()
        if not (search["q"] or search["kind"] or search["need"]):
            raise PackError(
                f"{here}: give q (search words), kind or need, so the link finds something"
            )
        if len(search["q"]) > 200:
            raise PackError(f"{here}: q is {len(search['q'])} characters; keep it to 200")
        if search["kind"] and search["kind"] not in kinds:
            raise PackError(
                f"{here}: kind {search['kind']!r} is not a type the directory search knows; "
                f"use one of {', '.join(kinds)}"
            )
        if search["need"] and search["need"] not in needs:
            raise PackError(
                f"{here}: need {search['need']!r} is not a need the directory search knows; "
                f"use one of {', '.join(needs)}"
            )
        searches.append(search)
    return searches


BLOCKS = {
    "text": block_text,
    "law": block_law,
    "rights": block_rights,
    "steps": block_steps,
    "questions": block_questions,
    "deadline": block_deadline,
    "letter": block_letter,
    "who_can_help": block_who_can_help,
}


def stream_data(body, where, contacts):
    if not isinstance(body, list) or not body:
        raise PackError(f"{where}: body must be a list of blocks")
    data = []
    for n, block in enumerate(body, 1):
        here = f"{where}, block {n}"
        if not isinstance(block, dict) or len(block) != 1:
            raise PackError(f"{here}: each block is one key (its type) and its content")
        ((block_type, value),) = block.items()
        if block_type not in BLOCKS:
            raise PackError(
                f"{here}: unknown block type {block_type!r}; use one of {', '.join(sorted(BLOCKS))}"
            )
        if block_type == "who_can_help":
            converted = block_who_can_help(value, here, contacts)
        else:
            converted = BLOCKS[block_type](value, here)
        data.append({"type": block_type, "value": converted})
    check_stream(data, where)
    return data


def check_stream(data, where):
    """The same checks the page editor makes."""
    stream_block = GuideStreamBlock()
    try:
        stream_block.clean(stream_block.to_python(data))
    except ValidationError as error:
        raise PackError(f"{where}: {describe(error)}") from error


def describe(error):
    """A ValidationError (StreamField errors nest) as one line."""
    if hasattr(error, "block_errors") and error.block_errors:
        parts = []
        for index, child in error.block_errors.items():
            parts.append(
                f"block {index + 1 if isinstance(index, int) else index}: {describe(child)}"
            )
        return "; ".join(parts)
    if hasattr(error, "messages"):
        return "; ".join(str(m) for m in error.messages)
    return str(error)


def fingerprint(data):
    canonical = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def page_fingerprint(fields, **content):
    """What a page says. Its position is left out: it orders new pages only, so moving a page in
    the pack does not raise a draft with nothing to sign off."""
    if "body" in content:
        content["body"] = [fingerprinted_block(block) for block in content["body"]]
    return fingerprint({**{k: v for k, v in fields.items() if k != "position"}, **content})


def fingerprinted_block(block):
    """A block as the fingerprint reads it: a Who can help block without searches of the
    directory is read as it was before they existed, so the pages that gained none keep their
    fingerprint and raise no draft with nothing to sign off."""
    if block["type"] == "who_can_help" and not block["value"]["find"]:
        return {**block, "value": {k: v for k, v in block["value"].items() if k != "find"}}
    return block


SECTION_ORDER = [value for value, _ in GuideSection.choices]
CATEGORIES = {item.key for item in LOCAL_OFFER_COVERAGE}


def page_fields(raw, where, allowed_keys, required_keys):
    require_mapping(raw, where, allowed_keys, required_keys)
    slug = str(raw["slug"])
    if not SLUG.match(slug):
        raise PackError(f"{where}: slug {slug!r} must be lower-case words joined by hyphens")
    if raw["section"] not in SECTION_ORDER:
        raise PackError(
            f"{where}: section {raw['section']!r} is not one of {', '.join(SECTION_ORDER)}"
        )
    category = raw.get("category") or ""
    if category and category not in CATEGORIES:
        raise PackError(f"{where}: category {category!r} is not a Local Offer coverage key")
    reviewed = raw["reviewed_against_law_on"]
    if not isinstance(reviewed, datetime.date):
        try:
            reviewed = datetime.date.fromisoformat(str(reviewed))
        except ValueError as error:
            raise PackError(
                f"{where}: reviewed_against_law_on must be a date, YYYY-MM-DD"
            ) from error
    position = raw.get("position", 0)
    if not isinstance(position, int):
        raise PackError(f"{where}: position must be a whole number")
    summary = plain(raw["summary"], where)
    if len(summary) > 300:
        raise PackError(f"{where}: summary is {len(summary)} characters; keep it to 300")
    return {
        "slug": slug,
        "title": plain(raw["title"], where),
        "section": raw["section"],
        "position": position,
        "category": category,
        "summary": summary,
        "reviewed_against_law_on": reviewed,
    }


def read_pack(directory=PACK_DIR):
    """Read and check every file of a pack; raise PackError on the first problem found."""
    directory = Path(directory)
    meta = read_yaml(directory / "pack.yaml")
    require_mapping(meta, "pack.yaml", {"version", "guide", "calculator", "contacts"}, {"version"})
    guide = require_mapping(meta.get("guide") or {}, "pack.yaml, guide", {"title", "slug", "intro"})
    guide = {"title": "Guide", "slug": "guide", "intro": "", **guide}
    contacts = meta.get("contacts") or {}
    if not isinstance(contacts, dict):
        raise PackError("pack.yaml, contacts: expected a mapping of keys to contacts")
    for key, contact in contacts.items():
        require_mapping(contact, f"pack.yaml, contact {key}", CONTACT_KEYS, {"name"})

    pages = []
    seen = {}
    files = sorted((directory / "pages").glob("*.yaml"))
    if not files:
        raise PackError(f"{directory / 'pages'}: no page files (*.yaml)")
    for path in files:
        where = f"pages/{path.name}"
        raw = read_yaml(path, where)
        fields = page_fields(raw, where, PAGE_KEYS, REQUIRED_PAGE_KEYS)
        body = stream_data(raw["body"], where, contacts)
        pages.append(
            PageSpec(
                page_type=GuidePage,
                body=body,
                content_hash=page_fingerprint(fields, body=body),
                source=where,
                **fields,
            )
        )
    if meta.get("calculator"):
        raw = meta["calculator"]
        where = "pack.yaml, calculator"
        fields = page_fields(raw, where, CALCULATOR_KEYS, REQUIRED_PAGE_KEYS - {"body"})
        intro = text_html(raw.get("intro") or [], where) if raw.get("intro") else ""
        pages.append(
            PageSpec(
                page_type=EHCDeadlinesPage,
                intro=intro,
                content_hash=page_fingerprint(fields, intro=intro),
                source=where,
                **fields,
            )
        )
    for spec in pages:
        if spec.slug in seen:
            raise PackError(f"{spec.source}: slug {spec.slug!r} is also used by {seen[spec.slug]}")
        seen[spec.slug] = spec.source
    pages.sort(key=lambda spec: (SECTION_ORDER.index(spec.section), spec.position, spec.slug))

    glossary_raw = (
        read_yaml(directory / "glossary.yaml") if (directory / "glossary.yaml").exists() else []
    )
    if not isinstance(glossary_raw, list):
        raise PackError("glossary.yaml: expected a list of terms")
    glossary = []
    for n, entry in enumerate(glossary_raw, 1):
        where = f"glossary.yaml, term {n}"
        require_mapping(entry, where, GLOSSARY_KEYS, {"term", "short"})
        glossary.append(
            {
                "term": plain(entry["term"], where),
                "other_spellings": plain(entry.get("other_spellings") or "", where),
                "short_explanation": plain(entry["short"], where),
                "explanation": plain(entry.get("longer") or "", where),
            }
        )
    return Pack(version=str(meta["version"]), guide=guide, pages=pages, glossary=glossary)


# --- Loading into a site -------------------------------------------------------------------


@dataclass
class LoadResult:
    version: str
    index: object = None
    index_created: bool = False
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    glossary_added: list = field(default_factory=list)
    glossary_kept: list = field(default_factory=list)

    @property
    def pages(self):
        return self.created + self.updated


@dataclass
class SignOff:
    """For the demo only: publish as if the forum had signed each page off."""

    forum: object = None
    checked_on: object = None  # a function of the slug, giving the date of the forum's check

    def date_for(self, slug):
        return self.checked_on(slug) if self.checked_on else timezone.localdate()


def load_guide(
    parent,
    *,
    pack=None,
    directory=PACK_DIR,
    user=None,
    sign_off=None,
    dry_run=False,
):
    """Load the pack under `parent` (a page, normally the site's home page).

    New pages are drafts submitted to the guide's workflow; pages whose pack text changed get a
    new draft revision, submitted the same way, while their live version stays as it was
    published; unchanged pages are left alone. With `sign_off` (demo data only) pages are
    published straight away as signed off by its forum.
    """
    pack = pack or read_pack(directory)
    result = LoadResult(version=pack.version)
    with transaction.atomic():
        load_glossary(pack, result)
        index = ensure_index(parent, pack, result, user, sign_off)
        result.index = index
        order = [spec.slug for spec in pack.pages]
        for spec in pack.pages:
            load_page(index, spec, order, pack.version, result, user, sign_off)
        if dry_run:
            transaction.set_rollback(True)
    return result


def load_glossary(pack, result):
    """Terms the site lacks are added; terms it has are the forum's and are left alone."""
    existing = set(GlossaryTerm.objects.values_list("term", flat=True))
    for entry in pack.glossary:
        if entry["term"] in existing:
            result.glossary_kept.append(entry["term"])
            continue
        GlossaryTerm.objects.create(**entry)
        result.glossary_added.append(entry["term"])


def ensure_index(parent, pack, result, user, sign_off):
    index = GuideIndexPage.objects.child_of(parent).first()
    if index is not None:
        return index
    index = GuideIndexPage(
        title=pack.guide["title"],
        slug=pack.guide["slug"],
        intro=text_html(pack.guide["intro"], "pack.yaml, guide") if pack.guide["intro"] else "",
        live=bool(sign_off),
        has_unpublished_changes=not sign_off,
    )
    parent.add_child(instance=index)  # the post_save signal assigns the coproduction workflow
    revision = index.save_revision(user=user, log_action=True)
    if sign_off:
        revision.publish(user=user, skip_permission_checks=True)
    else:
        submit(index, user)
    result.index_created = True
    return index


def apply_spec(page, spec, version):
    page.title = spec.title
    page.draft_title = spec.title
    page.summary = spec.summary
    page.section = spec.section
    page.local_offer_category = spec.category
    page.reviewed_against_law_on = spec.reviewed_against_law_on
    page.guide_pack_version = version
    page.guide_pack_hash = spec.content_hash
    if spec.page_type is GuidePage:
        page.body = with_local_services(spec.body, page.body if page.pk else None)
    else:
        page.intro = spec.intro


def with_local_services(body, old_body):
    """The pack's body, keeping the services the site's editors chose in its Who can help
    blocks (the pack names none): the first block's services go to the first block, and so on;
    any left over join the last one."""
    chosen = [
        [service.pk for service in child.value["services"] if service is not None]
        for child in old_body or []
        if child.block_type == "who_can_help"
    ]
    places = [n for n, block in enumerate(body) if block["type"] == "who_can_help"]
    if not places or not any(chosen):
        return body
    body = list(body)
    for n, place in enumerate(places):
        services = chosen[n] if n < len(chosen) else []
        if n == len(places) - 1:
            services = list(
                dict.fromkeys(services + [pk for rest in chosen[n + 1 :] for pk in rest])
            )
        body[place] = {**body[place], "value": {**body[place]["value"], "services": services}}
    return body


def load_page(index, spec, order, version, result, user, sign_off):
    existing = index.get_children().filter(slug=spec.slug).first()
    if existing is None:
        page = spec.page_type(slug=spec.slug, live=bool(sign_off))
        page.has_unpublished_changes = not sign_off
        apply_spec(page, spec, version)
        if sign_off:
            record_sign_off(page, spec.slug, sign_off)
        page.full_clean(exclude=["path", "depth", "url_path"])
        insert_in_order(index, page, spec.slug, order)
        if sign_off and sign_off.forum:
            page.coproduced_with.set([sign_off.forum])
        result.created.append(spec.slug)
    else:
        existing = existing.specific
        if not isinstance(existing, spec.page_type):
            raise PackError(
                f"{spec.source}: {existing.url_path} is a {existing._meta.verbose_name}, "
                f"not a {spec.page_type._meta.verbose_name}; rename or move it first"
            )
        page = existing.get_latest_revision_as_object()
        if page.guide_pack_hash == spec.content_hash:
            result.unchanged.append(spec.slug)
            return
        apply_spec(page, spec, version)
        if sign_off:
            record_sign_off(page, spec.slug, sign_off)
        page.full_clean()
        result.updated.append(spec.slug)
    revision = page.save_revision(user=user, log_action=True)
    if sign_off:
        revision.publish(user=user, skip_permission_checks=True)
    else:
        submit(page, user)


def record_sign_off(page, slug, sign_off):
    checked_on = sign_off.date_for(slug)
    page.last_checked_on = checked_on
    page.next_check_due = next_check_after(checked_on)


def insert_in_order(index, page, slug, order):
    """Place a new page before the next page of the pack that the site already has, so a page
    added in a later version takes its place in the contents."""
    later = order[order.index(slug) + 1 :]
    siblings = {child.slug: child for child in index.get_children().filter(slug__in=later)}
    following = next((siblings[s] for s in later if s in siblings), None)
    if following is not None:
        following.add_sibling(pos="left", instance=page)
    else:
        index.add_child(instance=page)


def submit(page, user):
    """Send a draft into its workflow (the guide's is officer review, then forum sign-off).
    A workflow already running on the page starts again, so the new text is reviewed whole."""
    workflow = page.get_workflow()
    if workflow is None:
        return
    running = page.current_workflow_state
    if running is not None:
        running.cancel(user=user)
    workflow.start(page, user)
