"""The calendar's routines per local day, counted in the database by UTC hour."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Count
from django.db.models.functions import TruncDate

from insights.day_counts import routines_per_day, whole_hours
from sessions.models import TrainingSession
from tests.factories import TrainingSessionFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
KOLKATA = ZoneInfo("Asia/Kolkata")  # UTC+5:30 all year
# A window around the end of British summer time, 25 October 2026 at 01:00 UTC.
START, END = date(2026, 10, 19), date(2026, 11, 2)


def log_at(athlete, zone: ZoneInfo, *moments: tuple[date, time]) -> None:
    for day, at in moments:
        TrainingSessionFactory(athlete=athlete, performed_at=datetime.combine(day, at, zone))


def counted(athlete, zone: ZoneInfo) -> tuple[dict, dict]:
    """Counted by routines_per_day, and by TruncDate in the athlete's zone."""
    sessions = TrainingSession.objects.filter(
        athlete=athlete,
        performed_at__gte=datetime.combine(START, time.min, zone),
        performed_at__lt=datetime.combine(END, time.min, zone),
    )
    by_day = sessions.annotate(day=TruncDate("performed_at", tzinfo=zone))
    expected = dict(by_day.order_by().values_list("day").annotate(count=Count("pk")))
    return routines_per_day(athlete.pk, zone=zone, start=START, end=END), expected


def test_each_routine_counts_on_its_local_day_either_side_of_a_clock_change(athlete):
    log_at(
        athlete,
        LONDON,
        (date(2026, 10, 20), time(0, 10)),  # summer time: 23:10 UTC the day before
        (date(2026, 10, 20), time(23, 50)),
        (date(2026, 10, 25), time(0, 30)),  # the night the clocks go back
        (date(2026, 10, 25), time(1, 30)),  # the hour that happens twice: the first
        (date(2026, 10, 25), time(1, 30, fold=1)),  # and the second
        (date(2026, 10, 26), time(0, 0)),  # winter time: midnight is midnight UTC
        (date(2026, 10, 26), time(23, 59)),
        (date(2026, 10, 26), time(7)),
    )
    found, expected = counted(athlete, LONDON)
    assert (
        found
        == expected
        == {
            date(2026, 10, 20): 2,
            date(2026, 10, 25): 3,
            date(2026, 10, 26): 3,
        }
    )


def test_a_zone_with_a_half_hour_offset_is_counted_by_truncdate(athlete):
    assert whole_hours(LONDON, start=START, end=END)
    assert not whole_hours(KOLKATA, start=START, end=END)
    log_at(
        athlete,
        KOLKATA,
        (date(2026, 10, 21), time(0, 15)),  # 18:45 UTC the day before, in the same UTC hour
        (date(2026, 10, 20), time(23, 45)),  # as this one, a day earlier here
    )
    found, expected = counted(athlete, KOLKATA)
    assert found == expected == {date(2026, 10, 20): 1, date(2026, 10, 21): 1}


def test_a_half_hour_summer_time_is_seen_in_the_window():
    lord_howe = ZoneInfo("Australia/Lord_Howe")  # +10:30, +11 in summer from early October
    assert not whole_hours(lord_howe, start=date(2026, 10, 1), end=date(2026, 10, 10))
    assert not whole_hours(lord_howe, start=date(2026, 6, 1), end=date(2026, 6, 10))
    assert whole_hours(ZoneInfo("UTC"), start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert whole_hours(LONDON, start=date(2026, 3, 1), end=date(2026, 3, 1) + timedelta(weeks=13))
