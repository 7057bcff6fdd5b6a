"""Every link an editor can enter is relative or uses http, https, mailto or tel."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from directory.links import is_safe_link, validate_link
from guidance.blocks import LawBlock, WhoCanHelpBlock
from guidance.models import ParentCarerForum
from home.models import AuthoritySettings, HomePage

from ..conftest import PASSWORD

SAFE = [
    "/directory/",
    "#contact",
    "?page=2",
    "guide/",
    "https://www.gov.uk/",
    "HTTP://example.org",
    "mailto:team@example.org",
    "tel:+441234567890",
    "//cdn.example.org/x",
]
UNSAFE = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x00javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "ftp://example.org/",
]


@pytest.mark.parametrize("value", SAFE)
def test_safe_links_pass(value):
    assert is_safe_link(value)
    validate_link(value)


@pytest.mark.parametrize("value", UNSAFE)
def test_unsafe_links_are_refused(value):
    assert not is_safe_link(value)
    with pytest.raises(ValidationError, match="Links must start with"):
        validate_link(value)


def home_page_form(url):
    return nested_form_data(
        {
            "title": "Home",
            "slug": "home",
            "intro": rich_text("<p>Welcome</p>"),
            "entry_points": streamfield(
                [
                    (
                        "entry_point",
                        {"heading": "Find a school", "summary": "Search.", "page": "", "url": url},
                    )
                ]
            ),
            "show_help_now": "on",
            "action-publish": "1",
        }
    )


@pytest.mark.django_db
def test_a_javascript_entry_point_is_refused_in_the_page_editor(client, demo_site, make_user):
    make_user("boss")
    assert client.login(username="boss", password=PASSWORD)
    home = HomePage.objects.get()
    revisions = home.revisions.count()

    response = client.post(f"/admin/pages/{home.pk}/edit/", home_page_form("javascript:alert(1)"))
    assert response.status_code == 200
    assert "Links must start with" in response.content.decode()
    assert home.revisions.count() == revisions
    assert "javascript:" not in client.get("/").content.decode()

    response = client.post(f"/admin/pages/{home.pk}/edit/", home_page_form("/directory/"))
    assert response.status_code == 302
    assert 'href="/directory/"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_an_unsafe_link_stored_before_the_rule_is_not_printed(client, demo_site):
    home = HomePage.objects.get()
    home.entry_points = [
        ("entry_point", {"heading": "Old link", "summary": "x", "url": "javascript:alert(1)"})
    ]
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert "Old link" in html
    assert "javascript:" not in html


@pytest.mark.django_db
def test_every_model_link_field_uses_the_rule(demo_site, make_setting):
    settings_for_site = AuthoritySettings.for_site(demo_site)
    settings_for_site.sendias_website = "javascript:alert(1)"
    forum = ParentCarerForum(name="Forum", website="javascript:alert(1)")
    setting = make_setting(publish_it=False)
    for field in ("website", "send_page_url", "accessibility_plan_url"):
        setattr(setting, field, "javascript:alert(1)")
    for obj, fields in (
        (settings_for_site, ["sendias_website"]),
        (forum, ["website"]),
        (setting, ["website", "send_page_url", "accessibility_plan_url"]),
    ):
        with pytest.raises(ValidationError) as refused:
            obj.full_clean()
        for field in fields:
            assert "Links must start with" in str(refused.value.message_dict[field])


def test_the_guides_link_blocks_use_the_rule():
    law = LawBlock()
    with pytest.raises(ValidationError):
        law.clean(
            law.to_python(
                {"summary": "x", "citation": "CFA 2014", "source_url": "javascript:alert(1)"}
            )
        )
    assert law.clean(
        law.to_python(
            {
                "summary": "x",
                "citation": "CFA 2014",
                "source_url": "https://www.legislation.gov.uk/",
            }
        )
    )
    contacts = WhoCanHelpBlock().child_blocks["other_contacts"].child_block
    with pytest.raises(ValidationError):
        contacts.clean(
            contacts.to_python({"name": "IPSEA", "url": "javascript:alert(1)", "phone": ""})
        )
    assert contacts.clean(contacts.to_python({"name": "IPSEA", "url": "https://www.ipsea.org.uk/"}))
