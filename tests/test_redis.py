"""The cache and sessions on a real Redis, as production runs them when REDIS_URL is set."""

from __future__ import annotations

import os

import pytest
import redis
from django.contrib.sessions.backends.cached_db import KEY_PREFIX
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.urls import reverse

from config.settings import redis_cache

# Database 15, so the suite never touches data a developer keeps in Redis's default database.
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


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
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    cache.clear()
    yield
    cache.clear()


def test_what_one_container_caches_another_reads():
    cache.set("drill-of-the-day", "toe-raises", 60)

    other_container = redis.Redis.from_url(TEST_REDIS_URL)
    assert other_container.exists(cache.make_and_validate_key("drill-of-the-day"))


def test_a_session_lives_in_redis_and_survives_a_redis_restart(client, athlete, password):
    client.post(reverse("accounts:login"), {"username": "alice", "password": password})
    session_key = client.cookies["sessionid"].value

    assert cache.get(KEY_PREFIX + session_key) is not None
    assert Session.objects.filter(session_key=session_key).exists()

    cache.clear()  # Redis restarted empty.

    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 200
    assert response.context["user"] == athlete
