from __future__ import annotations

from statistics import mean

import pytest
from django.core.management import CommandError, call_command

from coaching.models import CoachLink
from demo.data import DEMO_PASSWORD
from insights.dashboard import summarise
from sessions.models import Entry, EntryPart, TrainingSession

pytestmark = pytest.mark.django_db


def seed(capsys, *args: str) -> str:
    call_command("seed_demo", *args)
    return capsys.readouterr().out


def test_seed_demo_creates_athletes_coaches_and_prints_logins(capsys, django_user_model):
    out = seed(capsys, "--athletes", "8", "--days", "60", "--coaches", "2")

    assert django_user_model.objects.filter(username__startswith="demo-athlete-").count() == 8
    assert "demo-coach-01" in out and "demo-athlete-001" in out and DEMO_PASSWORD in out
    coach = django_user_model.objects.get(username="demo-coach-01")
    assert coach.check_password(DEMO_PASSWORD)
    sessions = TrainingSession.objects.count()
    assert 8 * 60 * 0.5 < sessions <= 8 * 60  # most days, not every day
    assert Entry.objects.count() == sessions * 6


def test_the_lead_coach_follows_the_number_asked(capsys):
    seed(capsys, "--athletes", "10", "--days", "5", "--coaches", "4", "--lead-coach-athletes", "6")
    counts = {
        coach: CoachLink.objects.filter(coach__username=coach).count()
        for coach in ["demo-coach-01", "demo-coach-02"]
    }
    assert counts == {"demo-coach-01": 6, "demo-coach-02": 3}


def test_demo_data_tells_a_story_coaches_can_see(capsys, django_user_model):
    seed(capsys, "--athletes", "30", "--days", "200", "--coaches", "1")

    wall = Entry.objects.filter(exercise__slug="ankle-mobility-wall", done=True)
    first = wall.order_by("session__performed_at")[:300]
    last = wall.order_by("-session__performed_at")[:300]
    assert mean(e.wall_distance_left_cm for e in last) > mean(
        e.wall_distance_left_cm for e in first
    )
    heel = Entry.objects.filter(exercise__slug="eccentric-heel-drops", done=True)
    assert (
        heel.filter(variant__name="Double leg").exists()
        and heel.filter(variant__name="Single leg").exists()
    )
    # The prescription's shape: single-leg drops have each part on each leg.
    single = heel.filter(variant__name="Single leg").first()
    assert sorted(single.parts.values_list("part__name", "side")) == [
        ("Knee bent", "left"),
        ("Knee bent", "right"),
        ("Knee straight", "left"),
        ("Knee straight", "right"),
    ]
    toes = Entry.objects.filter(exercise__slug="toe-raises", done=True).first()
    assert list(toes.parts.values_list("part__name", flat=True)) == [
        "Big toe",
        "Little toes",
        "Toe by toe",
    ]
    assert not EntryPart.objects.filter(entry__done=False).exists()
    athletes = django_user_model.objects.filter(username__startswith="demo-athlete-")
    kinds = {kind for summary in summarise(athletes) for kind in summary.flag_kinds()}
    assert {"pain", "trend", "missed"} <= kinds


def test_seed_demo_refuses_to_double_up_and_can_reset(capsys, django_user_model):
    seed(capsys, "--athletes", "2", "--days", "3", "--coaches", "1")
    with pytest.raises(CommandError, match="--reset"):
        seed(capsys, "--athletes", "2", "--days", "3")
    assert "nothing changed" in seed(capsys, "--if-empty")

    seed(capsys, "--athletes", "3", "--days", "3", "--coaches", "1", "--reset")
    assert django_user_model.objects.filter(username__startswith="demo-athlete-").count() == 3
