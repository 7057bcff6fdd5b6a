"""Issue 25 (12): the glossary does not explain a term where the sentence defines it; template
letters are filled in with what the site knows and download as a Word document too."""

import io

import pytest
from docx import Document

from guidance import glossary
from guidance.models import GlossaryTerm, GuidePage
from home.models import AuthoritySettings

from ..roles.test_national_model import (  # noqa: F401 (fixtures)
    NORTHBROOK_HOST,
    local_offers,
    national_guide,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment_term(db):
    return GlossaryTerm.objects.create(
        term="EHC needs assessment",
        short_explanation="when the council finds out in detail what your child needs",
    )


def test_a_term_the_sentence_defines_is_not_explained_again(assessment_term):
    defined = (
        "<p>An EHC needs assessment is when the council looks in detail at your child's "
        "needs.</p><p>Ask for an EHC needs assessment in writing.</p>"
    )
    html, used = glossary.explain_first_use(defined, [assessment_term])
    assert html.startswith('<p>An <dfn class="glossary-term" id="first-ehc-needs-assessment">')
    assert "finds out in detail" not in html  # said once, by the sentence itself
    assert html.count("<dfn") == 1 and used == [assessment_term]

    called = "<p>The council does a check called an EHC needs assessment.</p>"
    assert "finds out in detail" not in glossary.explain_first_use(called, [assessment_term])[0]

    plain = "<p>You can ask for an EHC needs assessment.</p>"
    html, _ = glossary.explain_first_use(plain, [assessment_term])
    assert "(when the council finds out in detail what your child needs)" in html


LETTER = {
    "type": "letter",
    "value": {
        "title": "Asking for an assessment",
        "description": "Use this to ask.",
        "letter": "[today's date]\n\nTo: [the council's SEND team]\n\nPlease assess "
        "[child's full name].\n\nYours,\n[your name]",
    },
}


@pytest.fixture
def letter_page(local_offers):  # noqa: F811
    """A local page on Northbrook's site with a template letter."""
    page = GuidePage.objects.get(pk=local_offers["990"]["page"].pk)
    page.body = [LETTER]
    page.save_revision().publish()
    settings = AuthoritySettings.for_site(local_offers["990"]["site"])
    settings.contact_address = "Town Hall\nHigh Street\nNorthbrook NB1 1AA"
    settings.contact_email = "send@northbrook.example.org"
    settings.save()
    return GuidePage.objects.get(pk=page.pk)


def test_a_councils_letter_is_addressed_to_its_send_team_and_downloads_as_word(
    client,
    letter_page,
    local_offers,  # noqa: F811
):
    path = letter_page.relative_url(local_offers["990"]["site"])
    html = client.get(path, HTTP_HOST=NORTHBROOK_HOST).content.decode()
    link = f"{path}letters/asking-for-an-assessment/"
    assert f'href="{link}?format=docx"' in html and f'href="{link}"' in html

    text = client.get(link, HTTP_HOST=NORTHBROOK_HOST).content.decode()
    assert "To: Northbrook Council SEND team\r\nTown Hall\r\nHigh Street" in text
    assert "send@northbrook.example.org" in text
    assert "[the council's SEND team]" not in text and "[today's date]" not in text
    assert "[child's full name]" in text  # the family's own blanks are kept

    response = client.get(f"{link}?format=docx", HTTP_HOST=NORTHBROOK_HOST)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert 'filename="asking-for-an-assessment.docx"' in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    words = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Asking for an assessment" in words
    assert "Northbrook Council SEND team" in words and "Town Hall" in words
