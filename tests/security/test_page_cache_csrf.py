"""A kept family page carries each visitor's own CSRF token in its forms, and nowhere else: an
editor who writes the placeholder into a link cannot collect visitors' tokens (issue 23,
item 10)."""

import re

import pytest

from search.page_cache import CSRF_PLACEHOLDER

TOKEN_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.mark.django_db
def test_the_token_goes_only_into_the_token_field(client, demo_site, make_setting):
    school = make_setting(
        "Linkfield Primary", website=f"https://evil.example/collect?t={CSRF_PLACEHOLDER}"
    )
    for visit in range(2):  # rendered for the page cache, then served from it
        client.cookies.clear()
        response = client.get(f"/directory/{school.slug}/")
        assert response.status_code == 200
        html = response.content
        token = client.cookies["csrftoken"].value
        assert f"https://evil.example/collect?t={CSRF_PLACEHOLDER}".encode() in html, visit
        assert token.encode() not in html.replace(b"&amp;", b"&").split(b"evil.example")[1][:200]
        fields = TOKEN_FIELD.findall(html)
        assert fields and all(value != CSRF_PLACEHOLDER.encode() for value in fields), visit
