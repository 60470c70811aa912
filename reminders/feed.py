"""A private calendar of planned runs, each with an alarm for the routine before it."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from icalendar import Alarm, Calendar, Event

from . import schedule
from .models import ReminderPlan

FEED_DAYS = 56  # eight weeks ahead; calendar apps fetch the feed again every few hours
RUN_LENGTH = timedelta(minutes=45)


def plan_calendar(plan: ReminderPlan, *, today: date | None = None) -> bytes:
    user = plan.user
    zone = user.zone
    today = today or timezone.localdate(timezone=zone)
    calendar = Calendar()
    calendar.add("prodid", "-//Groundwork//Planned runs//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Groundwork: planned runs")
    calendar.add("x-wr-timezone", user.time_zone)
    stamp = timezone.now()
    for day, start in schedule.next_runs(dict(plan.run_days()), zone, today, FEED_DAYS):
        event = Event()
        event.add("uid", f"run-{day.isoformat()}-{user.pk}@groundwork")
        event.add("dtstamp", stamp)
        event.add("summary", "Run")
        event.add("dtstart", start.astimezone(zone))
        event.add("dtend", (start + RUN_LENGTH).astimezone(zone))
        event.add("description", "Planned run. Do the Groundwork routine first.")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", "Routine before your run")
        alarm.add("trigger", -timedelta(minutes=plan.before_run_minutes))
        event.add_component(alarm)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
