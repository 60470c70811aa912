"""The time arithmetic of reminders: local wall-clock times, right across clock changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from reminders import schedule

BERLIN = ZoneInfo("Europe/Berlin")
SPRING_SUNDAY = date(2026, 3, 29)  # 02:00 CET → 03:00 CEST
AUTUMN_SUNDAY = date(2026, 10, 25)  # 03:00 CEST → 02:00 CET


def test_a_local_time_on_the_spring_sunday_is_that_time_on_the_wall():
    due = schedule.local_instant(SPRING_SUNDAY, time(6, 30), BERLIN)
    assert due == datetime(2026, 3, 29, 4, 30, tzinfo=UTC)  # CEST, UTC+2
    assert due.astimezone(BERLIN).time() == time(6, 30)


def test_a_local_time_on_the_day_before_uses_the_winter_offset():
    due = schedule.local_instant(SPRING_SUNDAY - timedelta(days=1), time(6, 30), BERLIN)
    assert due == datetime(2026, 3, 28, 5, 30, tzinfo=UTC)


def test_a_time_in_the_spring_gap_falls_after_it():
    due = schedule.local_instant(SPRING_SUNDAY, time(2, 30), BERLIN)
    assert due.astimezone(BERLIN).time() == time(3, 30)


def test_a_time_in_the_autumn_repeat_is_the_first_of_the_two():
    due = schedule.local_instant(AUTUMN_SUNDAY, time(2, 30), BERLIN)
    assert due == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # still CEST


def test_before_run_is_due_minutes_before_each_planned_run_once():
    runs = {6: time(7, 0)}  # Sundays at 07:00
    start = datetime(2026, 3, 28, 0, 0, tzinfo=UTC)
    found = schedule.before_run_due(runs, 30, BERLIN, start, start + timedelta(days=2))
    assert [(d.slot, d.due_at) for d in found] == [
        ("2026-03-29", datetime(2026, 3, 29, 4, 30, tzinfo=UTC))
    ]


def test_a_reminder_before_an_early_run_belongs_to_the_run_s_day():
    runs = {0: time(0, 15)}  # Mondays at 00:15: the reminder is on Sunday evening
    start = datetime(2026, 3, 1, tzinfo=UTC)
    found = schedule.before_run_due(runs, 30, BERLIN, start, start + timedelta(days=3))
    assert [d.slot for d in found] == ["2026-03-02"]
    assert found[0].due_at.astimezone(BERLIN) == datetime(2026, 3, 1, 23, 45, tzinfo=BERLIN)


def test_the_window_is_half_open_so_adjacent_windows_never_share_a_reminder():
    due = datetime(2026, 3, 29, 4, 30, tzinfo=UTC)
    runs = {6: time(7, 0)}
    before = schedule.before_run_due(runs, 30, BERLIN, due - timedelta(minutes=1), due)
    after = schedule.before_run_due(runs, 30, BERLIN, due, due + timedelta(minutes=1))
    assert len(before) == 1
    assert after == []


def test_weekly_summary_is_sunday_evening_named_by_iso_week():
    start = datetime(2026, 3, 23, tzinfo=UTC)
    found = schedule.weekly_due(BERLIN, start, start + timedelta(days=7))
    assert [(d.slot, d.due_at.astimezone(BERLIN).time()) for d in found] == [
        ("2026-W13", time(18, 0))
    ]


def test_the_spring_sunday_is_23_hours_long():
    day_start, day_end = schedule.local_day_bounds(SPRING_SUNDAY, BERLIN)
    assert day_end - day_start == timedelta(hours=23)


def test_next_runs_lists_planned_runs_in_order():
    runs = {0: time(6, 0), 3: time(18, 0)}
    found = list(schedule.next_runs(runs, BERLIN, date(2026, 3, 2), 7))  # from a Monday
    assert [day.isoformat() for day, _ in found] == ["2026-03-02", "2026-03-05"]
