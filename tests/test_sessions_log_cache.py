"""The blank log form is drawn from the cache: what an athlete sees must not go stale."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from crispy_forms.utils import render_crispy_form
from django.test import Client
from django.urls import reverse

from exercises.models import Exercise
from sessions import forms
from sessions.forms import RoutineForm, _dosage_defaults, blank_session_fields
from sessions.models import TrainingSession

from .browser_forms import routine_values
from .factories import EntryFactory, TrainingSessionFactory
from .test_admin import change_data

pytestmark = pytest.mark.django_db
LOG_URL = reverse("sessions:create")


def page(client: Client, url: str = LOG_URL) -> str:
    """The page without what differs on every request: CSRF token and submission token."""
    html = client.get(url).content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'name="session-submission_token" value="[^"]+"', "", html)


def card(html: str, slug: str) -> str:
    return re.search(rf'<section [^>]*data-drill="{slug}".*?</section>', html, re.S)[0]


@pytest.mark.parametrize("url", [LOG_URL, f"{LOG_URL}?guided=1"])
def test_the_cached_log_form_is_the_same_html_as_the_one_drawn(athlete_client, drills, url):
    drawn = page(athlete_client, url)

    with mock.patch.object(forms, "render_crispy_form", wraps=render_crispy_form) as drawing:
        from_cache = page(athlete_client, url)

    assert from_cache == drawn
    assert drawing.call_count == 0
    assert drawn.count('class="card mb-3 drill-card') == len(drills)


@pytest.mark.parametrize("guided", [False, True])
def test_blank_cards_are_what_crispy_forms_draws_for_the_same_values(drills, guided):
    """The blank path, cached or not, against the one every submitted or edited form takes."""
    hints = {drills[1].pk: "last time: 9 cm left, 8 cm right"}
    blank = RoutineForm(drills=drills, guided=guided)
    defaults = {drill.pk: _dosage_defaults(drill) for drill in drills}
    filled_in = RoutineForm(drills=drills, initial=defaults, guided=guided)
    assert not filled_in.is_blank
    for form in (blank, filled_in):
        form.show_last_measures(hints)

    assert blank.drill_cards() == filled_in.drill_cards()
    assert blank.drill_cards() == filled_in.drill_cards()  # now from the cache
    assert blank_session_fields(blank.session_form) == render_crispy_form(blank.session_form)


def test_a_drill_edited_in_the_admin_shows_on_the_log_form_at_once(
    athlete_client, client, staff, drills
):
    before = card(athlete_client.get(LOG_URL).content.decode(), "toe-raises")  # now cached
    assert "Toe raises" in before and "3 × 10" in before
    client.force_login(staff)
    drill = Exercise.objects.get(slug="toe-raises")

    client.post(
        reverse("admin:exercises_exercise_change", args=[drill.pk]),
        change_data(drill, name="Toe yoga", sets=2, reps=12),
    )

    after = card(athlete_client.get(LOG_URL).content.decode(), "toe-raises")
    assert "Toe yoga" in after and "2 × 12" in after
    assert 'name="toe-raises-reps_done" value="12"' in after
    assert "Toe raises" not in after and "3 × 10" not in after


def test_the_last_time_hint_follows_each_new_save(athlete_client, drills):
    assert "Last time" not in athlete_client.get(LOG_URL).content.decode()
    for left, right in (("9", "8"), ("10.5", "9")):
        log_form = routine_values(athlete_client.get(LOG_URL))
        log_form |= {
            "ankle-mobility-wall-wall_distance_left_cm": left,
            "ankle-mobility-wall-wall_distance_right_cm": right,
        }
        assert athlete_client.post(LOG_URL, log_form).status_code == 302

        html = athlete_client.get(LOG_URL).content.decode()
        assert f"Last time: {left} cm left, {right} cm right" in html


def test_a_refused_save_keeps_what_was_typed_with_the_error_at_the_field(athlete_client, drills):
    log_form = routine_values(athlete_client.get(LOG_URL))  # the blank form, now cached
    log_form |= {
        "ankle-mobility-wall-wall_distance_left_cm": "nine",
        "ankle-mobility-wall-notes": "Left ankle <stiff>",
        "toe-raises-sets_done": "2",
        "session-notes": "Windy",
    }

    html = athlete_client.post(LOG_URL, log_form).content.decode()

    field = re.search(r'<input [^>]*name="ankle-mobility-wall-wall_distance_left_cm"[^>]*>', html)
    assert 'value="nine"' in field[0] and "is-invalid" in field[0]
    assert 'aria-invalid="true"' in field[0]
    error = 'id="id_ankle-mobility-wall-wall_distance_left_cm_error" class="invalid-feedback"'
    assert error in html and "Enter a number." in html
    assert "Left ankle &lt;stiff&gt;</textarea>" in html
    assert 'name="toe-raises-sets_done" value="2"' in html
    assert "Windy</textarea>" in html
    assert not TrainingSession.objects.exists()


def test_the_edit_form_shows_the_session_not_a_blank_one(athlete_client, athlete, drills):
    athlete_client.get(LOG_URL)  # blank cards cached
    toe_raises = Exercise.objects.get(slug="toe-raises")
    session = TrainingSessionFactory(athlete=athlete, notes="Felt good")
    EntryFactory(session=session, exercise=toe_raises, sets_done=1, reps_done=7, pain=6)

    html = athlete_client.get(reverse("sessions:update", args=[session.pk])).content.decode()

    assert 'name="toe-raises-reps_done" value="7"' in html
    assert '<option value="6" selected>' in html
    assert "Felt good</textarea>" in html
    assert "session-submission_token" not in html


def test_each_blank_form_gets_its_own_submission_token(athlete_client, drills):
    def token() -> str:
        html = athlete_client.get(LOG_URL).content.decode()
        return re.search(r'name="session-submission_token" value="([^"]+)"', html)[1]

    assert token() != token()
