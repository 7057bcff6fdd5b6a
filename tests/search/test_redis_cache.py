"""Kept pages and the shared cache in a real Redis (REDIS_URL in production): pages are kept
there, and while Redis restarts, is stopped or does not answer, families still get every page,
rendered for them (never a 500); once it is back pages are kept there again."""

import socket
import time

import pytest
from django.test import override_settings

from localoffer import redis_cache

BACKEND = "localoffer.redis_cache.RedisCacheThatFailsOpen"


def in_redis(url):
    """The caches as settings/production.py makes them with REDIS_URL."""
    return {
        "default": {"BACKEND": BACKEND, "LOCATION": url},
        "pages": {"BACKEND": BACKEND, "LOCATION": url, "KEY_PREFIX": "pages"},
        "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }


@pytest.fixture
def retry_soon(monkeypatch):
    monkeypatch.setattr(redis_cache, "RETRY_AFTER_SECONDS", 0.2)


def served(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response["X-Page-Served"]


@pytest.mark.django_db
def test_pages_are_kept_in_redis_and_served_while_it_restarts(
    client, area, redis_server, retry_soon
):
    search, profile = "/directory/?age=7", f"/directory/{area['near_rp'].slug}/"
    with override_settings(CACHES=in_redis(redis_server.url)):
        assert served(client, search) == "rendered"
        assert served(client, search) == "kept"
        assert served(client, profile) == "rendered"
        assert any(b"pages" in key for key in redis_server.stored_keys())

        redis_server.stop()
        assert served(client, search) == "rendered"  # not kept anywhere, but served
        assert served(client, profile) == "rendered"
        assert "Near Primary" in client.get(profile).content.decode()

        redis_server.start()  # empty, as a Redis restarted without persistence is
        time.sleep(0.3)
        assert served(client, search) == "rendered"
        assert served(client, search) == "kept"


@pytest.mark.django_db
def test_a_redis_that_does_not_answer_holds_no_family_up(client, area, retry_soon):
    """A host that accepts the connection and never replies (a hung Redis, a firewall): the
    first request waits at most the socket timeout, the next ones not at all."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)  # connections complete in the backlog; nothing ever answers
    try:
        url = f"redis://127.0.0.1:{silent.getsockname()[1]}/0"
        with override_settings(CACHES=in_redis(url)):
            started = time.monotonic()
            assert served(client, "/directory/?age=7") == "rendered"
            first = time.monotonic() - started
            started = time.monotonic()
            assert served(client, "/directory/?age=8") == "rendered"
            second = time.monotonic() - started
        assert first < redis_cache.ANSWER_TIMEOUT * 4 + 2
        assert second < first
    finally:
        silent.close()
