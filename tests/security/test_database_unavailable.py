"""While the database restarts, families and staff get a clear "try again in a moment" page
(503, Retry-After), not a server error (issue 23, item 14)."""

import pytest
from django.db import OperationalError
from django.db.backends import utils
from django.test import Client

import roles

from ..conftest import PASSWORD


@pytest.fixture
def database_down(monkeypatch):
    """Every query fails as it does while PostgreSQL restarts."""

    def refuse(self, *args, **kwargs):
        raise OperationalError("terminating connection due to administrator command")

    def take_down():
        monkeypatch.setattr(utils.CursorWrapper, "execute", refuse)
        monkeypatch.setattr(utils.CursorWrapper, "executemany", refuse)

    return take_down


@pytest.mark.django_db
def test_pages_and_publishing_answer_503_with_retry_after(
    demo_site, make_user, make_setting, database_down
):
    school = make_setting("Oakfield Primary School")
    make_user("officer1", roles.LOCAL_OFFER_OFFICERS)
    family, officer = Client(raise_request_exception=False), Client(raise_request_exception=False)
    assert officer.login(username="officer1", password=PASSWORD)
    edit = f"/admin/directory/settings/edit/{school.pk}/"
    database_down()
    for client, method, address in (
        (family, "get", "/"),
        (family, "get", f"/directory/{school.slug}/"),
        (family, "get", "/directory/?q=school"),
        (officer, "get", "/admin/"),
        (officer, "post", edit),
    ):
        response = getattr(client, method)(address)
        assert response.status_code == 503, (address, response.status_code)
        assert response["Retry-After"] == "5"
        assert "try again in a moment" in response.content.decode().lower()
    assert family.get("/healthz").status_code == 503
