"""The family's shortlist and compare pages, without JavaScript."""

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
