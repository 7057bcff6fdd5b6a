"""Content-Security-Policy and Permissions-Policy on every response."""

import re

import pytest

from ..conftest import PASSWORD


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ") if part}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "/directory/", "/search/?q=school", "/feedback/", "/healthz", "/no-such-page/"]
)
def test_public_responses_allow_no_script(client, demo_site, path):
    response = client.get(path)
    policy = directives(response)
    assert policy["script-src"] == ["'none'"]
    assert policy["default-src"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_public_pages_carry_no_script_to_run(client, demo_site, make_setting):
    school = make_setting("Oakfield Primary School")
    for path in ("/", "/directory/", school.get_url(), "/feedback/"):
        html = client.get(path).content.decode()
        scripts = re.findall(r"<script[^>]*>", html)
        # Only structured data (JSON-LD), which browsers never run.
        assert all('type="application/ld+json"' in tag for tag in scripts), (path, scripts)
        assert not re.search(r"\son[a-z]+=", html), path


@pytest.mark.django_db
def test_the_admin_has_its_own_policy(client, demo_site, make_user):
    response = client.get("/admin/login/")
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "Permissions-Policy" in response

    make_user("boss")
    assert client.login(username="boss", password=PASSWORD)
    assert directives(client.get("/admin/"))["script-src"] == ["'self'"]
    # Wagtail's user bar on public pages, for people who can use the admin.
    assert directives(client.get("/"))["script-src"] == ["'self'"]
