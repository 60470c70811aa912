"""The private calendar feed: planned runs with an alarm before each, read back by a parser."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from reminders.feed import plan_calendar
from reminders.models import ReminderPlan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(athlete):
    athlete.time_zone = "Europe/Berlin"
    athlete.save()
    plan = ReminderPlan.objects.for_user(athlete)
    plan.tuesday = time(6, 45)
    plan.sunday = time(7, 0)
    plan.before_run_minutes = 25
    plan.save()
    return plan


def feed_url(plan) -> str:
    return reverse("reminders:feed", args=[plan.feed_token])


def test_the_feed_lists_planned_runs_with_an_alarm_for_the_routine(plan):
    response = Client().get(feed_url(plan))  # calendar apps do not sign in
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar"

    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 16  # two runs a week, eight weeks
    first = events[0]
    start = first.decoded("dtstart")
    assert start.tzinfo.key == "Europe/Berlin"
    assert start.time() in {time(6, 45), time(7, 0)}
    [alarm] = first.walk("VALARM")
    assert alarm.decoded("trigger") == -timedelta(minutes=25)
    assert str(alarm["action"]) == "DISPLAY"
    assert calendar.walk("VTIMEZONE")


def test_runs_keep_their_wall_clock_time_across_the_clock_change(plan):
    calendar = Calendar.from_ical(plan_calendar(plan, today=date(2026, 3, 23)))
    starts = [event.decoded("dtstart") for event in calendar.walk("VEVENT")]
    berlin = ZoneInfo("Europe/Berlin")
    assert starts[:2] == [
        datetime(2026, 3, 24, 6, 45, tzinfo=berlin),
        datetime(2026, 3, 29, 7, 0, tzinfo=berlin),
    ]
    assert starts[1].utcoffset() == timedelta(hours=2)


def test_an_empty_plan_is_an_empty_calendar(athlete):
    plan = ReminderPlan.objects.for_user(athlete)
    calendar = Calendar.from_ical(Client().get(feed_url(plan)).content)
    assert calendar.walk("VEVENT") == []


def test_a_new_address_revokes_the_old_one(plan, athlete_client):
    old = feed_url(plan)
    athlete_client.post(reverse("reminders:feed_regenerate"))
    plan.refresh_from_db()
    assert Client().get(old).status_code == 404
    assert Client().get(feed_url(plan)).status_code == 200


def test_an_unknown_address_or_a_closed_account_is_404(plan, athlete):
    assert Client().get(reverse("reminders:feed", args=["nope"])).status_code == 404
    type(athlete).objects.filter(pk=athlete.pk).update(is_active=False)
    assert Client().get(feed_url(plan)).status_code == 404
