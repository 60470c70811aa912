from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sessions.models import Comment, TrainingSession
from tests.factories import EntryFactory, ExerciseFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db
HISTORY_URL = reverse("sessions:list")


def without_csrf_tokens(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", response.content.decode())


def make_sessions(athlete, count: int, drills, *, start: datetime | None = None):
    start = start or datetime(2026, 1, 1, 7, 0, tzinfo=UTC)
    sessions = TrainingSession.objects.bulk_create(
        TrainingSessionFactory.build(athlete=athlete, performed_at=start + timedelta(days=day))
        for day in range(count)
    )
    for session in sessions:
        for drill in drills:
            EntryFactory(session=session, exercise=drill, pain=2, tight_spots=["calf"])
    return sessions


def test_history_is_newest_first_twenty_a_page(athlete_client, athlete):
    drill = ExerciseFactory()
    make_sessions(athlete, 25, [drill])

    first = athlete_client.get(HISTORY_URL)
    second = athlete_client.get(HISTORY_URL, {"page": 2})

    first_page = list(first.context["page"])
    assert len(first_page) == 20
    assert first_page[0].performed_at.date().isoformat() == "2026-01-25"
    assert [s.performed_at for s in first_page] == sorted(
        (s.performed_at for s in first_page), reverse=True
    )
    assert len(second.context["page"]) == 5
    assert "Page 1 of 2" in first.content.decode()


def test_history_row_shows_drills_done_highest_pain_and_tight_spots(athlete_client, athlete):
    session = TrainingSessionFactory(athlete=athlete)
    EntryFactory(session=session, pain=2, tight_spots=["arch"])
    EntryFactory(session=session, pain_left=6, pain_right=1, tight_spot_other="outer ankle")
    EntryFactory(session=session, done=False, pain=9)

    html = athlete_client.get(HISTORY_URL).content.decode()

    assert "2/3 drills" in html
    assert "pain 6" in html
    assert "tight: Arch, outer ankle" in html


@pytest.mark.parametrize("count", [5, 200])
def test_history_runs_a_bounded_number_of_queries(
    athlete_client, athlete, django_assert_max_num_queries, count
):
    make_sessions(athlete, count, [ExerciseFactory(), ExerciseFactory()])
    # Sign-in (2), the count, the page's ids, its rows, their drills, the unread count.
    with django_assert_max_num_queries(8):
        response = athlete_client.get(HISTORY_URL)
    assert response.status_code == 200
    assert len(response.context["page"]) == min(count, 20)


def test_history_filters_by_date_range_in_the_athletes_days(athlete_client, athlete):
    athlete.time_zone = "Asia/Tokyo"
    athlete.save()
    drill = ExerciseFactory()
    make_sessions(athlete, 10, [drill], start=datetime(2026, 3, 1, 20, 0, tzinfo=UTC))
    # 1 March 20:00 UTC is already 2 March in Tokyo.

    response = athlete_client.get(HISTORY_URL, {"date_from": "2026-03-03", "date_to": "2026-03-05"})

    days = [s.performed_at.date().isoformat() for s in response.context["page"]]
    assert days == ["2026-03-04", "2026-03-03", "2026-03-02"]  # UTC dates of Tokyo 5th…3rd


def test_history_filters_by_drill_done(athlete_client, athlete):
    heel, toes = ExerciseFactory(name="Heel drops"), ExerciseFactory(name="Toe raises")
    with_heel = TrainingSessionFactory(athlete=athlete)
    EntryFactory(session=with_heel, exercise=heel)
    skipped_heel = TrainingSessionFactory(athlete=athlete)
    EntryFactory(session=skipped_heel, exercise=heel, done=False)
    EntryFactory(session=skipped_heel, exercise=toes)

    response = athlete_client.get(HISTORY_URL, {"drill": heel.slug})

    assert list(response.context["page"]) == [with_heel]
    assert "1 session matches" in response.content.decode()


def test_history_filter_with_a_reversed_range_says_so(athlete_client, athlete):
    TrainingSessionFactory(athlete=athlete)
    response = athlete_client.get(HISTORY_URL, {"date_from": "2026-05-02", "date_to": "2026-05-01"})
    assert "The end date comes before the start date." in response.content.decode()


def test_history_has_a_clear_empty_state(athlete_client):
    html = athlete_client.get(HISTORY_URL).content.decode()
    assert "No routines logged yet" in html
    assert reverse("sessions:create") in html


def test_history_says_when_no_session_matches_the_filters(athlete_client, athlete):
    TrainingSessionFactory(athlete=athlete, performed_at=datetime(2026, 1, 1, tzinfo=UTC))
    response = athlete_client.get(HISTORY_URL, {"date_from": "2026-02-01"})
    assert "No session matches these filters." in response.content.decode()


def test_history_shows_only_the_athletes_own_sessions(athlete_client, athlete, other_athlete):
    mine = TrainingSessionFactory(athlete=athlete)
    TrainingSessionFactory(athlete=other_athlete)
    assert [row.pk for row in athlete_client.get(HISTORY_URL).context["page"]] == [mine.pk]


def yesterday():
    return timezone.now() - timedelta(days=1)


def test_morning_after_pain_from_the_history(athlete_client, athlete):
    session = TrainingSessionFactory(athlete=athlete, performed_at=yesterday())
    url = reverse("sessions:morning_after", args=[session.pk])

    response = athlete_client.post(url, {"morning_after_pain": "4", "next": HISTORY_URL})

    assert response.url == HISTORY_URL
    session.refresh_from_db()
    assert session.morning_after_pain == 4
    assert "morning after 4" in athlete_client.get(HISTORY_URL).content.decode()


def test_morning_after_is_offered_from_the_next_morning_in_the_athletes_zone(
    athlete_client, athlete
):
    """Issue 13: it was asked straight after saving, the same morning."""
    athlete.time_zone = "Pacific/Auckland"
    athlete.save()
    today = TrainingSessionFactory(athlete=athlete, performed_at=timezone.now())
    earlier = TrainingSessionFactory(athlete=athlete, performed_at=yesterday())

    html = athlete_client.get(HISTORY_URL).content.decode()
    assert f'id="id_morning_after_{earlier.pk}"' in html
    assert f'id="id_morning_after_{today.pk}"' not in html
    detail = athlete_client.get(today.get_absolute_url()).content.decode()
    assert "Asked from tomorrow morning" in detail

    url = reverse("sessions:morning_after", args=[today.pk])
    response = athlete_client.post(url, {"morning_after_pain": "2"}, follow=True)
    assert "from the next morning" in response.content.decode()
    today.refresh_from_db()
    assert today.morning_after_pain is None


def test_morning_after_pain_out_of_range_is_refused(athlete_client, athlete):
    session = TrainingSessionFactory(athlete=athlete, performed_at=yesterday())
    url = reverse("sessions:morning_after", args=[session.pk])
    response = athlete_client.post(url, {"morning_after_pain": "12"}, follow=True)
    assert "Choose a morning-after pain from 0 to 10." in response.content.decode()
    session.refresh_from_db()
    assert session.morning_after_pain is None


def test_morning_after_ignores_a_next_address_off_the_site(athlete_client, athlete):
    session = TrainingSessionFactory(athlete=athlete)
    url = reverse("sessions:morning_after", args=[session.pk])
    response = athlete_client.post(url, {"morning_after_pain": "1", "next": "https://evil.test/"})
    assert response.url == session.get_absolute_url()


def test_history_marks_sessions_with_a_comment_the_athlete_has_not_read(
    athlete_client, athlete, coach
):
    commented = TrainingSessionFactory(athlete=athlete, performed_at=yesterday())
    replied = TrainingSessionFactory(athlete=athlete, performed_at=yesterday())
    Comment.objects.create(session=commented, author=coach, body="Nice")
    Comment.objects.create(session=replied, author=athlete, body="My own note")

    badge = '<span class="badge text-bg-primary">new comment</span>'
    html = athlete_client.get(HISTORY_URL).content.decode()
    assert html.count(badge) == 1
    row = html[html.index(commented.get_absolute_url()) :]
    assert row.index(badge) < row.index("</li>")

    athlete_client.get(commented.get_absolute_url())  # read
    assert badge not in athlete_client.get(HISTORY_URL).content.decode()
