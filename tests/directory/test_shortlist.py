"""The family's shortlist and compare pages, without JavaScript."""

import re
import time
from unittest import mock

import pytest

from directory import standard


@pytest.mark.django_db
def test_shortlist_and_compare_without_javascript(client, area):
    first, second = area["near_rp"], area["near_mainstream_rp"]
    for listing in (first, second):
        response = client.post(
            "/directory/shortlist/change/",
            {"id": listing.pk, "action": "add", "next": "/directory/"},
        )
        assert response.status_code == 302 and response["Location"] == "/directory/"
    page = client.get("/directory/shortlist/").content.decode()
    assert first.name in page and second.name in page
    compare_url = f"/directory/compare/?ids={first.pk},{second.pk}"
    assert compare_url in page

    response = client.get(compare_url)
    assert response.status_code == 200
    html = response.content.decode()
    for item in standard.items_for("school"):
        assert item.label.replace("'", "&#x27;") in html
    assert html.count("Not published by this setting") >= 2

    client.post("/directory/shortlist/change/", {"id": first.pk, "action": "remove"})
    assert first.name not in client.get("/directory/shortlist/").content.decode()


@pytest.mark.django_db
def test_shortlist_refuses_bad_ids_and_offsite_redirects(client, area):
    response = client.post(
        "/directory/shortlist/change/", {"id": "abc", "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == "/directory/shortlist/"
    assert client.get("/directory/shortlist/change/").status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("ids", ["", "1", "abc", "1,2,3,4,5", "999998,999999"])
def test_compare_needs_two_to_four_real_listings(client, area, ids):
    response = client.get("/directory/compare/", {"ids": ids})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


def add(client, listing, next_url="/directory/"):
    return client.post(
        "/directory/shortlist/change/", {"id": listing.pk, "action": "add", "next": next_url}
    )


@pytest.mark.django_db
def test_compare_marks_differences_and_can_show_only_them(client, area):
    first, second = area["near_rp"], area["near_mainstream_rp"]
    url = f"/directory/compare/?ids={first.pk},{second.pk}"
    html = client.get(url).content.decode()
    # The needs differ (autism only; autism and speech), the SENCo's name is missing from both.
    needs_row = re.search(
        r"<tr[^>]*>\s*<th scope=\"row\">Needs it makes provision for.*?</tr>", html, re.S
    )
    assert 'class="compare-table__row--differs"' in needs_row.group(0)
    assert "Differs" in needs_row.group(0)
    senco_row = re.search(
        r"<tr[^>]*>\s*<th scope=\"row\">The SENCo&#x27;s name.*?</tr>", html, re.S
    )
    assert "differs" not in senco_row.group(0)
    differences_link = f"?ids={first.pk},{second.pk}&amp;differences=1"
    assert differences_link in html

    only = client.get(url + "&differences=1").content.decode()
    assert "Needs it makes provision for" in only
    assert "The SENCo&#x27;s name" not in only
    assert "Show every row" in only
    # Every cell names its school, for the stacked layout on small screens.
    assert f'<td data-label="{first.name}">' in only


@pytest.mark.django_db
def test_compare_shows_distance_from_the_familys_postcode(client, area):
    first, far = area["near_rp"], area["far_rp"]
    html = client.get(
        "/directory/compare/", {"ids": f"{first.pk},{far.pk}", "postcode": "nb1 1aa"}
    ).content.decode()
    assert "Distance from NB1 1AA" in html
    miles = re.findall(r"<td data-label=\"[^\"]+\">([\d.]+) miles</td>", html)
    assert len(miles) == 2 and float(miles[0]) < 1 < 15 < float(miles[1])
    unknown = client.get("/directory/compare/", {"ids": f"{first.pk},{far.pk}", "postcode": "ZZ9"})
    assert unknown.status_code == 200  # compare still works without the distance
    html = unknown.content.decode()
    assert "We could not find the postcode" in html and 'aria-invalid="true"' in html
    assert "Distance from" not in html


@pytest.mark.django_db
def test_the_postcode_is_passed_from_search_to_shortlist_to_compare(client, area):
    first, second = area["near_rp"], area["near_mainstream_rp"]
    add(client, first)
    add(client, second)
    html = client.get("/directory/", {"postcode": "NB1 1AA"}).content.decode()
    assert 'href="/directory/shortlist/?postcode=NB1%201AA"' in html
    html = client.get("/directory/shortlist/", {"postcode": "NB1 1AA"}).content.decode()
    assert f"/directory/compare/?ids={first.pk},{second.pk}&amp;postcode=NB1+1AA" in html


@pytest.mark.django_db
def test_the_shortlist_is_kept_in_a_signed_cookie_for_30_days(client, area):
    first = area["near_rp"]
    response = add(client, first)
    cookie = response.cookies["shortlist"]
    assert cookie["max-age"] == 30 * 24 * 3600
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert str(first.pk) in cookie.value and ":" in cookie.value  # value:timestamp:signature

    # A new visit (no session) still has it; a forged cookie is ignored.
    other = type(client)()
    other.cookies["shortlist"] = cookie.value
    assert first.name in other.get("/directory/shortlist/").content.decode()
    forged = type(client)()
    forged.cookies["shortlist"] = cookie.value.replace(str(first.pk), str(area["far_rp"].pk), 1)
    assert "Your shortlist is empty" in forged.get("/directory/shortlist/").content.decode()

    # After 30 days it is gone.
    later = time.time() + 31 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=later):
        assert "Your shortlist is empty" in other.get("/directory/shortlist/").content.decode()


@pytest.mark.django_db
def test_a_shared_link_opens_the_shortlist_for_anyone_who_can_keep_it(client, area):
    first, second = area["near_rp"], area["near_mainstream_rp"]
    add(client, first)
    add(client, second)
    html = client.get("/directory/shortlist/").content.decode()
    share = f"http://testserver/directory/shortlist/?ids={first.pk},{second.pk}"
    assert share in html

    adviser = type(client)()
    response = adviser.get(share)
    assert response.status_code == 200
    html = response.content.decode()
    assert "A shared shortlist" in html
    assert first.name in html and second.name in html
    assert "Keep this as my shortlist" in html
    response = adviser.post(
        "/directory/shortlist/change/", {"action": "keep", "ids": f"{first.pk},{second.pk}"}
    )
    assert response.status_code == 302
    html = adviser.get("/directory/shortlist/").content.decode()
    assert "Your shortlist" in html and first.name in html and second.name in html

    for bad in ("abc", "1,2,3,4,5"):
        response = adviser.get("/directory/shortlist/", {"ids": bad})
        assert response.status_code == 400
        assert "This shortlist link is not valid" in response.content.decode()
    response = adviser.post("/directory/shortlist/change/", {"action": "keep", "ids": "999999"})
    assert response.status_code == 302
    assert first.name in adviser.get("/directory/shortlist/").content.decode()  # unchanged
