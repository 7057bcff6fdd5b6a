import datetime
import re

import pytest
from django.utils import timezone

from directory.accountability import authority_summary


@pytest.mark.django_db
def test_figures_per_authority_on_known_data(client, make_setting, make_service, other_authority):
    today = timezone.localdate()
    old = today - datetime.timedelta(days=400)
    # Northbrook: one listing reviewed long ago, three recent.
    make_setting("A School", last_reviewed_on=old)
    make_setting("B School")
    make_setting("C School")
    make_service("D Service", last_reviewed_on=today)
    make_setting("Southmere School", authority=other_authority, last_reviewed_on=None)
    rows, national = authority_summary()
    northbrook = next(row for row in rows if row.authority.name == "Northbrook")
    assert northbrook.total.listings == 4
    assert northbrook.by_kind["setting"].listings == 3
    assert northbrook.by_kind["service"].listings == 1
    assert northbrook.total.share_stale == 25
    southmere = next(row for row in rows if row.authority.name == "Southmere")
    assert southmere.total.share_stale == 100  # never reviewed counts as out of date
    assert national.total.listings == 5 and national.total.share_stale == 40

    html = client.get("/directory/transparency/").content.decode()
    assert re.search(
        r'la=990">Northbrook</a></th>\s*<td class="numeric">3</td>\s*'
        r'<td class="numeric">1</td>',
        html,
    )
    assert "5 listings in 2 local authorities" in html


@pytest.mark.django_db
def test_unpublished_listings_do_not_count(client, make_setting):
    draft = make_setting("Draft School")
    draft.live = False
    draft.save()
    rows, national = authority_summary()
    assert national.total.listings == 0
    assert (
        "No listings have been published yet."
        in client.get("/directory/transparency/").content.decode()
    )
