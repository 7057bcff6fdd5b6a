"""The guide pack's coverage pages (issue 12): well formed, cited, and plain enough to read.

Each file is read the way the loader reads it (yaml.safe_load). The reading level is measured with
the product's own definition (guidance.readability) over everything a family reads on the page:
the title, the summary, headings, every block's text, questions, citations and who-can-help text.
"""

import datetime
import re
from pathlib import Path

import pytest
import yaml

from directory.accountability import LOCAL_OFFER_COVERAGE
from guidance import readability
from guidance.blocks import GuideStreamBlock
from guidance.models.pages import GuideSection

PACK = Path(__file__).resolve().parents[2] / "guidance" / "guide_pack"

NEW_PAGES = [
    "phase-transfer-and-review-dates",
    "plan-not-delivered-or-council-late",
    "school-not-meeting-needs",
    "education-out-of-school",
    "after-16-young-peoples-rights",
    "disagreement-resolution-and-school-complaints",
    "exclusions-and-send",
    "send-reform-proposals",
]
# The dated note on proposed reforms is short on purpose: no steps, rights or questions needed.
SHORT_NOTES = {"send-reform-proposals"}

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
BLOCK_TYPES = {"text", "law", "rights", "steps", "questions", "deadline", "who_can_help", "letter"}
CITED_BLOCKS = {"law", "rights", "deadline"}
NATIONAL_CONTACTS = {"ipsea", "contact"}
ALLOWED_TAG = re.compile(r"</?(strong|em|a)(\s+href=\"[^\"]+\")?>")
ANY_TAG = re.compile(r"<[^>]+>")
REVIEWED_ON = datetime.date(2026, 11, 24)


def load(relative):
    with open(PACK / relative, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def strip_tags(text):
    return ANY_TAG.sub("", text)


def text_parts(parts):
    """A text block's paragraphs, headings (without "## ") and bullet items, in order."""
    for part in parts:
        if isinstance(part, list):
            yield from part
        elif part.startswith("## "):
            yield part[3:]
        else:
            yield part


def block_texts(kind, value):
    """Every string a family reads in one block, as the page shows it."""
    if kind == "text":
        return list(text_parts(value))
    if kind == "law":
        return [value["summary"], value["citation"]]
    if kind == "rights":
        return [f"You have the right to {item}" for item in value["items"]] + [value["citation"]]
    if kind == "steps":
        texts = [value.get("heading", "")]
        for step in value["items"]:
            texts += [step["heading"], step["text"]]
        return texts
    if kind == "questions":
        texts = [value.get("heading", "Questions families ask")]
        for item in value["items"]:
            texts += [item["question"], item["answer"]]
        return texts
    if kind == "deadline":
        return [value["limit"], value["what"], value["citation"]]
    if kind == "who_can_help":
        return ["Who can help", value.get("intro", "")]
    if kind == "letter":
        return [value["title"], value["description"]]
    raise AssertionError(f"unknown block type {kind}")


def blocks(page):
    for block in page["body"]:
        ((kind, value),) = block.items()
        yield kind, value


def reading_text(page):
    texts = [page["title"], page["summary"]]
    for kind, value in blocks(page):
        texts += block_texts(kind, value)
    return [strip_tags(t) for t in texts if t and t.strip()]


@pytest.fixture(params=NEW_PAGES)
def page(request):
    return load(f"pages/{request.param}.yaml")


def test_page_has_the_agreed_keys_and_values(page):
    assert set(page) == PAGE_KEYS
    assert page["section"] in GuideSection.values
    assert page["category"] in {"", *(c.key for c in LOCAL_OFFER_COVERAGE)}
    assert isinstance(page["position"], int) and page["position"] > 0
    assert page["reviewed_against_law_on"] == REVIEWED_ON
    assert page["title"].strip() and page["summary"].strip()


def test_slug_matches_file_name_and_is_unique():
    slugs = [load(f"pages/{slug}.yaml")["slug"] for slug in NEW_PAGES]
    assert slugs == NEW_PAGES
    positions = [
        (load(f"pages/{slug}.yaml")["section"], load(f"pages/{slug}.yaml")["position"])
        for slug in NEW_PAGES
    ]
    assert len(set(positions)) == len(positions)


def test_blocks_are_known_and_complete(page):
    for block in page["body"]:
        assert isinstance(block, dict) and len(block) == 1, block
        ((kind, value),) = block.items()
        assert kind in BLOCK_TYPES, kind
        if kind == "text":
            assert value and all(isinstance(p, str | list) for p in value)
        elif kind == "law":
            assert value["summary"] and value["citation"]
            assert value.get("url", "https://").startswith("https://")
        elif kind == "rights":
            assert value["items"] and value["citation"]
        elif kind in {"steps", "questions"}:
            assert value["items"]
            keys = {"heading", "text"} if kind == "steps" else {"question", "answer"}
            assert all(set(item) == keys and all(item.values()) for item in value["items"])
        elif kind == "deadline":
            assert value["limit"] and value["what"] and value["citation"]
        elif kind == "who_can_help":
            assert value["sendias"] is True
            assert set(value.get("contacts", [])) <= NATIONAL_CONTACTS
        elif kind == "letter":
            assert value["title"] and value["description"] and value["body"]


def stream_data(kind, value):
    """One block as StreamField data, the way the format maps onto guidance/blocks.py."""
    if kind == "text":
        html = ""
        for part in value:
            if isinstance(part, list):
                html += "<ul>" + "".join(f"<li>{item}</li>" for item in part) + "</ul>"
            elif part.startswith("## "):
                html += f"<h2>{part[3:]}</h2>"
            else:
                html += f"<p>{part}</p>"
        return html
    if kind == "law":
        return {
            "summary": value["summary"],
            "citation": value["citation"],
            "source_url": value.get("url", ""),
        }
    if kind == "rights":
        return {"rights": value["items"], "citation": value["citation"]}
    if kind == "steps":
        steps = [{"heading": i["heading"], "text": f"<p>{i['text']}</p>"} for i in value["items"]]
        return {"heading": value.get("heading", ""), "steps": steps}
    if kind == "questions":
        items = [
            {"question": i["question"], "answer": f"<p>{i['answer']}</p>"} for i in value["items"]
        ]
        return {"heading": value.get("heading", "Questions families ask"), "questions": items}
    if kind == "deadline":
        return {"time_limit": value["limit"], "text": value["what"], "citation": value["citation"]}
    if kind == "who_can_help":
        return {
            "heading": "Who can help",
            "text": value.get("intro", ""),
            "include_sendias": value["sendias"],
            "services": [],
            "other_contacts": [],
        }
    return {"title": value["title"], "description": value["description"], "letter": value["body"]}


@pytest.mark.parametrize("relative", [f"pages/{slug}.yaml" for slug in NEW_PAGES])
def test_blocks_fit_the_guide_page_stream_field(relative):
    """Field lengths, required fields and URLs pass the page model's own validation."""
    data = load(relative)
    stream = GuideStreamBlock()
    raw = [{"type": kind, "value": stream_data(kind, value)} for kind, value in blocks(data)]
    stream.clean(stream.to_python(raw))


def test_every_law_rights_and_deadline_block_cites_its_source(page):
    for kind, value in blocks(page):
        if kind in CITED_BLOCKS:
            # A numbered section, regulation, rule or paragraph, or a named protocol.
            assert re.search(r"\d|Protocol", value["citation"]), (kind, value["citation"])


def test_only_inline_strong_em_and_links(page):
    for tag in ANY_TAG.findall(page["title"] + page["summary"]):
        raise AssertionError(f"no markup in the title or summary: {tag}")
    for kind, value in blocks(page):
        for text in block_texts(kind, value):
            for tag in ANY_TAG.findall(text or ""):
                assert ALLOWED_TAG.fullmatch(tag), tag


def test_page_is_substantial(page):
    kinds = [kind for kind, _ in blocks(page)]
    assert "law" in kinds
    assert kinds[-1] == "who_can_help"
    words = sum(len(t.split()) for t in reading_text(page))
    if page["slug"] in SHORT_NOTES:
        assert words >= 200
        return
    assert {"rights", "steps", "questions"} <= set(kinds)
    assert words >= 600
    (help_block,) = [value for kind, value in blocks(page) if kind == "who_can_help"]
    assert set(help_block["contacts"]) == NATIONAL_CONTACTS


def test_reading_level_is_grade_6_or_below(page):
    measured = readability.measure(reading_text(page))
    longest = "\n".join(f"{n} words: {s}" for n, s in measured.longest_sentences)
    assert measured.grade <= readability.TARGET_GRADE, (
        f"{page['slug']} reads at grade {measured.grade}; longest sentences:\n{longest}"
    )


def test_school_not_meeting_needs_page_uses_the_words_families_type():
    page = load("pages/school-not-meeting-needs.yaml")
    summary = page["summary"].lower()
    everything = " ".join(reading_text(page)).lower().replace("’", "'")
    assert "not meeting" in page["title"].lower()
    assert "isn't meeting" in summary or "not meeting" in summary
    assert "school not meeting my child's needs" in everything
    assert "school isn't meeting my child's needs" in everything


def test_reform_note_is_dated_and_says_the_law_has_not_changed():
    page = load("pages/send-reform-proposals.yaml")
    everything = " ".join(reading_text(page))
    assert "23 February 2026" in everything
    assert "24 November 2026" in everything
    assert "Every child achieving and thriving" in everything
    assert "has not changed" in everything


def test_the_appeals_page_says_what_else_can_be_appealed():
    """Refusing to re-assess, changing or refusing to change a plan, and ending it are
    appealable too (CFA 2014 s51(2)(c) to (f))."""
    page = load("pages/appeals.yaml")
    words = " ".join(reading_text(page)).lower()
    for decision in ("re-assessment", "changes a plan", "will not change a plan", "end the plan"):
        assert decision in words
    assert any(
        "51(2)(a) to (f)" in block.get("law", {}).get("citation", "") for block in page["body"]
    )
