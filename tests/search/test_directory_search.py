import datetime
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def names(response):
    return re.findall(
        r'class="result-card__heading"><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


@pytest.mark.django_db
def test_autism_resourced_primary_within_five_miles_for_a_seven_year_old(client, area):
    response = client.get(
        "/directory/",
        {"need": "ASD", "kind": "resourced", "age": 7, "postcode": "nb11aa", "radius": 5},
    )
    assert response.status_code == 200
    # The mainstream school with an SEN unit counts as resourced provision; nearest first.
    assert names(response) == ["Near Primary Autism Base", "Near Primary With Unit"]
    html = response.content.decode()
    assert "2 schools and services found" in html
    assert "Within 5 miles of NB1 1AA" in html  # the postcode, normalised
    assert "miles</dd>" in html


@pytest.mark.django_db
def test_each_filter_narrows_and_can_be_removed(client, area):
    every = names(client.get("/directory/"))
    assert len(every) == 6
    assert names(client.get("/directory/", {"age": 15})) == [
        "Near Secondary",
        "Southmere Special School",
        "Speech Therapy Team",
    ]
    assert names(client.get("/directory/", {"la": "991"})) == ["Southmere Special School"]
    assert names(client.get("/directory/", {"kind": "service"})) == ["Speech Therapy Team"]
    assert names(client.get("/directory/", {"need": ["PMLD", "SLCN"]})) == [
        "Near Primary With Unit",
        "Southmere Special School",
        "Speech Therapy Team",
    ]
    # An outward code is the centre of its postcodes.
    assert "Far Primary Autism Base" not in names(
        client.get("/directory/", {"postcode": "NB1", "radius": 10})
    )
    assert "Far Primary Autism Base" in names(
        client.get("/directory/", {"postcode": "NB1", "radius": 25})
    )
    html = client.get("/directory/", {"need": "ASD", "age": 7}).content.decode()
    assert 'href="?age=7"' in html  # removing the need keeps the age


@pytest.mark.django_db
def test_facet_counts_are_for_the_current_search(client, area):
    html = client.get(
        "/directory/", {"age": 7, "postcode": "NB1 1AA", "radius": 5}
    ).content.decode()
    # Within 5 miles and age 7: the two primary bases nearby and the therapy team.
    assert re.search(r'need-ASD">Autistic spectrum disorder <span class="count">\(2\)', html)
    assert re.search(
        r'need-SLCN">Speech, language and communication needs <span class="count">\(2\)', html
    )
    assert re.search(
        r'kind-resourced">Resourced provision or SEN unit <span class="count">\(2\)', html
    )
    assert re.search(r'kind-service">Any service <span class="count">\(1\)', html)
    # The secondary and the therapy team, said so that it cannot be read as an age range.
    assert '<option value="15">Age 15 — 2 results</option>' in html
    assert '<option value="0">Under 1 — ' in html
    assert "Within 25 miles (5)" in html  # the far base joins at 25 miles


@pytest.mark.django_db
def test_words_search_names_needs_and_text(client, area):
    assert names(client.get("/directory/", {"q": "autism"}))[0].endswith("Autism Base")
    assert "Speech Therapy Team" in names(client.get("/directory/", {"q": "speech"}))
    assert names(client.get("/directory/", {"q": "zebra crossing"})) == []
    html = client.get("/directory/", {"q": "zebra crossing"}).content.decode()
    assert "remove some filters" in html and "use different or fewer words" in html


@pytest.mark.django_db
def test_every_word_must_match_but_may_be_in_the_name_or_the_description(
    client, area, make_setting
):
    make_setting("Quarrybank Primary", description="A nurture group for pupils with dyspraxia.")
    assert names(client.get("/directory/", {"q": "quarrybank dyspraxia"})) == ["Quarrybank Primary"]
    assert names(client.get("/directory/", {"q": "quarrybank zebra"})) == []
    html = client.get("/directory/", {"q": "quarrybank dyspraxia", "age": 7}).content.decode()
    assert "1 school and service found" in html


@pytest.mark.django_db
def test_unknown_or_malformed_postcodes_are_form_errors(client, area):
    for postcode, message in (
        ("NB5 5XX", "We could not find the postcode “NB5 5XX”"),
        ("hello", "is not a postcode"),
    ):
        response = client.get("/directory/", {"postcode": postcode, "need": "ASD"})
        # Not a list of every listing, far and near: an error on the field, as for a bad age.
        assert response.status_code == 400
        html = response.content.decode()
        assert "There is a problem" in html
        assert re.search(r'<a href="#id_postcode">[^<]*' + re.escape(message), html)
        assert re.search(r'<p class="error-message" id="id_postcode-error">.*' + message, html)
        assert re.search(r'id="id_postcode"[^>]*aria-describedby="[^"]*id_postcode-error"', html)
        assert re.search(r'id="id_postcode"[^>]*aria-invalid="true"', html)
        assert names(response) == []
        assert 'value="ASD" id="need-ASD" checked' in html  # the family's choices are kept


def selected_order(html):
    return re.search(r'<select[^>]*name="order".*?</select>', html, re.S).group(0)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params, applied",
    [
        ({}, "name"),
        ({"postcode": "NB1 1AA", "order": ""}, "distance"),
        ({"q": "primary", "order": ""}, "relevance"),
        ({"q": "primary", "postcode": "NB1 1AA"}, "distance"),
        ({"order": "distance"}, "name"),  # nearest first needs a postcode
        ({"order": "relevance"}, "name"),  # best match needs words
    ],
)
def test_the_default_order_follows_the_search_and_the_select_shows_it(
    client, area, params, applied
):
    response = client.get("/directory/", params)
    assert response.status_code == 200
    select = selected_order(response.content.decode())
    label = {"name": "name (a to z)", "distance": "nearest first", "relevance": "best match"}
    # The automatic choice is selected and says which order it applies.
    assert f'<option value="" selected>Automatic ({label[applied]})</option>' in select
    assert select.count(" selected") == 1


@pytest.mark.django_db
def test_a_postcode_sorts_nearest_first_and_an_explicit_order_is_kept(client, area):
    response = client.get("/directory/", {"postcode": "NB1 1AA", "radius": 50, "order": ""})
    html = response.content.decode()
    miles = [float(m) for m in re.findall(r"<dt>Distance</dt><dd>([\d.]+) miles", html)]
    assert len(miles) >= 3 and miles == sorted(miles)
    assert "Nearest first" in response.content.decode()
    response = client.get("/directory/", {"postcode": "NB1 1AA", "radius": 50, "order": "name"})
    found = names(response)
    assert found == sorted(found, key=str.lower)
    assert '<option value="name" selected>' in selected_order(response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 10_000},
        {"need": "XYZ"},
        {"age": "-1"},
        {"age": "200"},
        {"age": "seven"},
        {"radius": "0"},
        {"radius": "10000"},
        {"kind": "castle"},
        {"la": "000"},
        {"order": "random"},
    ],
)
def test_bad_input_gets_a_400_with_a_message(client, area, params):
    response = client.get("/directory/", params)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


@pytest.mark.django_db
def test_a_form_with_errors_keeps_every_option_and_the_familys_choices(client, area):
    response = client.get("/directory/", {"need": ["ASD", "SLCN"], "la": "991", "age": "200"})
    assert response.status_code == 400
    html = response.content.decode()
    assert '<a href="#id_age">Enter an age from 0 to 25.</a>' in html
    assert 'value="ASD" id="need-ASD" checked' in html
    assert 'value="SLCN" id="need-SLCN" checked' in html
    assert 'value="PMLD" id="need-PMLD">' in html
    assert re.search(r'<option value="991" selected>[^<(]+</option>', html)  # no counts
    assert 'id="kind-service"' in html


# The worker takes an exclusive lock on SQLite, so this test commits for real.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_listing_indexed_by_a_background_worker_is_found_at_once(
    client, area, make_setting, settings
):
    """With TASKS_BACKEND=database the index entry is written after the listing is saved:
    the search must not keep what it cached in between."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    make_setting("Otterburn Nursery")  # saved and published; its index entry is queued
    assert names(client.get("/directory/", {"q": "otterburn"})) == []
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)
    assert names(client.get("/directory/", {"q": "otterburn"})) == ["Otterburn Nursery"]
    html = client.get("/directory/", {"q": "otterburn", "age": 7}).content.decode()
    assert "1 school and service found" in html


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"q": "primary", "age": 7}, {"q": "autism", "need": "ASD"}])
def test_ranking_broad_filters_among_all_matches_gives_the_same_order(
    client, area, make_setting, needs, monkeypatch, params
):
    """Filters that keep most listings are applied to the best matches overall instead of
    being handed to the backend as ids; the order must not change (nor when too few of
    the best matches are results and it falls back)."""
    for i in range(24):  # more than a page, so that the best matches overall can fill one
        school = make_setting(f"Primary School {i}" + " primary" * (i % 3), min_age=4 + i % 4)
        school.needs.set([needs["ASD"]] if i % 2 else [])
        school.save()
    by_ids = names(client.get("/directory/", params))
    cache.clear()
    monkeypatch.setattr("search.query.LONG_ID_LIST", 0)
    assert by_ids and names(client.get("/directory/", params)) == by_ids


@pytest.mark.django_db
def test_name_order_is_a_to_z_whatever_the_case(client, area, make_setting):
    make_setting("aardvark Nursery")
    make_setting("Zebra Academy")
    found = names(client.get("/directory/", {"order": "name"}))
    assert found[0] == "aardvark Nursery"
    assert found[-1] == "Zebra Academy"
    assert found == sorted(found, key=str.casefold)


@pytest.mark.django_db
def test_page_numbers_out_of_range_show_a_real_page(client, area):
    for page in ("999999", "0", "-3", "abc"):
        assert client.get("/directory/", {"page": page}).status_code == 200


@pytest.mark.django_db
def test_queries_per_page_do_not_grow_with_results(
    client, make_setting, needs, postcodes, django_assert_max_num_queries
):
    def make(n, prefix):
        for i in range(n):
            school = make_setting(f"{prefix} School {i}", latitude=52.6, longitude=-1.5)
            school.needs.set([needs["ASD"], needs["SLCN"]])
            school.save()

    params = {"q": "school", "need": "ASD", "age": 7, "postcode": "NB1 1AA"}
    client.get("/directory/", params)  # warm process-wide caches (content types, site)
    # Both measured requests are the first after a change: the facet index is rebuilt and
    # nothing is cached, so facets and counts are computed.
    make(3, "Alpha")
    cache.clear()
    with django_assert_max_num_queries(20) as few:
        client.get("/directory/", params)
    make(25, "Beta")
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/directory/", params)
    assert "20 schools" not in response.content.decode()  # sanity: pages of 20
    assert len(names(response)) == 20


@pytest.mark.django_db
def test_cached_counts_follow_every_change(client, area, needs):
    def asd_count():
        html = client.get("/directory/", {"age": 7}).content.decode()
        return int(re.search(r'need-ASD">[^<]*<span class="count">\((\d+)\)', html).group(1))

    before = asd_count()
    assert asd_count() == before  # served from the cache
    therapy = area["therapy"]
    therapy.needs.add(needs["ASD"])
    therapy.save()
    assert asd_count() == before + 1
    therapy.delete()
    assert asd_count() == before


@pytest.mark.django_db
def test_site_search_groups_guide_and_directory(client, area, demo_site):
    html = client.get("/search/", {"q": "autism"}).content.decode()
    assert "In the guide" in html and "Schools and services (" in html
    assert "Near Primary Autism Base" in html


PARAM = st.sampled_from(["q", "need", "kind", "age", "la", "postcode", "radius", "page", "order"])
VALUE = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "ASD",
            "NB1",
            "SW1A 1AA",
            "'; DROP TABLE x; --",
            '"autism" OR *:*',
            "NEAR(a b)",
            "-1",
            "200",
            "0",
            "10000",
            "999999",
            "\x00",
            "ü✓",
        ]
    ),
    st.integers(min_value=-(10**6), max_value=10**6).map(str),
)


@pytest.mark.django_db
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(params=st.lists(st.tuples(PARAM, VALUE), max_size=6))
def test_no_query_string_causes_a_server_error(client, area, params):
    response = client.get("/directory/", params and dict(params))
    assert response.status_code in (200, 400)


@pytest.mark.django_db
def test_service_cards_with_waiting_times_cost_no_query_each(
    client, make_service, django_assert_max_num_queries
):
    """Each card shows the service's waiting time: read with the card, not once per card."""

    def make(n, prefix):
        for i in range(n):
            make_service(
                f"{prefix} Therapy {i}",
                waiting_weeks=6 + i,
                waiting_stated_on=datetime.date.today(),
            )

    params = {"q": "therapy"}
    client.get("/directory/", params)  # warm process-wide caches
    make(2, "Alpha")
    cache.clear()
    with django_assert_max_num_queries(20) as few:
        response = client.get("/directory/", params)
    assert "6 weeks (stated on" in response.content.decode()
    make(18, "Beta")
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/directory/", params)
    assert response.content.decode().count("weeks (stated on") == 20


@pytest.mark.django_db
def test_families_filter_by_school_phase(client, area, make_setting):
    """Issue 25 (4): nursery, primary, secondary, post-16, from the register's phase, or for a
    school without one (a special school) from the ages it takes; services have no phase."""
    make_setting(
        "All Ages Special School", setting_type="special", phase="n/a", min_age=2, max_age=19
    )
    assert names(client.get("/directory/", {"phase": "secondary"})) == [
        "All Ages Special School",
        "Near Secondary",
    ]
    # Near Secondary takes pupils to 18: a sixth form.
    assert names(client.get("/directory/", {"phase": "post-16"})) == [
        "All Ages Special School",
        "Near Secondary",
    ]
    assert names(client.get("/directory/", {"phase": "nursery"})) == ["All Ages Special School"]
    primary = names(client.get("/directory/", {"phase": "primary"}))
    assert "Near Primary Autism Base" in primary and "Near Secondary" not in primary
    assert "Speech Therapy Team" not in primary
    both = names(client.get("/directory/", {"phase": ["nursery", "secondary"]}))
    assert both == ["All Ages Special School", "Near Secondary"]

    response = client.get("/directory/", {"phase": "secondary", "age": 15})
    html = response.content.decode()
    assert "School phase: Secondary" in html  # the chip that removes it
    assert 'href="?age=15"' in html
    assert re.search(
        r'id="phase-secondary" checked>\s*<label for="phase-secondary">Secondary '
        r'<span class="count">\(2\)',
        html,
    )
    assert "1 filter" not in html and "2 filters chosen" in html
    assert client.get("/directory/", {"phase": "sixth-form"}).status_code == 400
