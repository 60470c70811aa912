"""Guided mode is the log form, enhanced: the same fields and save, plus what its script needs."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sessions.models import TrainingSession
from tests.browser_forms import routine_values
from tests.factories import part_field

pytestmark = pytest.mark.django_db
LOG_URL = reverse("sessions:create")
GUIDED_URL = f"{LOG_URL}?guided=1"


def test_guided_mode_is_the_same_form_as_the_log(athlete_client, drills):
    plain = routine_values(athlete_client.get(LOG_URL))
    guided = athlete_client.get(GUIDED_URL)

    assert guided.status_code == 200
    assert routine_values(guided).keys() == plain.keys()
    html = guided.content.decode()
    assert '<form method="post" novalidate data-once data-guided>' in html
    assert 'src="/static/js/guided.js"' in html
    assert "guided.js" not in athlete_client.get(LOG_URL).content.decode()


def test_guided_mode_carries_each_drills_instructions_timing_and_dosage(athlete_client, drills):
    html = athlete_client.get(GUIDED_URL).content.decode()

    def rows(slug: str) -> list[str]:
        card = html.split(f'data-drill="{slug}"')[1].split("</section>")[0]
        return re.findall(r'<div class="part-row"[^>]*>', card)

    rolling = rows("foot-rolling")
    assert [
        ('data-side="left"' in r, 'data-hold-min="30" data-hold-max="60"' in r) for r in rolling
    ] == [(True, True), (False, True)]
    assert 'data-side="right"' in rolling[1]
    trigger = rows("trigger-point-release")
    assert all('data-hold-min="60" data-hold-max="120"' in row for row in trigger)
    heel = rows("eccentric-heel-drops")
    assert len(heel) == 6  # two parts: both legs together, then each leg
    assert all('data-sets="3" data-reps="10"' in row and "data-hold" not in row for row in heel)
    assert 'data-part-name="Knee bent" data-side="left" data-sides="each"' in "".join(heel)
    toes = rows("toe-raises")
    assert [re.search(r'data-part-name="([^"]+)"', row).group(1) for row in toes] == [
        "Big toe",
        "Little toes",
        "Toe by toe",
    ]
    assert 'data-drill="foot-inversion-eversion" data-alternate' in html
    for drill in drills:
        assert drill.steps[0].replace("'", "&#x27;") in html
        for caution in drill.caution_list:
            assert caution.replace("'", "&#x27;") in html
    assert html.count('<details class="cautions') == 6


def test_guided_mode_has_no_inline_script_or_style(athlete_client, drills):
    html = athlete_client.get(GUIDED_URL).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)


def test_the_guided_form_saves_the_same_session(athlete_client, athlete, drills):
    values = routine_values(athlete_client.get(GUIDED_URL))
    seconds = part_field("foot-rolling", "Roll and pause on tight spots", "left", "seconds")
    values |= {
        seconds: "90",
        "foot-rolling-pain_left": "2",
        "ankle-mobility-wall-wall_distance_left_cm": "9",
    }
    values.pop("toe-raises-done")

    response = athlete_client.post(GUIDED_URL, values, follow=True)

    session = TrainingSession.objects.with_summary().get(athlete=athlete)
    assert response.redirect_chain[-1][0] == session.get_absolute_url()
    assert "Routine logged." in response.content.decode()
    assert (session.drills_done, session.drills_offered) == (5, 6)
    rolling = session.entries.get(exercise__slug="foot-rolling")
    assert rolling.parts.get(side="left").seconds == 90


def test_a_refused_guided_save_stays_guided_and_keeps_the_input(athlete_client, drills):
    values = routine_values(athlete_client.get(GUIDED_URL))
    values |= {"toe-raises-pain": "11", "session-notes": "Kept"}

    response = athlete_client.post(GUIDED_URL, values)

    assert response.status_code == 200
    html = response.content.decode()
    assert "data-guided" in html
    assert routine_values(response)["session-notes"] == "Kept"
    assert not TrainingSession.objects.exists()


def test_start_routine_from_home_and_from_the_log_page(athlete_client, drills):
    home = athlete_client.get(reverse("home")).content.decode()
    assert f'href="{GUIDED_URL}">Start routine</a>' in home
    assert f'href="{GUIDED_URL}"' in athlete_client.get(LOG_URL).content.decode()


def test_guided_mode_needs_sign_in(client, db):
    response = client.get(GUIDED_URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
