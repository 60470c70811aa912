"""With Redis away, pages are slower, never broken: every page reads the cache."""

from __future__ import annotations

import pytest
from django.urls import reverse

from config.settings import redis_cache

from .factories import EntryFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


def test_pages_still_answer_while_redis_is_down(client, settings, athlete, coach, drills):
    """Every page reads the cache: an outage must cost speed, not an error page."""
    settings.CACHES = {"default": redis_cache("redis://127.0.0.1:1/0")}  # nothing listens there
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    session = TrainingSessionFactory(athlete=athlete)
    EntryFactory(session=session, exercise=drills[0], pain_left=3)
    client.force_login(athlete)
    for url in (
        reverse("home"),
        reverse("sessions:create"),
        reverse("sessions:list"),
        reverse("sessions:progress"),
        session.get_absolute_url(),
    ):
        assert client.get(url).status_code == 200, url
    assert b"," in client.get(reverse("sessions:export")).getvalue()
    client.force_login(coach)
    assert "Alice" in client.get(reverse("coaching:dashboard")).content.decode()
