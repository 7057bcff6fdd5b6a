"""The guide pack keeps to its source record (docs/guide-sources.md, issue 26).

The record says, statement by statement, what was read at source and what was not. Where a
provision was not found at source the pack must not pinpoint-cite it: the record's last column
lists the citations each page no longer uses, and this test fails if one comes back. It reads
the pages through the product's own loader, citations included, as a family reads them.
"""

import re
from pathlib import Path

import pytest

from guidance import blocks
from guidance.content_pack import read_pack

RECORD = Path(__file__).resolve().parents[2] / "docs" / "guide-sources.md"
OUTCOMES = (
    "confirmed",
    "corrected",
    "pinpoint dropped",
    "pinpoint not used",
    "not found at source",
)
EVERY_PAGE = "all pages"


def record_rows():
    """The record's table as dicts keyed by its header, one per statement."""
    lines = [line for line in RECORD.read_text().splitlines() if line.startswith("| ")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    rows = []
    for line in lines[2:]:  # after the header and its --- line
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


ROWS = record_rows()


@pytest.fixture(scope="module")
def page_text():
    """Each page's title, summary and blocks with their citations, keyed by slug."""
    stream = blocks.GuideStreamBlock()
    return {
        spec.slug: " ".join(
            [spec.title, spec.summary, *blocks.reading_text(stream.to_python(spec.body))]
        )
        for spec in read_pack().pages
    }


def pages_of(row, page_text):
    if row["Page"] == EVERY_PAGE:
        return sorted(page_text)
    return [slug.strip() for slug in row["Page"].split(",")]


def test_the_record_covers_the_statements_issue_26_listed():
    assert len(ROWS) >= 25
    assert [row["#"] for row in ROWS] == [str(n) for n in range(1, len(ROWS) + 1)]
    for row in ROWS:
        assert any(outcome in row["Outcome"] for outcome in OUTCOMES), row
        # Each row names the address it read, or says that none was returned.
        assert re.match(r"https?://", row["URL read"]) or row["URL read"] == "none returned", row
        assert row["What the source says"] and row["Provision"], row


def test_every_page_the_record_names_is_in_the_pack(page_text):
    for row in ROWS:
        for slug in pages_of(row, page_text):
            assert slug in page_text, (row["#"], slug)


@pytest.mark.parametrize(
    "row", [row for row in ROWS if "`" in row["No longer cited as"]], ids=lambda row: row["#"]
)
def test_a_pinpoint_not_found_at_source_is_not_cited(row, page_text):
    dropped = re.findall(r"`([^`]+)`", row["No longer cited as"])
    assert dropped
    for slug in pages_of(row, page_text):
        for citation in dropped:
            assert citation not in page_text[slug], (row["#"], slug, citation)
