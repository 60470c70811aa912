"""One pain model (sessions/pain.py): the coach's flags, the history's highlights and the
progress hints agree on the same data, case by case (issue 13)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from insights.dashboard import summarise
from insights.progress import Advice
from sessions import pain as pain_model
from sessions.models import TrainingSession
from tests.factories import logged_routine

pytestmark = pytest.mark.django_db

# Heel drops in the last week, oldest first: (days ago, pain during, morning-after pain), then
# what each page must say: the dashboard's flag kinds (pain: red, trend: amber), how many
# sessions the history highlights, and the heel-drop hint on the progress page.
CASES = {
    "all safe and settled": ([(5, 1, None), (3, 1, None), (1, 1, None)], set(), 0, Advice.READY),
    "rising but all safe (0 → 1 → 2)": (
        [(5, 0, None), (3, 1, None), (1, 2, None)],
        set(),
        0,
        Advice.READY,
    ),
    "rising into acceptable (2 → 3 → 4)": (
        [(5, 2, None), (3, 3, None), (1, 4, None)],
        {"trend"},
        0,
        Advice.HOLD,
    ),
    "5 is acceptable, not comfortable": (
        [(5, 1, None), (3, 1, None), (1, 5, None)],
        set(),
        0,
        Advice.HOLD,
    ),
    "6 is too much": ([(5, 1, None), (3, 1, None), (1, 6, None)], {"pain"}, 1, Advice.STEP_BACK),
    "6 earlier this week holds": (
        [(5, 6, None), (3, 1, None), (1, 1, None)],
        {"pain"},
        1,
        Advice.HOLD,
    ),
    "morning after 3 has settled": (
        [(5, 1, None), (3, 1, None), (1, 1, 3)],
        set(),
        0,
        Advice.READY,
    ),
    "morning after 4 has not settled": (
        [(5, 1, None), (3, 1, None), (1, 1, 4)],
        {"pain"},
        1,
        Advice.HOLD,
    ),
    "morning after 6 is too much": (
        [(5, 1, None), (3, 1, None), (1, 1, 6)],
        {"pain"},
        1,
        Advice.STEP_BACK,
    ),
    "morning after above the usual 0": (
        [(30, 1, 0), (25, 1, 0), (20, 1, 0), (5, 1, 0), (3, 1, 0), (1, 1, 2)],
        {"trend"},
        0,
        Advice.HOLD,
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_dashboard_history_and_progress_agree(client, athlete, coach, drills, case):
    sessions, flag_kinds, highlighted, advice = CASES[case]
    now = timezone.now()
    for days_ago, pain, after in sessions:
        logged_routine(
            athlete=athlete,
            performed_at=now - timedelta(days=days_ago),
            morning_after_pain=after,
            **{
                "eccentric-heel-drops": {
                    "pain": pain,
                    "variant": "Double leg",
                    "parts": "prescribed",
                }
            },
        )

    dashboard = summarise([athlete], now=now)[0].flag_kinds() - {"missed"}
    history = TrainingSession.objects.filter(athlete=athlete).with_summary()
    client.force_login(athlete)
    report = client.get(reverse("insights:progress")).context["report"]
    hint = report.figures.heel_drop_hint

    assert dashboard == flag_kinds
    assert sum(session.is_flagged for session in history) == highlighted
    assert hint.advice == advice
    # Never a contradiction: no "ready" beside a coach's flag, no red without a hold or step back.
    if hint.advice == Advice.READY:
        assert not dashboard
    if "pain" in dashboard:
        assert hint.advice in (Advice.HOLD, Advice.STEP_BACK)
    # The coach reads the same pages: the history page highlights the same sessions.
    client.force_login(coach)
    html = client.get(reverse("insights:athlete", args=[athlete.pk])).content.decode()
    assert html.count("border-danger flagged") == highlighted


def test_the_coachs_history_says_what_flagged_means_as_the_pain_model_decides(
    client, athlete, coach, drills
):
    """The sentence once said "pain of 5 or more", where the model flags only above 5."""
    now = timezone.now()
    for days_ago, pain, after in [(3, 5, None), (2, 6, None), (1, 1, 4)]:
        logged_routine(
            athlete=athlete,
            performed_at=now - timedelta(days=days_ago),
            morning_after_pain=after,
            **{"eccentric-heel-drops": {"pain": pain, "variant": "Double leg"}},
        )
    client.force_login(coach)
    html = client.get(reverse("insights:athlete", args=[athlete.pk])).content.decode()

    assert "Sessions with pain above 5, or a morning after above 3, are marked" in html
    assert html.count("border-danger flagged") == 2  # pain 6, and the morning after of 4


@pytest.mark.parametrize(
    ("pain", "band"),
    [(0, "low"), (3, "low"), (4, "mid"), (5, "mid"), (6, "high"), (10, "high"), (None, "")],
)
def test_the_bands_are_safe_acceptable_and_too_much(pain, band):
    assert pain_model.band(pain) == band
    assert pain_model.is_flagged(pain) is (band == "high")


@pytest.mark.parametrize(
    ("after", "usual", "unsettled"),
    [(3, None, False), (4, None, True), (2, 1, True), (1, 1, False), (3, 5, False), (4, 5, True)],
)
def test_a_morning_after_has_not_settled_above_3_or_above_the_usual(after, usual, unsettled):
    assert pain_model.unsettled(after, usual=usual) is unsettled


def test_the_usual_morning_is_the_median_of_the_latest_ratings():
    assert pain_model.usual_morning([2, 0, 0, 1, 5]) == 1
    assert pain_model.usual_morning([]) is None
