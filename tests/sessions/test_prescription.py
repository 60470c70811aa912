"""The log follows each drill's prescription: every part, side and variant, read back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from exercises.models import Exercise
from sessions.models import TrainingSession
from tests.browser_forms import routine_values
from tests.factories import logged_routine, part_field, variant_id

pytestmark = pytest.mark.django_db
LOG_URL = reverse("sessions:create")

# Each drill done exactly as the seeded prescription asks, on its first rung:
# (part, side, sets, reps, seconds).
AS_PRESCRIBED = {
    "foot-rolling": [
        ("Roll and pause on tight spots", "left", None, None, 30),
        ("Roll and pause on tight spots", "right", None, None, 30),
    ],
    "ankle-mobility-wall": [
        ("Hold at your farthest spot", "left", None, None, 30),
        ("Hold at your farthest spot", "right", None, None, 30),
    ],
    "foot-inversion-eversion": [
        ("Out", "left", 3, 10, None),
        ("Out", "right", 3, 10, None),
        ("In", "left", 3, 10, None),
        ("In", "right", 3, 10, None),
    ],
    "toe-raises": [
        ("Big toe", "both", 1, 10, None),
        ("Little toes", "both", 1, 10, None),
        ("Toe by toe", "both", 1, 10, None),
    ],
    "eccentric-heel-drops": [
        ("Knee straight", "both", 3, 10, None),
        ("Knee bent", "both", 3, 10, None),
    ],
    "trigger-point-release": [
        ("Pause on each knot, shin and calf", "left", None, None, 60),
        ("Pause on each knot, shin and calf", "right", None, None, 60),
    ],
}
VARIANTS = {"foot-rolling": "Ball", "eccentric-heel-drops": "Double leg"}


def read_back(entry) -> list[tuple]:
    return [
        (row.part.name, row.side, row.sets_done, row.reps_done, row.seconds)
        for row in entry.parts.select_related("part")
    ]


@pytest.mark.parametrize("slug", list(AS_PRESCRIBED))
def test_a_drill_done_as_prescribed_is_one_tap_and_reads_back_every_part_side_and_variant(
    athlete_client, athlete, drills, slug
):
    values = routine_values(athlete_client.get(LOG_URL))
    for drill in drills:  # only this drill, so each one is read back on its own
        if drill.slug != slug:
            values.pop(f"{drill.slug}-done")

    athlete_client.post(LOG_URL, values)

    entry = TrainingSession.objects.get(athlete=athlete).entries.get(exercise__slug=slug)
    assert read_back(entry) == AS_PRESCRIBED[slug]
    assert (entry.variant.name if entry.variant else None) == VARIANTS.get(slug)
    assert all(row.as_prescribed for row in entry.parts.all())
    html = athlete_client.get(entry.session.get_absolute_url()).content.decode()
    for name, side, *_ in AS_PRESCRIBED[slug]:
        assert (name if side == "both" else f"{name}, {side}") in html


def test_single_leg_heel_drops_record_each_part_on_each_leg_with_pain_per_leg(
    athlete_client, athlete, drills
):
    values = routine_values(athlete_client.get(LOG_URL))
    values |= {
        "eccentric-heel-drops-variant": variant_id("eccentric-heel-drops", "Single leg"),
        part_field("eccentric-heel-drops", "Knee bent", "right", "sets"): "2",
        "eccentric-heel-drops-pain_left": "2",
        "eccentric-heel-drops-pain_right": "4",
    }

    athlete_client.post(LOG_URL, values)

    entry = TrainingSession.objects.get(athlete=athlete).entries.get(
        exercise__slug="eccentric-heel-drops"
    )
    assert entry.variant.name == "Single leg"
    assert (entry.pain_left, entry.pain_right, entry.peak_pain) == (2, 4, 4)
    assert read_back(entry) == [
        ("Knee straight", "left", 3, 10, None),
        ("Knee straight", "right", 3, 10, None),
        ("Knee bent", "left", 3, 10, None),
        ("Knee bent", "right", 2, 10, None),
    ]
    assert not entry.parts.get(part__name="Knee bent", side="right").as_prescribed


def test_a_runner_on_single_leg_who_taps_save_keeps_single_leg(athlete_client, athlete, drills):
    """Issue 13: the form defaulted to double leg, so one tap logged a step back."""
    heel = Exercise.objects.get(slug="eccentric-heel-drops")
    logged_routine(
        athlete=athlete,
        performed_at=timezone.now() - timedelta(days=1),
        **{"eccentric-heel-drops": {"variant": "Single leg", "parts": "prescribed"}},
    )

    response = athlete_client.get(LOG_URL)
    assert "Last time: Single leg" in response.content.decode()
    values = routine_values(response)
    assert values["eccentric-heel-drops-variant"] == variant_id(heel.slug, "Single leg")
    athlete_client.post(LOG_URL, values)

    latest = TrainingSession.objects.filter(athlete=athlete).newest_first().first()
    entry = latest.entries.get(exercise=heel)
    assert entry.variant.name == "Single leg"
    assert {row.side for row in entry.parts.all()} == {"left", "right"}


def test_the_frozen_bottle_is_never_the_default_before_a_run_and_refused_there(
    athlete_client, athlete, drills
):
    logged_routine(
        athlete=athlete,
        performed_at=timezone.now() - timedelta(days=1),
        **{"foot-rolling": {"variant": "Frozen bottle"}},
    )
    values = routine_values(athlete_client.get(LOG_URL))
    assert values["foot-rolling-variant"] == variant_id("foot-rolling", "Ball")

    values["foot-rolling-variant"] = variant_id("foot-rolling", "Frozen bottle")
    response = athlete_client.post(LOG_URL, values)
    assert "Frozen bottle is for after a run only" in response.content.decode()

    values["session-timing"] = "post_run"
    assert athlete_client.post(LOG_URL, values).status_code == 302


def test_the_log_form_shows_cautions_cues_and_keeps_notes_behind_more(athlete_client, drills):
    html = athlete_client.get(LOG_URL).content.decode()
    assert html.count('<details class="cautions') == len(drills)
    assert html.count('<details class="more">') == len(drills)
    assert html.count('class="pain-scale"') == 1 + 2 * 5  # toe raises one, the others each side
