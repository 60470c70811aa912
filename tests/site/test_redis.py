"""Redis as production runs it when REDIS_URL is set: a shared cache that nothing depends on."""

from __future__ import annotations

import os

import pytest
import redis
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from config.settings import redis_cache

from .test_settings import production, read_settings

# Database 15, so the suite never touches data a developer keeps in Redis's default database.
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
# Nothing listens here: Redis as it is while it is stopped.
STOPPED_REDIS_URL = "redis://127.0.0.1:1/0"


def redis_answers() -> bool:
    try:
        return redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not redis_answers(), reason=f"Redis does not answer at {TEST_REDIS_URL}; .ci/run starts it"
    ),
]


@pytest.fixture(autouse=True)
def redis_settings(settings):
    settings.CACHES = {"default": redis_cache(TEST_REDIS_URL)}
    cache.clear()
    yield
    cache.clear()


def test_what_one_container_caches_another_reads():
    cache.set("drill-of-the-day", "toe-raises", 60)

    other_container = redis.Redis.from_url(TEST_REDIS_URL)
    assert other_container.exists(cache.make_and_validate_key("drill-of-the-day"))


def test_production_with_redis_keeps_sessions_in_the_database():
    configured = read_settings("SESSION_ENGINE", **production(REDIS_URL=TEST_REDIS_URL))
    assert configured["SESSION_ENGINE"] == "accounts.session_store"  # the database store


def test_signing_out_while_redis_is_stopped_holds_when_it_comes_back(client, athlete, password):
    client.post(reverse("accounts:login"), {"username": "alice", "password": password})
    old_cookie = client.cookies["sessionid"].value

    with override_settings(CACHES={"default": redis_cache(STOPPED_REDIS_URL)}):
        response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=old_cookie).exists()

    client.cookies["sessionid"] = old_cookie  # Redis is back; the old cookie is tried again
    response = client.get(reverse("sessions:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_pages_serve_while_redis_is_stopped(athlete_client):
    with override_settings(CACHES={"default": redis_cache(STOPPED_REDIS_URL)}):
        for name in ("home", "sessions:list", "sessions:create", "insights:progress"):
            assert athlete_client.get(reverse(name)).status_code == 200
