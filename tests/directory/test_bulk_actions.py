"""Bulk-action pages (/admin/bulk/<app>/<model>/<action>/?id=...) name only what the user may act
on: an editor learns nothing about other listings or pages by trying ids, and changes nothing."""

import pytest

import roles
from directory.models import Service, Setting
from home.models import HomePage

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_and_other(make_setting):
    own = make_setting("Oakfield Primary School")
    other = make_setting("Elmhurst Secret Draft School", publish_it=False)
    other.save()
    other.save_revision()
    return own, other


@pytest.fixture
def draft_page(demo_site):
    from wagtail.models import Page

    home = HomePage.objects.get()
    page = Page(title="Unannounced Closure Notice", slug="closure", live=False)
    home.add_child(instance=page)
    page.save_revision()
    return page


@pytest.fixture
def senco(client, make_user, link, own_and_other):
    user = make_user("senco", roles.SETTING_EDITORS)
    link(user, own_and_other[0])
    assert client.login(username="senco", password=PASSWORD)
    return user


def names_shown(response, *names):
    html = response.content.decode()
    return [name for name in names if name in html]


@pytest.mark.parametrize("action", ["delete"])
def test_a_setting_editor_cannot_see_or_act_on_another_listing_in_bulk(
    client, senco, own_and_other, action
):
    own, other = own_and_other
    for ids in ([other.pk], [other.pk, own.pk], ["all"]):
        query = "&".join(f"id={pk}" for pk in ids)
        url = f"/admin/bulk/directory/setting/{action}/?{query}"
        response = client.get(url)
        assert not names_shown(response, other.name), (ids, response.status_code)
        client.post(url)
    assert Setting.objects.filter(pk=other.pk).exists()
    assert Setting.objects.filter(pk=own.pk).exists()  # nor their own: editors cannot delete


@pytest.mark.parametrize("action", ["delete", "publish", "unpublish", "move"])
def test_a_setting_editor_cannot_see_or_act_on_pages_in_bulk(
    client, senco, own_and_other, draft_page, action
):
    own, other = own_and_other
    home = HomePage.objects.get()
    for pk in (draft_page.pk, home.pk, other.pk):
        url = f"/admin/bulk/wagtailcore/page/{action}/?id={pk}"
        response = client.get(url)
        assert not names_shown(response, draft_page.title, home.title, other.name)
        client.post(url, {"include_descendants": "on"})
    draft_page.refresh_from_db()
    home.refresh_from_db()
    assert not draft_page.live and home.live


def test_an_officer_still_sees_and_deletes_what_they_may(client, officer, own_and_other):
    own, other = own_and_other
    client.login(username="officer", password=PASSWORD)
    url = f"/admin/bulk/directory/setting/delete/?id={other.pk}"
    assert names_shown(client.get(url), other.name) == [other.name]
    client.post(url)
    assert not Setting.objects.filter(pk=other.pk).exists()


def test_a_service_editor_cannot_see_settings_in_bulk(client, make_user, own_and_other):
    own, other = own_and_other
    make_user("therapist", roles.SERVICE_EDITORS)
    client.login(username="therapist", password=PASSWORD)
    response = client.get(f"/admin/bulk/directory/setting/delete/?id={own.pk}&id={other.pk}")
    assert not names_shown(response, own.name, other.name)
    assert Service.objects.count() == 0


def test_an_officer_still_bulk_publishes_pages_they_may_publish(client, officer, draft_page):
    client.login(username="officer", password=PASSWORD)
    url = f"/admin/bulk/wagtailcore/page/publish/?id={draft_page.pk}"
    assert names_shown(client.get(url), draft_page.title) == [draft_page.title]
    client.post(url, {"include_descendants": ""})
    draft_page.refresh_from_db()
    assert draft_page.live
