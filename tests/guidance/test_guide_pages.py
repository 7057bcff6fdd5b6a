"""The public guide: contents, pages, glossary at first use, letters, and honest dates."""

import pytest

from guidance.glossary import explain_first_use
from guidance.readability import measure

pytestmark = pytest.mark.django_db


def test_the_contents_page_lists_pages_by_section(client, make_guide_page):
    make_guide_page("Asking for help", section="ehc")
    make_guide_page("Mediation", section="disagree", summary="A meeting to help you agree.")
    make_guide_page("Draft page", live=False)
    html = client.get("/guide/").content.decode()
    assert "EHC needs assessments and plans" in html and "When you disagree" in html
    assert "Asking for help" in html and "A meeting to help you agree." in html
    assert "Draft page" not in html
    assert html.index("EHC needs assessments") < html.index("When you disagree")


def test_a_guide_page_says_who_wrote_it_and_when_it_was_checked(client, make_guide_page, forum):
    page = make_guide_page()
    page.coproduced_with.set([forum])
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert f"Written with {forum.name}" in html or f">{forum.name}<" in html
    assert f"checked on {page.last_checked_on:%-d %B %Y}" in html
    assert "Next check due by" in html


def test_an_overdue_page_tells_readers_it_is_due_a_check(client, make_guide_page):
    page = make_guide_page(checked_days_ago=400)
    html = client.get(page.url).content.decode()
    assert "This page is due to be checked again" in html


def test_glossary_terms_are_explained_at_their_first_use_only(client, make_guide_page, glossary):
    body = [
        {
            "type": "text",
            "value": "<h2>About the EHC plan</h2><p>An EHC plan is a legal paper. "
            "Your EHCP lasts. We send letters about your EHC plan and SEND.</p>",
        },
        {"type": "text", "value": '<p>Read <a href="/x/">EHC plan rules</a>. An EHC plan.</p>'},
    ]
    page = make_guide_page(body=body)
    html = client.get(page.url).content.decode()
    assert html.count('<dfn class="glossary-term"') == 2  # EHC plan and SEND, once each
    assert '<dfn class="glossary-term" id="first-ehc-plan">EHC plan</dfn>' in html
    # "An EHC plan is a legal paper" says what it is: no bracket to say it twice (issue 25).
    assert "(a legal paper that says what help your child must get)" not in html
    assert '<h2 id="about-the-ehc-plan">About the EHC plan</h2>' in html  # no dfn in headings
    assert '<a href="/x/">EHC plan rules</a>' in html  # and links
    assert "We send letters" in html  # the verb "send" is not the term SEND


def test_explain_first_use_leaves_html_it_does_not_understand_intact(glossary):
    html = "<p>SEND &amp; <strong>EHCP</strong></p><pre>SEND</pre>"
    result, used = explain_first_use(html, glossary)
    assert result.startswith('<p><dfn class="glossary-term" id="first-send">SEND</dfn>')
    assert result.endswith("<pre>SEND</pre>")
    assert [term.term for term in used] == ["SEND", "EHC plan"]


def test_words_we_use_lists_every_term(client, guide, glossary):
    response = client.get("/guide/words-we-use/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="ehc-plan"' in html and "A legal paper that says" in html


LETTER = {
    "type": "letter",
    "value": {
        "title": "Asking for an assessment",
        "description": "Use this to ask.",
        "letter": "Dear council,\n\nPlease assess [child's name].\n\nYours,\n[your name]",
    },
}


def test_a_template_letter_downloads_as_a_text_file(client, make_guide_page):
    page = make_guide_page(body=[LETTER])
    html = client.get(page.url).content.decode()
    link = f"{page.url}letters/asking-for-an-assessment/"
    assert f'href="{link}"' in html
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert 'filename="asking-for-an-assessment.txt"' in response["Content-Disposition"]
    assert "Please assess [child's name].\r\n" in response.content.decode()
    assert client.get(f"{page.url}letters/no-such-letter/").status_code == 404


def test_readability_names_the_longest_sentences():
    easy = measure(["You can ask for help. The school must listen to you."])
    assert easy.grade <= 6 and not easy.too_hard
    hard = measure(
        [
            "Notwithstanding the aforementioned considerations, the responsible commissioning "
            "body shall arrange the specified healthcare provision forthwith.",
            "Ask us.",
        ]
    )
    assert hard.too_hard and hard.reading_age > 11
    assert hard.longest_sentences[0][1].startswith("Notwithstanding")
    assert measure([]) is None


def test_a_guide_page_takes_a_fixed_number_of_queries(
    client, make_guide_page, glossary, django_assert_max_num_queries
):
    page = make_guide_page(body=[LETTER] * 3)
    client.get(page.url)  # warm the site and settings caches
    with django_assert_max_num_queries(20):
        assert client.get(page.url).status_code == 200


def test_the_site_search_finds_guide_pages_with_their_summaries(client, make_guide_page):
    make_guide_page("Mediation", summary="A meeting to help you and the council agree.")
    make_guide_page("Draft mediation notes", live=False)
    html = client.get("/search/", {"q": "mediation"}).content.decode()
    assert "In the guide (1)" in html
    assert "A meeting to help you and the council agree." in html


def test_officers_search_the_glossary_in_the_admin(client, officer, glossary):
    # The admin's snippet search restricts to named fields, which the SQLite FTS index lacks
    # (search/backends/sqlite.py widens it rather than failing).
    client.force_login(officer)
    response = client.get("/admin/snippets/guidance/glossaryterm/", {"q": "EHC"})
    assert response.status_code == 200
    assert "EHC plan" in response.content.decode()
    response = client.get("/admin/snippets/guidance/parentcarerforum/", {"q": "north"})
    assert response.status_code == 200


def test_a_page_about_a_term_does_not_explain_it_in_brackets(client, make_guide_page, glossary):
    body = [{"type": "text", "value": "<p>An EHC plan is a legal paper about SEND.</p>"}]
    page = make_guide_page("EHC plans explained", body=body)
    html = client.get(page.url).content.decode()
    assert 'id="first-ehc-plan"' not in html
    assert 'id="first-send"' in html


def test_a_long_page_lists_its_sections_on_this_page(client, make_guide_page):
    body = [
        {"type": "text", "value": "<h2>First</h2><p>One.</p><h2>First</h2><p>Two.</p>"},
        {
            "type": "questions",
            "value": {"heading": "Questions", "questions": [{"question": "Q?", "answer": "A."}]},
        },
    ]
    html = client.get(make_guide_page(body=body).url).content.decode()
    assert "On this page" in html
    assert '<h2 id="first">First</h2>' in html and '<h2 id="first-2">First</h2>' in html
    assert '<a href="#first-2">First</a>' in html and '<a href="#questions">Questions</a>' in html
    short = make_guide_page("Short page", body=[{"type": "text", "value": "<p>Hi.</p>"}])
    assert "On this page" not in client.get(short.url).content.decode()


def test_on_this_page_lists_real_sections_only(client, make_guide_page):
    law = {
        "type": "law",
        "value": {"summary": "The council must decide.", "citation": "Act, s1", "source_url": ""},
    }
    body = [
        {"type": "text", "value": "<p>Intro.</p>"},
        law,
        {"type": "text", "value": "<h2>Disability</h2><p>More.</p>"},
        law,
        {
            "type": "steps",
            "value": {"heading": "How to ask", "steps": [{"heading": "Write", "text": "Go."}]},
        },
        law,
        LETTER,
    ]
    html = client.get(make_guide_page(body=body).url).content.decode()
    nav = html[html.index('class="contents-list"') :]
    nav = nav[: nav.index("</nav>")]
    assert "What the law says" not in nav
    links = [item.split("</li>")[0] for item in nav.split("<li>")[1:]]
    assert links == [
        '<a href="#disability">Disability</a>',
        '<a href="#how-to-ask">How to ask</a>',
        '<a href="#template-letter-asking-for-an-assessment">'
        "Template letter: Asking for an assessment</a>",
    ]
    assert '<h2 class="heading-l" id="how-to-ask">How to ask</h2>' in html
    assert html.count("What the law says") == 3  # still shown, as call-outs, in the page


def test_every_guide_block_previews_in_the_block_picker(client, officer):
    from guidance.blocks import GuideStreamBlock

    client.force_login(officer)
    for name, block in GuideStreamBlock().child_blocks.items():
        assert block.is_previewable, name
        assert block.get_description(), name
        response = client.get("/admin/block-preview/", {"id": block.definition_prefix})
        assert response.status_code == 200, name
        assert "/static/css/site.css" in response.content.decode(), name
