"""The family's shortlist and compare pages, without JavaScript."""

import datetime
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
        assert response.status_code == 302
        assert response["Location"] == f"/directory/#listing-{listing.pk}"
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


@pytest.mark.django_db
def test_adding_returns_to_the_card_and_says_how_full_the_shortlist_is(client, area):
    """Issue 25 (1): on a phone the results are long; an add goes back to the card that was
    added, says so with the count, and a fifth add says why it cannot and what to do."""
    search = "/directory/?la=&order=name"
    page = client.get(search).content.decode()
    names = re.findall(r'<li class="result-card" id="listing-(\d+)">', page)
    assert len(names) >= 5
    first, second, third, fourth, fifth = (int(pk) for pk in names[:5])

    response = client.post(
        "/directory/shortlist/change/", {"id": first, "action": "add", "next": search}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{search}#listing-{first}"
    page = client.get(response["Location"].split("#")[0]).content.decode()
    card = re.search(rf'<li class="result-card" id="listing-{first}">.*?</li>', page, re.S)
    assert "Added — 1 of 4 in your shortlist" in card.group(0)
    assert "Remove from shortlist" in card.group(0)
    # Shown once: the next page does not say it again.
    assert "Added — " not in client.get(search).content.decode()

    client.post("/directory/shortlist/change/", {"id": second, "action": "add", "next": search})
    page = client.get(search).content.decode()
    card = re.search(rf'<li class="result-card" id="listing-{second}">.*?</li>', page, re.S)
    assert "Added — 2 of 4 in your shortlist" in card.group(0)
    for pk in (third, fourth):
        client.post("/directory/shortlist/change/", {"id": pk, "action": "add", "next": search})
    page = client.get(search).content.decode()
    # Full: the other cards say so and point to the shortlist instead of offering Add.
    card = re.search(rf'<li class="result-card" id="listing-{fifth}">.*?</li>', page, re.S)
    assert "Add to shortlist" not in card.group(0)
    assert "Your shortlist is full (4 of 4)" in card.group(0)
    assert 'href="/directory/shortlist/"' in card.group(0)

    # A fifth add from a page loaded before it was full: refused, with the reason, on its card.
    response = client.post(
        "/directory/shortlist/change/", {"id": fifth, "action": "add", "next": search}
    )
    assert response["Location"] == f"{search}#listing-{fifth}"
    page = client.get(search).content.decode()
    card = re.search(rf'<li class="result-card" id="listing-{fifth}">.*?</li>', page, re.S)
    assert "Not added: your shortlist is full" in card.group(0)
    assert "first remove one from your shortlist" in card.group(0)
    assert client.cookies["shortlist"]  # still the same four
    shortlist = client.get("/directory/shortlist/").content.decode()
    assert shortlist.count('class="shortlist__item"') == 4

    # Removing says so, on the card, and frees a place.
    client.post("/directory/shortlist/change/", {"id": first, "action": "remove", "next": search})
    page = client.get(search).content.decode()
    card = re.search(rf'<li class="result-card" id="listing-{first}">.*?</li>', page, re.S)
    assert "Removed — 3 of 4 in your shortlist" in card.group(0)


@pytest.mark.django_db
def test_adding_from_a_profile_returns_to_its_button(client, area):
    listing = area["near_rp"]
    url = listing.get_url()
    response = client.post(
        "/directory/shortlist/change/", {"id": listing.pk, "action": "add", "next": url}
    )
    assert response["Location"] == f"{url}#listing-{listing.pk}"
    page = client.get(url).content.decode()
    assert f'id="listing-{listing.pk}"' in page
    assert "Added — 1 of 4 in your shortlist" in page


@pytest.mark.django_db
def test_a_waiting_message_is_never_kept_in_the_page_everyone_gets(client, area, settings):
    """The page cache serves the same page to every family without a shortlist: a visitor with
    a message waiting is not one of them (their page says what their change did)."""
    listing = area["near_rp"]
    search = "/directory/?la="
    client.post("/directory/shortlist/change/", {"id": listing.pk, "action": "add", "next": search})
    client.post(
        "/directory/shortlist/change/", {"id": listing.pk, "action": "remove", "next": search}
    )
    assert "Removed — your shortlist is now empty" in client.get(search).content.decode()
    from django.test import Client

    assert "Removed — " not in Client().get(search).content.decode()


@pytest.mark.django_db
def test_the_printed_and_shared_shortlist_carries_what_a_family_takes_to_a_visit(
    client, area, django_assert_max_num_queries
):
    """Issue 25 (6): address, distance, SENCo and contact, needs met, waiting time and when it
    was last checked, for each; and a link to copy without JavaScript (a read-only field)."""
    school, service = area["near_rp"], area["therapy"]
    school.address_1, school.town, school.postcode = "1 Mill Lane", "Northbrook", "NB1 1AB"
    school.senco_name, school.senco_phone = "Ms Amara Okafor", "01632 960123"
    school.phone = "01632 960100"
    school.save_revision().publish()
    service.waiting_weeks = 6
    service.waiting_stated_on = datetime.date.today() - datetime.timedelta(days=10)
    service.save_revision().publish()
    ids = f"{school.pk},{service.pk}"
    with django_assert_max_num_queries(25):
        response = client.get("/directory/shortlist/", {"ids": ids, "postcode": "NB1 1AA"})
    html = response.content.decode()
    for expected in (
        "1 Mill Lane",  # address
        "miles from NB1 1AA",  # distance
        "Ms Amara Okafor",  # SENCo
        'href="tel:01632960123"',  # SENCo's phone
        'href="tel:01632960100"',  # the school's own contact
        "Autistic spectrum disorder",  # needs met
        "6 weeks (stated on",  # waiting time
        "Last checked",
    ):
        assert expected in html, expected
    share = f"/directory/shortlist/?ids={ids}&amp;postcode=NB1+1AA"
    field = re.search(r'<input class="input share__field" type="text" id="share-link"[^>]*>', html)
    assert field and "readonly" in field.group(0) and share in field.group(0)
    assert '<label class="label" for="share-link">Copy this link' in html
    assert "<script" not in html
