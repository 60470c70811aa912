"""The progress page: what an athlete sees of their own routines, and only theirs."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from exercises.models import Exercise
from insights import progress
from sessions.models import Entry, TrainingSession
from tests import chart_html
from tests.factories import EntryFactory, TrainingSessionFactory, logged_routine

pytestmark = pytest.mark.django_db
PROGRESS_URL = reverse("insights:progress")


def local_moment(athlete, days_ago: int, hour: int = 7) -> datetime:
    today = timezone.localdate(timezone=athlete.zone)
    return datetime.combine(today - timedelta(days=days_ago), time(hour), athlete.zone)


def log(athlete, days_ago: int, *, morning_after=None, **by_slug):
    """A session `days_ago` days back; by_slug maps a drill's slug to its entry's fields."""
    return logged_routine(
        athlete=athlete,
        performed_at=local_moment(athlete, days_ago),
        morning_after_pain=morning_after,
        **by_slug,
    )


def heel(pain, leg="double"):
    """Heel drops on a rung of the ladder, every part as prescribed."""
    return {"pain": pain, "variant": f"{leg.capitalize()} leg", "parts": "prescribed"}


def monday_of(day: str) -> str:
    monday = date.fromisoformat(day) - timedelta(days=date.fromisoformat(day).weekday())
    return monday.isoformat()


def worst_each_week(pains) -> list[tuple[str, int, int]]:
    """(Monday, worst pain, ratings) of each week of (ISO day, pain) pairs, oldest first."""
    weeks: dict[str, list[int]] = {}
    for day, pain in sorted(pains):
        monday = date.fromisoformat(day) - timedelta(days=date.fromisoformat(day).weekday())
        weeks.setdefault(monday.isoformat(), []).append(pain)
    return [(monday, max(p), len(p)) for monday, p in weeks.items()]


@pytest.fixture
def four_routines(athlete, drills):
    """Twenty days of an athlete's routines, with figures worked out by hand below."""
    slugs = {
        "heel": "eccentric-heel-drops",
        "wall": "ankle-mobility-wall",
        "rolling": "foot-rolling",
        "toes": "toe-raises",
    }
    log(
        athlete,
        20,
        morning_after=2,
        **{
            slugs["heel"]: heel(4) | {"tight_spots": ["calf", "achilles"]},
            slugs["wall"]: {"pain": 2, "wall_distance_left_cm": 8, "wall_distance_right_cm": "7.5"},
            slugs["rolling"]: {"pain_left": 3, "pain_right": 5, "tight_spots": ["calf"]},
        },
    )
    log(
        athlete,
        13,
        **{
            slugs["heel"]: heel(3) | {"tight_spots": ["achilles"]},
            slugs["wall"]: {
                "pain": 2,
                "wall_distance_left_cm": "8.5",
                "wall_distance_right_cm": "7.5",
            },
            slugs["rolling"]: {"pain_left": 2},
            slugs["toes"]: {"done": False, "pain": 9, "tight_spots": ["arch"]},
        },
    )
    log(
        athlete,
        2,
        **{
            slugs["heel"]: heel(2),
            slugs["wall"]: {"pain": 1, "wall_distance_left_cm": 9, "wall_distance_right_cm": 8},
            slugs["rolling"]: {"tight_spot_other": "Outer ankle"},
        },
    )
    log(
        athlete,
        1,
        **{
            slugs["heel"]: heel(1),
            slugs["wall"]: {"pain": 1, "wall_distance_left_cm": "9.5", "wall_distance_right_cm": 8},
        },
    )
    return [local_moment(athlete, d).date().isoformat() for d in (20, 13, 2, 1)]


def test_progress_page_draws_and_tabulates_the_athletes_numbers(athlete_client, four_routines):
    days = four_routines
    response = athlete_client.get(PROGRESS_URL)
    html = response.content.decode()
    assert response.status_code == 200

    heel_drops = Exercise.objects.get(slug="eccentric-heel-drops")
    pain_id = f"pain-{heel_drops.pk}"
    pain_marks = chart_html.marks(html, pain_id)
    # A point a week, the week's worst: 2 and 1 days ago share a week unless today is Tuesday.
    weeks = worst_each_week(zip(days, [4, 3, 2, 1], strict=True))
    assert [(m["data-day"], m["data-value"]) for m in pain_marks] == [
        (monday, str(worst)) for monday, worst, _ in weeks
    ]
    ticks = chart_html.read_chart(html, pain_id).ticks
    for mark in pain_marks:  # each mark sits where its value is on the 0–10 axis
        expected = ticks["0"] + (ticks["10"] - ticks["0"]) * int(mark["data-value"]) / 10
        assert float(mark["cy"]) == pytest.approx(expected, abs=0.1)
    assert [float(m["cx"]) for m in pain_marks] == sorted(float(m["cx"]) for m in pain_marks)
    pain_table = chart_html.table(html, pain_id)
    assert pain_table[0] == ["Week starting", "Worst pain", "Rated sessions"]
    assert [row[1:] for row in pain_table[1:]] == [[f"{w}/10", str(n)] for _, w, n in weeks]

    rolling = Exercise.objects.get(slug="foot-rolling")
    assert [m["data-value"] for m in chart_html.marks(html, f"pain-{rolling.pk}")] == ["5", "2"]

    # A point a week for each foot, its best that week (the distances grow day by day).
    lefts, rights = ["8", "8.5", "9", "9.5"], ["7.5", "7.5", "8", "8"]
    wall_weeks = {}
    for day, left, right in zip(days, lefts, rights, strict=True):
        wall_weeks.setdefault(monday_of(day), []).append((left, right))
    best = [
        (max((a for a, _ in week), key=float), max((b for _, b in week), key=float), len(week))
        for week in wall_weeks.values()
    ]
    wall = chart_html.marks(html, "wall")
    assert [m["data-day"] for m in wall if m["series"] == "left"] == list(wall_weeks)
    assert [m["data-value"] for m in wall if m["series"] == "left"] == [b[0] for b in best]
    assert [m["data-value"] for m in wall if m["series"] == "right"] == [b[1] for b in best]
    assert chart_html.table(html, "wall")[0] == ["Week starting", "Left", "Right", "Sessions"]
    assert [row[1:] for row in chart_html.table(html, "wall")[1:]] == [
        [f"{left} cm", f"{right} cm", str(n)] for left, right, n in best
    ]

    ladder = chart_html.marks(html, "heel-drops")
    assert [m["data-value"] for m in ladder] == ["Double leg"] * len(weeks)
    assert "hollow" not in " ".join(m["class"] for m in ladder)
    # The first week: the heel drops' pain was 4 twenty days ago, alone in its week.
    assert chart_html.table(html, "heel-drops")[1][1:] == ["Double leg", "1", "4/10"]

    calendar = chart_html.read_chart(html, "calendar")
    done = {
        cell["data-day"]: cell["data-count"] for cell in calendar.cells if cell["data-count"] != "0"
    }
    assert done == dict.fromkeys(days, "1")
    assert len(calendar.cells) == 7 * progress.WINDOW_WEEKS
    assert 'data-stat="this-week">' in html

    spots = chart_html.read_chart(html, "tight-spots").bars
    assert [(b["data-label"], b["data-value"]) for b in spots] == [
        ("Achilles", "2"),
        ("Calf", "1"),
        ("Outer ankle", "1"),
    ]  # arch was on a skipped drill
    assert chart_html.table(html, "tight-spots")[1:] == [
        ["Achilles", "2"],
        ["Calf", "1"],
        ["Outer ankle", "1"],
    ]


def test_progress_page_gives_next_steps_from_the_thresholds(athlete_client, four_routines):
    html = athlete_client.get(PROGRESS_URL).content.decode()
    assert "Eccentric heel drops:</span> Ready to progress" in html
    assert "Next: single leg, every part as prescribed." in html
    assert "Ankle mobility (wall):</span> Ready to go further" in html
    assert "Next target: 11.5 cm left, 10 cm right" in html


def test_progress_page_says_step_back_when_pain_climbs(athlete_client, athlete, drills):
    log(athlete, 3, **{"eccentric-heel-drops": heel(2, leg="single")})
    log(athlete, 1, **{"eccentric-heel-drops": heel(6, leg="single")})
    html = athlete_client.get(PROGRESS_URL).content.decode()
    assert 'data-hint="step_back"' in html
    assert "Pain reached 6/10 during your last session. Go back to double leg" in html


def test_progress_page_with_no_routines_invites_a_first_one(athlete_client, drills):
    html = athlete_client.get(PROGRESS_URL).content.decode()
    assert "Your charts start with your first routine" in html
    assert f"{reverse('sessions:create')}?guided=1" in html
    assert "<svg" not in html


def test_progress_page_with_one_routine_shows_the_calendar_and_waits_for_a_trend(
    athlete_client, athlete, drills
):
    log(
        athlete,
        0,
        **{
            "foot-rolling": {"pain_left": 3},
            "ankle-mobility-wall": {"wall_distance_left_cm": 9, "wall_distance_right_cm": "8.5"},
        },
    )
    html = athlete_client.get(PROGRESS_URL).content.decode()
    assert "One routine so far." in html
    assert 'data-chart="calendar"' in html
    assert "Foot rolling: rated once so far, 3/10" in html
    assert "Measured once so far: 9 cm left, 8.5 cm right." in html
    assert 'data-chart="wall"' not in html


def test_progress_shows_only_the_athletes_own_routines(athlete_client, other_athlete, drills):
    log(other_athlete, 1, **{"foot-rolling": {"pain_left": 3}})
    log(other_athlete, 2, **{"foot-rolling": {"pain_left": 3}})
    html = athlete_client.get(PROGRESS_URL).content.decode()
    assert "Your charts start with your first routine" in html


def test_progress_ignores_routines_older_than_the_window(athlete_client, athlete, drills):
    log(athlete, progress.WINDOW_WEEKS * 7 + 7, **{"foot-rolling": {"pain": 3}})
    html = athlete_client.get(PROGRESS_URL).content.decode()
    assert "Your charts start with your first routine" in html


def test_anonymous_visitor_is_sent_to_sign_in(client, db):
    response = client.get(PROGRESS_URL)
    assert response.url == f"{reverse('accounts:login')}?next={PROGRESS_URL}"


def test_the_nav_links_to_progress(athlete_client, drills):
    html = athlete_client.get(reverse("home")).content.decode()
    assert f'href="{PROGRESS_URL}">Progress</a>' in html


def make_many_sessions(athlete, count: int, drills) -> None:
    """`count` sessions within the last 80 days, every drill done, in two bulk inserts."""
    sessions = TrainingSession.objects.bulk_create(
        TrainingSessionFactory.build(
            athlete=athlete, performed_at=local_moment(athlete, (i * 80) // count + 1, 6 + i % 12)
        )
        for i in range(count)
    )
    Entry.objects.bulk_create(
        EntryFactory.build(
            session=session,
            exercise=drill,
            pain=i % 4,
            tight_spots=["calf"],
            wall_distance_left_cm=8 + i % 3,
            variant=drill.variants.first(),
        )
        for i, session in enumerate(sessions)
        for drill in drills
    )


@pytest.mark.parametrize("count", [3, progress.MAX_SESSIONS + 50])
def test_progress_reads_a_bounded_number_of_rows_in_few_queries(
    athlete_client, athlete, drills, django_assert_max_num_queries, count
):
    make_many_sessions(athlete, count, drills)
    # The sign-in and the nav's, the sessions, their entries, the heel drops' parts, the
    # drills with their rungs, the athlete's usual morning and, past the bound, the routines
    # counted per day: the same whatever the number of sessions.
    with django_assert_max_num_queries(9):
        response = athlete_client.get(PROGRESS_URL)
    figures = response.context["report"].figures
    assert figures.session_count == min(count, progress.MAX_SESSIONS)
    assert figures.capped == (count > progress.MAX_SESSIONS)
    assert sum(week.total for week in figures.consistency.weeks) == count
    if figures.capped:
        assert f"the newest {progress.MAX_SESSIONS} routines" in response.content.decode()


def test_many_routines_in_a_day_still_draw_and_the_calendar_counts_them_all(
    athlete_client, athlete, drills, django_assert_max_num_queries
):
    log(athlete, 9, **{"foot-rolling": {"pain_left": 5}})
    today = local_moment(athlete, 0)
    many = progress.MAX_SESSIONS + 20
    sessions = TrainingSession.objects.bulk_create(
        TrainingSessionFactory.build(athlete=athlete, performed_at=today + timedelta(seconds=i))
        for i in range(many)
    )
    rolling = Exercise.objects.get(slug="foot-rolling")
    Entry.objects.bulk_create(
        EntryFactory.build(session=session, exercise=rolling, pain=i % 3)
        for i, session in enumerate(sessions)
    )
    with django_assert_max_num_queries(9):
        html = athlete_client.get(PROGRESS_URL).content.decode()

    calendar = chart_html.read_chart(html, "calendar")
    counts = {c["data-day"]: c["data-count"] for c in calendar.cells if c["data-count"] != "0"}
    nine_days_ago = local_moment(athlete, 9).date().isoformat()
    assert counts == {today.date().isoformat(): str(many), nine_days_ago: "1"}
    # The charts draw the newest MAX_SESSIONS, all from today: this week's one point, the
    # worst of them, rated in each.
    monday = today.date() - timedelta(days=today.weekday())
    marks = chart_html.marks(html, f"pain-{rolling.pk}")
    assert [(m["data-day"], m["data-value"]) for m in marks] == [(monday.isoformat(), "2")]
    assert chart_html.table(html, f"pain-{rolling.pk}")[1][1:] == [
        "2/10",
        str(progress.MAX_SESSIONS),
    ]
    assert f"the newest {progress.MAX_SESSIONS} routines" in html


def test_a_chart_is_named_by_its_title_not_its_legend(athlete_client, four_routines):
    html = athlete_client.get(reverse("insights:progress")).content.decode()
    for chart_id in ("calendar", "wall", "heel-drops"):
        assert f'<figure class="chart-figure" aria-labelledby="{chart_id}-title">' in html
    assert "some parts short of it" in html


def test_a_left_and_a_right_wall_distance_in_the_same_week_are_two_marks(
    athlete_client, athlete, drills
):
    for days_ago in (8, 1):  # a week apart: two weeks' points
        log(athlete, days_ago, **{"ankle-mobility-wall": {
            "wall_distance_left_cm": 9, "wall_distance_right_cm": 9,
        }})  # fmt: skip
    html = athlete_client.get(reverse("insights:progress")).content.decode()
    marks = chart_html.read_chart(html, "wall").marks
    assert len(marks) == 4
    assert len({(m["data-x"], m["data-y"]) for m in marks}) == 4


def test_a_drill_taken_out_of_the_routine_shows_while_its_logs_are_in_the_window(
    athlete_client, athlete, drills
):
    rolling, toes = (Exercise.objects.get(slug=s) for s in ("foot-rolling", "toe-raises"))
    Exercise.objects.filter(pk__in=[rolling.pk, toes.pk]).update(active=False)
    log(athlete, 8, **{"foot-rolling": {"pain_left": 2}})  # a week apart: two weeks' points
    log(athlete, 1, **{"foot-rolling": {"pain_left": 4}})
    html = athlete_client.get(PROGRESS_URL).content.decode()
    assert [m["data-value"] for m in chart_html.marks(html, f"pain-{rolling.pk}")] == ["2", "4"]
    drills = athlete_client.get(PROGRESS_URL).context["report"].drills
    assert rolling.pk in {d.id for d in drills} and toes.pk not in {d.id for d in drills}


def test_pain_weeks_are_the_athletes_own_a_sunday_night_is_still_that_week(
    athlete_client, athlete, drills
):
    """23:30 on a Sunday in Chicago is already Monday in UTC: it still counts for the week
    it closes, as the routine-days calendar counts it."""
    athlete.time_zone = "America/Chicago"
    athlete.save()
    today = timezone.localdate(timezone=athlete.zone)
    sunday = today - timedelta(days=today.weekday() + 1)  # last week's
    monday = sunday - timedelta(days=6)
    late = datetime.combine(sunday, time(23, 30), athlete.zone)
    assert late.astimezone(UTC).weekday() == 0  # Monday, in UTC
    logged_routine(athlete=athlete, performed_at=late, **{"foot-rolling": {"pain_left": 6}})
    logged_routine(
        athlete=athlete,
        performed_at=datetime.combine(monday + timedelta(days=2), time(7), athlete.zone),
        **{"foot-rolling": {"pain_left": 2}},
    )
    html = athlete_client.get(PROGRESS_URL).content.decode()

    rolling = Exercise.objects.get(slug="foot-rolling")
    marks = chart_html.marks(html, f"pain-{rolling.pk}")
    assert [(m["data-day"], m["data-value"]) for m in marks] == [(monday.isoformat(), "6")]
    assert chart_html.table(html, f"pain-{rolling.pk}")[1][1:] == ["6/10", "2"]
    calendar = chart_html.read_chart(html, "calendar")
    assert {c["data-day"] for c in calendar.cells if c["data-count"] != "0"} == {
        sunday.isoformat(),
        (monday + timedelta(days=2)).isoformat(),
    }
