"""Issue 25 (13): the demo: the search says which postcodes it knows, and demo records read
as real ones."""

import re

import pytest
from django.core.management import call_command

from directory.models import Setting

pytestmark = pytest.mark.django_db


def test_the_postcode_hint_and_problem_give_a_postcode_the_directory_knows(client, area):
    html = client.get("/directory/").content.decode()
    hint = re.search(r'<span class="hint" id="id_postcode-hint">([^<]+)</span>', html).group(1)
    assert hint == "your full postcode, or its first half, for example NB1 1AA"
    response = client.get("/directory/", {"postcode": "SW1A 1AA"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "We could not find the postcode “SW1A 1AA”" in page
    assert "Postcodes this directory knows look like NB1 1AA." in page


def test_demo_records_read_as_real_ones(settings):
    call_command("seed_demo", verbosity=0)
    for setting in Setting.objects.all():
        assert not setting.address_1.startswith("Flat"), setting.address_1
        assert not re.search(r"\ba [aeiou]", setting.summary), setting.summary
