"""The national guide pack names no council's services. Its Who can help blocks link to searches
of the directory instead (`find`), which on each council's site list that council's own services;
a council adds its own services to a page in the admin, and a later version of the pack keeps
them."""

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
import yaml
from django.core.management import call_command
from wagtail.blocks import StreamBlockValidationError

from directory.models import Service, Setting
from directory.taxonomy import ServiceCategory
from guidance.blocks import GuideStreamBlock, WhoCanHelpBlock
from guidance.content_pack import PACK_DIR, SignOff, load_guide, read_pack
from guidance.models import GuidePage
from home.models import HomePage

from .test_load_guide import edit_page_file, load, state_of_the_site

pytestmark = pytest.mark.django_db

PAGE_FILES = sorted((PACK_DIR / "pages").glob("*.yaml"))
NORTHBROOK = "northbrook.localhost"

# Each search in the pack, and a demo listing it must find on Northbrook's site.
EXPECTED = {
    ("early-years", "Speech and language help near you"): "Northbrook Early Talk Drop-in",
    ("early-years", "Nurseries and pre-schools near you"): re.compile(r"Nursery$"),
    (
        "health-and-social-care",
        "Social care for disabled children near you",
    ): "Northbrook Disabled Children's Social Work Team",
    ("health-and-social-care", "Short breaks near you"): "Northbrook Saturday Club Short Breaks",
    ("preparing-for-adulthood", "Help to find work"): "Northbrook Supported Employment Service",
    (
        "preparing-for-adulthood",
        "Supported internships near you",
    ): "Northbrook Council Supported Internships",
    (
        "preparing-for-adulthood",
        "Help to live on your own",
    ): "Northbrook Moving On: Independent Living Skills",
    ("school-transport", "Help with travel to school"): "Northbrook Home to School Transport",
    (
        "medical-conditions-at-school",
        "Children's health services near you",
    ): "Northbrook Community Paediatrics",
    (
        "moving-to-adult-services",
        "Help to live more on your own",
    ): "Northbrook Moving On: Independent Living Skills",
}


def who_can_help_blocks(data):
    return [block["who_can_help"] or {} for block in data["body"] if "who_can_help" in block]


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda path: path.name)
def test_no_page_of_the_pack_names_a_service(path):
    data = yaml.safe_load(path.read_text())
    for block in who_can_help_blocks(data):
        assert "services" not in block, path.name
    spec = next(spec for spec in read_pack().pages if spec.source == f"pages/{path.name}")
    for block in spec.body:
        if block["type"] == "who_can_help":
            assert block["value"]["services"] == []


def test_the_loaded_guide_lists_no_services_even_where_the_directory_has_them(demo_site, authority):
    # The demo's services are in the directory, under the names the pack used to give.
    Service.objects.create(
        authority=authority, name="Saturday Club Short Breaks", category="short-breaks"
    )
    load_guide(HomePage.objects.get(), sign_off=SignOff())
    for page in GuidePage.objects.all():
        for child in page.body:
            if child.block_type == "who_can_help":
                assert list(child.value["services"]) == [], page.slug


def search_links(html):
    """(label, href) of each search link in the page's Who can help boxes."""
    links = []
    for box in re.findall(r'<div class="who-can-help">(.*?)</div>', html, re.DOTALL):
        for href, label in re.findall(
            r'<li class="who-can-help__search"><a href="([^"]+)">([^<]+)</a>', box
        ):
            links.append((unescape(label), unescape(href)))
    return links


def result_names(html):
    return [
        unescape(name)
        for name in re.findall(
            r'<h3 class="result-card__heading"><a href="[^"]*">([^<]+)</a>', html
        )
    ]


def test_each_search_in_the_pack_finds_the_demos_services_on_its_site(client):
    call_command("seed_demo")
    pack = read_pack()
    in_pack = {
        (spec.slug, search["label"])
        for spec in pack.pages
        for block in spec.body
        if block["type"] == "who_can_help"
        for search in block["value"]["find"]
    }
    assert in_pack == set(EXPECTED)  # every search in the pack is checked here
    northbrooks = {
        *Service.objects.filter(authority__code="990").values_list("name", flat=True),
        *Setting.objects.filter(authority__code="990").values_list("name", flat=True),
    }
    seen = set()
    for slug in sorted({slug for slug, _ in EXPECTED}):
        response = client.get(f"/guide/{slug}/", HTTP_HOST=NORTHBROOK)
        assert response.status_code == 200, slug
        for label, href in search_links(response.content.decode()):
            assert urlsplit(href).path == "/directory/", href
            results = client.get(href, HTTP_HOST=NORTHBROOK)
            assert results.status_code == 200, href
            names = result_names(results.content.decode())
            expected = EXPECTED[(slug, label)]
            if isinstance(expected, str):
                assert expected in names, (label, href, names)
            else:
                assert any(expected.search(name) for name in names), (label, href, names)
            # On Northbrook's site the search opens on Northbrook's area.
            assert set(names) <= northbrooks, (label, names)
            seen.add((slug, label))
    assert seen == set(EXPECTED)


def test_the_demo_adds_its_own_services_beside_the_searches(client, django_assert_max_num_queries):
    call_command("seed_demo")
    # 22, and Wagtail's locales (docs/languages.md): the active locale and the site roots'
    # translations (kept in the cache after the first request).
    with django_assert_max_num_queries(25):
        response = client.get("/guide/health-and-social-care/", HTTP_HOST=NORTHBROOK)
    html = response.content.decode()
    box = html[html.index('class="who-can-help"') :]
    box = box[: box.index("</ul>")]
    saturday_club = Service.objects.get(name="Northbrook Saturday Club Short Breaks")
    assert f'href="{saturday_club.get_url()}"' in box
    assert "Short breaks near you" in box and "/directory/?kind=short-breaks" in box
    # Seeding again adds nothing twice.
    call_command("seed_demo")
    page = GuidePage.objects.get(slug="health-and-social-care", alias_of__isnull=True)
    (block,) = [child.value for child in page.body if child.block_type == "who_can_help"]
    assert [service.name for service in block["services"]].count(saturday_club.name) == 1


def test_a_search_by_words_links_to_the_directory_and_finds_the_service(
    demo_site, authority, client, pack_copy, django_assert_max_num_queries
):
    club = Service(
        authority=authority,
        name="Saturday Club",
        category=ServiceCategory.LEISURE,
        summary="Short breaks on Saturdays for disabled children aged 8 to 16.",
        min_age=8,
        max_age=16,
    )
    club.save()
    club.save_revision().publish()

    def add_search(data):
        (block,) = who_can_help_blocks(data)
        block["find"] = [{"label": "Short breaks and clubs", "q": "short breaks"}]

    edit_page_file(pack_copy, "mediation", add_search)
    load("--pack", str(pack_copy), "--publish-as-signed-off")
    with django_assert_max_num_queries(20):
        response = client.get("/guide/mediation/")
    links = search_links(response.content.decode())
    assert links == [("Short breaks and clubs", "/directory/?q=short+breaks")]
    results = client.get(links[0][1])
    assert results.status_code == 200
    assert "Saturday Club" in result_names(results.content.decode())
    # The label counts in the page's reading level: it is text a family reads.
    page = GuidePage.objects.get(slug="mediation")
    (block,) = [child for child in page.body if child.block_type == "who_can_help"]
    assert "Short breaks and clubs" in block.block.reading_text(block.value)


@pytest.mark.parametrize(
    "find, message",
    [
        ([{"q": "short breaks"}], r"block \d+, find 1: missing label"),
        ([{"label": "Short breaks"}], r"find 1: give q \(search words\), kind or need"),
        ([{"label": "Respite", "kind": "respite"}], r"find 1: kind 'respite' is not a type"),
        ([{"label": "Autism", "need": "autism"}], r"find 1: need 'autism' is not a need"),
        (
            [{"label": "Clubs", "q": "clubs", "url": "https://example.org/"}],
            r"find 1: unknown key\(s\) url",
        ),
        ({"label": "Clubs", "q": "clubs"}, r"find is a list of searches"),
        ([{"label": "Clubs", "q": "x" * 201}], r"q is 201 characters"),
        ([{"label": "<strong>Clubs</strong>", "q": "clubs"}], r"label is plain text"),
    ],
)
def test_the_loader_rejects_a_bad_search_naming_the_file_and_block(
    demo_site, pack_copy, find, message
):
    def break_it(data):
        (block,) = who_can_help_blocks(data)
        block["find"] = find

    edit_page_file(pack_copy, "mediation", break_it)
    before = state_of_the_site()
    with pytest.raises(Exception, match=r"mediation\.yaml, block \d+") as raised:
        load("--pack", str(pack_copy))
    assert re.search(message, str(raised.value)), str(raised.value)
    assert state_of_the_site() == before


def test_a_pack_that_names_services_is_told_to_use_searches(demo_site, pack_copy):
    def name_a_service(data):
        (block,) = who_can_help_blocks(data)
        block["services"] = ["Saturday Club Short Breaks"]

    edit_page_file(pack_copy, "mediation", name_a_service)
    with pytest.raises(Exception, match=r"mediation\.yaml, block \d+: services is not part") as e:
        load("--pack", str(pack_copy))
    assert "use find" in str(e.value)
    assert not GuidePage.objects.exists()


def test_a_new_version_of_the_pack_keeps_the_services_a_site_chose(demo_site, authority, pack_copy):
    club = Service.objects.create(
        authority=authority, name="Saturday Club Short Breaks", category="short-breaks"
    )
    load("--pack", str(pack_copy), "--publish-as-signed-off")
    page = GuidePage.objects.get(slug="health-and-social-care")
    # The forum adds its own service to the page, as in the admin.
    body = [(child.block_type, child.value) for child in page.body]
    for block_type, value in body:
        if block_type == "who_can_help":
            value["services"] = [club]
    page.body = body
    page.save_revision().publish()

    edit_page_file(
        pack_copy, "health-and-social-care", lambda data: data.update(summary="New summary.")
    )
    out = load("--pack", str(pack_copy))
    assert "1 pages updated" in out
    draft = GuidePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.summary == "New summary."
    (block,) = [child.value for child in draft.body if child.block_type == "who_can_help"]
    assert [service.pk for service in block["services"]] == [club.pk]
    assert [search["kind"] for search in block["find"]] == ["social-care", "short-breaks"]


def test_an_editors_search_needs_words_a_type_or_a_need():
    stream = GuideStreamBlock()
    value = {
        "heading": "Who can help",
        "text": "",
        "include_sendias": True,
        "services": [],
        "find": [{"label": "Clubs", "q": "", "kind": "", "need": ""}],
        "other_contacts": [],
    }
    with pytest.raises(StreamBlockValidationError):
        stream.clean(stream.to_python([{"type": "who_can_help", "value": value}]))
    value["find"][0]["need"] = "ASD"
    cleaned = stream.clean(stream.to_python([{"type": "who_can_help", "value": value}]))
    (search,) = cleaned[0].value["find"]
    assert search.url() == "/directory/?need=ASD"
    assert "Clubs" in WhoCanHelpBlock().reading_text(cleaned[0].value)


def test_a_forum_editor_sees_the_searches_in_the_page_editor(demo_site, client, make_user):
    import roles

    load_guide(HomePage.objects.get(), sign_off=SignOff())
    page = GuidePage.objects.get(slug="school-transport")
    client.force_login(make_user("forum-editor", roles.FORUM_EDITORS))
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Searches of the directory" in html
    assert "Help with travel to school" in html
