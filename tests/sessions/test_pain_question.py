"""Saving a routine with no pain rated asks once, gently, whether anything hurt."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sessions.models import Entry, TrainingSession
from tests.browser_forms import routine_values

pytestmark = pytest.mark.django_db
LOG_URL = reverse("sessions:create")


@pytest.fixture
def unrated(athlete_client, drills) -> dict:
    values = routine_values(athlete_client.get(LOG_URL))
    del values["unrated_ok"]
    values["session-notes"] = "Legs heavy."
    return values


def test_nothing_rated_asks_first_and_keeps_what_was_typed(athlete_client, unrated):
    response = athlete_client.post(LOG_URL, unrated)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Did anything hurt?" in html
    assert "Legs heavy." in html
    assert not TrainingSession.objects.exists()


def test_no_pain_anywhere_rates_every_drill_done_zero(athlete_client, athlete, unrated):
    response = athlete_client.post(LOG_URL, unrated | {"no_pain": "1"})
    assert response.status_code == 302
    entries = Entry.objects.filter(session__athlete=athlete, done=True)
    assert entries.count() == 6
    for entry in entries:
        assert entry.peak_pain == 0, entry.exercise.name
        assert None not in (
            [entry.pain_left, entry.pain_right] if entry.pain is None else [entry.pain]
        )


def test_saving_without_rating_is_an_answer_too(athlete_client, athlete, unrated):
    assert athlete_client.post(LOG_URL, unrated | {"unrated_ok": "1"}).status_code == 302
    assert not Entry.objects.filter(session__athlete=athlete, peak_pain__isnull=False).exists()


def test_a_rated_routine_is_saved_without_a_question(athlete_client, unrated):
    assert athlete_client.post(LOG_URL, unrated | {"toe-raises-pain": "2"}).status_code == 302
    assert TrainingSession.objects.count() == 1


def test_no_pain_leaves_a_score_given_alone(athlete_client, athlete, unrated):
    athlete_client.post(LOG_URL, unrated | {"toe-raises-pain": "3", "no_pain": "1"})
    toe_raises = Entry.objects.get(session__athlete=athlete, exercise__slug="toe-raises")
    assert toe_raises.pain == 3
