"""The signed-in front page answers "what now?": today's routine, the last one, what waits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CommentFactory, EntryFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db
HOME = reverse("home")


def test_a_visitor_sees_what_the_routine_is(client, drills):
    html = client.get(HOME).content.decode()
    assert "Create a free account" in html
    assert drills[0].name in html


def test_before_the_first_routine_the_page_offers_to_start(athlete_client):
    html = athlete_client.get(HOME).content.decode()
    assert "Today's routine" in html
    assert "Start routine" in html
    assert "None yet" in html


def test_a_routine_done_today_says_so_with_its_time(athlete_client, athlete, drills):
    session = TrainingSessionFactory(athlete=athlete, performed_at=timezone.now())
    EntryFactory(session=session, exercise=drills[0], pain=6)
    html = athlete_client.get(HOME).content.decode()
    assert "Routine done today" in html
    assert (
        f'Logged at <time datetime="{timezone.localtime(session.performed_at):%Y-%m-%dT%H:%M}'
        in html
    )
    assert "Worst pain" in html and "6/10" in html


def test_yesterdays_routine_is_the_last_one_not_todays(athlete_client, athlete, drills):
    TrainingSessionFactory(
        athlete=athlete, performed_at=timezone.now() - timedelta(days=1, hours=1)
    )
    html = athlete_client.get(HOME).content.decode()
    assert "Not done yet today." in html
    assert "Pain not rated" in html


def test_unread_comments_are_on_the_front_page_and_beside_the_menu(athlete_client, athlete, coach):
    session = TrainingSessionFactory(athlete=athlete)
    CommentFactory(session=session, author=coach, body="Ease off the heel drops.")
    html = athlete_client.get(HOME).content.decode()
    assert "1 new comment from your coach." in html
    assert f'href="{session.get_absolute_url()}#comments"' in html
    assert "unread-pill" in athlete_client.get(reverse("sessions:list")).content.decode()


def test_a_coach_is_led_to_the_athletes_needing_attention(client, athlete, coach, drills):
    session = TrainingSessionFactory(athlete=athlete)
    EntryFactory(session=session, exercise=drills[0], pain=8)
    client.force_login(coach)
    html = client.get(HOME).content.decode()
    assert "Athletes needing attention (1)" in html
    assert "Pain 8/10 this week" in html
    assert reverse("insights:athlete", args=[athlete.pk]) in html


def test_a_coach_who_does_not_do_the_routine_sees_the_athletes_first(
    client, athlete, coach, drills
):
    EntryFactory(session=TrainingSessionFactory(athlete=athlete), exercise=drills[0], pain=8)
    client.force_login(coach)
    html = client.get(HOME).content.decode()
    assert html.index("Athletes needing attention") < html.index("Today's routine")

    TrainingSessionFactory(athlete=coach, performed_at=timezone.now() - timedelta(days=1))
    html = client.get(HOME).content.decode()
    assert html.index("Not done yet today.") < html.index("Athletes needing attention")


def test_nobody_sees_another_athletes_log_on_their_front_page(
    client, athlete, other_athlete, unlinked_coach, drills
):
    session = TrainingSessionFactory(athlete=athlete, performed_at=timezone.now())
    EntryFactory(session=session, exercise=drills[0], pain=9)
    for person in (other_athlete, unlinked_coach):
        client.force_login(person)
        html = client.get(HOME).content.decode()
        assert "9/10" not in html
        assert "Routine done today" not in html
        assert str(athlete) not in html


def test_the_front_page_costs_the_same_however_long_the_log(
    athlete_client, athlete, coach, drills, django_assert_max_num_queries
):
    for days in range(40):
        session = TrainingSessionFactory(
            athlete=athlete, performed_at=timezone.now() - timedelta(days=days)
        )
        EntryFactory(session=session, exercise=drills[0], pain=days % 7)
    # Sign-in (2), the summary, the coached athletes with their summaries, the drills' last
    # variants, the navigation's unread count (the newest unread comment only when there is one).
    with django_assert_max_num_queries(6):
        assert athlete_client.get(HOME).status_code == 200
