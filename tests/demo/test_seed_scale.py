import io

import pytest
from django.core.management import call_command
from wagtail.models import Site

from directory.models import Listing, LocalAuthority, Postcode
from inclusion.models import SchoolFigures


@pytest.mark.django_db
def test_seed_scale_is_idempotent_and_consistent(authority):
    call_command("seed_scale", "--listings", "300", stdout=io.StringIO(), stderr=io.StringIO())
    assert Listing.objects.filter(slug__startswith="scale-").count() == 300
    assert LocalAuthority.objects.filter(code__gte="801", code__lte="953").count() == 153
    assert Postcode.objects.filter(outward__startswith="Q").count() == 153 * 40
    # A national instance: every authority has its own Local Offer site.
    assert Site.objects.filter(hostname__startswith="la").count() == 153
    assert LocalAuthority.objects.filter(code="801", site__hostname="la801.localhost").exists()
    assert 150 < Listing.objects.filter(kind="setting").count() < 270
    first = list(Listing.objects.order_by("pk").values())
    out = io.StringIO()
    call_command("seed_scale", "--listings", "300", stdout=out, stderr=io.StringIO())
    assert "0 listings created" in out.getvalue()
    # Its state-funded schools have DfE-format published figures, imported once.
    assert SchoolFigures.objects.filter(dataset="sen").count() > 100
    assert "Inclusion figures: 0 sen school-years new or changed" in out.getvalue()
    assert list(Listing.objects.order_by("pk").values()) == first

    # The bulk writer stores what save() would have derived.
    for listing in Listing.objects.order_by("?")[:25]:
        specific = listing.specific
        stored = {name: getattr(specific, name) for name in Listing.DERIVED_FIELDS}
        specific.refresh_derived()
        assert stored == {name: getattr(specific, name) for name in Listing.DERIVED_FIELDS}


@pytest.mark.django_db
def test_seed_scale_listings_are_searchable(authority, client):
    call_command("seed_scale", "--listings", "120", stdout=io.StringIO(), stderr=io.StringIO())
    html = client.get("/directory/", {"q": "support"}).content.decode()
    assert "0 schools and services found" not in html
