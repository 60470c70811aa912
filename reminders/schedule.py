"""Wall-clock times in a person's zone, turned into UTC instants: the arithmetic of reminders.

Pure functions; reminders/services.py asks them what falls due between two instants.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WEEKLY_SUMMARY_WEEKDAY = 6  # Sunday, in the person's zone
WEEKLY_SUMMARY_AT = time(18, 0)


def local_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant at which clocks in `zone` show `at` on `day`.

    Local arithmetic first, UTC last: 06:30 on the Sunday clocks change is still 06:30 there.
    In the spring gap (02:30 that never shows) it is the same distance past the gap (03:30);
    in the autumn's repeated hour, the first of the two.
    """
    return datetime.combine(day, at).replace(tzinfo=zone, fold=0).astimezone(UTC)


def local_days(start: datetime, end: datetime, zone: ZoneInfo) -> Iterator[date]:
    """Every local date that might hold a time due between `start` and `end`, with a day's
    margin either side (a reminder N minutes before a run may fall on the previous day)."""
    day = start.astimezone(zone).date() - timedelta(days=1)
    last = end.astimezone(zone).date() + timedelta(days=1)
    while day <= last:
        yield day
        day += timedelta(days=1)


@dataclass(frozen=True)
class Due:
    slot: str  # what the message is for, in the person's calendar; unique per person and kind
    due_at: datetime  # UTC
    day: date  # the local date it belongs to


def before_run_due(
    run_times: dict[int, time], minutes: int, zone: ZoneInfo, start: datetime, end: datetime
) -> list[Due]:
    """`minutes` before each planned run (weekday → start time) in (start, end]."""
    found = []
    for day in local_days(start, end, zone):
        at = run_times.get(day.weekday())
        if at is None:
            continue
        due = local_instant(day, at, zone) - timedelta(minutes=minutes)
        if start < due <= end:
            found.append(Due(slot=day.isoformat(), due_at=due, day=day))
    return found


def daily_due(at: time, zone: ZoneInfo, start: datetime, end: datetime) -> list[Due]:
    """A local time every day, in (start, end]."""
    found = []
    for day in local_days(start, end, zone):
        due = local_instant(day, at, zone)
        if start < due <= end:
            found.append(Due(slot=day.isoformat(), due_at=due, day=day))
    return found


def weekly_due(zone: ZoneInfo, start: datetime, end: datetime) -> list[Due]:
    """Sunday evening in the person's zone, once per ISO week, in (start, end]."""
    found = []
    for day in local_days(start, end, zone):
        if day.weekday() != WEEKLY_SUMMARY_WEEKDAY:
            continue
        due = local_instant(day, WEEKLY_SUMMARY_AT, zone)
        if start < due <= end:
            year, week, _ = day.isocalendar()
            found.append(Due(slot=f"{year}-W{week:02d}", due_at=due, day=day))
    return found


def local_day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants at which `day` starts and ends in `zone` (23 or 25 hours apart on
    the days clocks change)."""
    return (
        local_instant(day, time(0), zone),
        local_instant(day + timedelta(days=1), time(0), zone),
    )


def next_runs(
    run_times: dict[int, time], zone: ZoneInfo, today: date, days: int
) -> Iterator[tuple[date, datetime]]:
    """The planned runs from `today` for `days` days: (local date, UTC start)."""
    for offset in range(days):
        day = today + timedelta(days=offset)
        at = run_times.get(day.weekday())
        if at is not None:
            yield day, local_instant(day, at, zone)
