"""The one page where a person plans their runs and switches reminder emails on and off."""

from __future__ import annotations

from datetime import time

import pytest
from django.urls import reverse

from reminders.models import ReminderPlan

pytestmark = pytest.mark.django_db

URL = reverse("reminders:plan")


def valid(**changes) -> dict:
    data = {
        "tuesday": "06:45",
        "saturday": "08:00",
        "before_run": "on",
        "before_run_minutes": "20",
        "morning_check": "on",
        "morning_check_at": "07:15",
    }
    return data | changes


def test_everything_is_off_by_default(athlete_client, athlete):
    page = athlete_client.get(URL)
    assert page.status_code == 200
    plan = ReminderPlan.objects.get(user=athlete)
    assert not (plan.before_run or plan.morning_check or plan.weekly_summary or plan.coach_digest)
    assert "When you usually run" in page.content.decode()
    assert "No planned runs yet" in page.content.decode()


def test_the_profile_links_to_it(athlete_client):
    assert URL in athlete_client.get(reverse("accounts:profile")).content.decode()


def test_saving_the_plan(athlete_client, athlete):
    response = athlete_client.post(URL, valid())
    assert response.status_code == 302
    plan = ReminderPlan.objects.get(user=athlete)
    assert plan.run_days() == [(1, time(6, 45)), (5, time(8, 0))]
    assert plan.before_run_minutes == 20
    assert plan.morning_check_at == time(7, 15)
    assert not plan.weekly_summary


def test_a_reminder_before_no_run_is_refused_and_the_input_kept(athlete_client, athlete):
    response = athlete_client.post(
        URL, valid(tuesday="", saturday="", before_run_minutes="20", morning_check_at="07:15")
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Give the time of at least one run" in body
    assert 'value="07:15"' in body
    assert not ReminderPlan.objects.get(user=athlete).before_run


def test_minutes_out_of_range_are_refused(athlete_client):
    response = athlete_client.post(URL, valid(before_run_minutes="1"))
    assert response.status_code == 200
    assert "greater than or equal to 5" in response.content.decode()


def test_stop_them_all(athlete_client, athlete):
    athlete_client.post(URL, valid(weekly_summary="on"))
    response = athlete_client.post(reverse("reminders:stop_all"), follow=True)
    assert "All reminder emails are off." in response.content.decode()
    plan = ReminderPlan.objects.get(user=athlete)
    assert not (plan.before_run or plan.morning_check or plan.weekly_summary or plan.coach_reply)
    assert plan.run_days()  # the planned runs stay


def test_anonymous_goes_to_sign_in(client):
    response = client.get(URL)
    assert response.url.startswith(reverse("accounts:login"))


def test_coach_settings_only_for_coaches(athlete_client, coach, client):
    assert "If you coach" not in athlete_client.get(URL).content.decode()
    client.force_login(coach)
    assert "If you coach" in client.get(URL).content.decode()


def test_each_person_sees_only_their_own_plan(athlete_client, athlete, other_athlete):
    ReminderPlan.objects.create(user=other_athlete, tuesday=time(5, 55))
    page = athlete_client.get(URL).content.decode()
    assert "05:55" not in page
    assert ReminderPlan.objects.for_user(other_athlete).feed_token not in page
