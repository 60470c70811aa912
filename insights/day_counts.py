"""Routines per day of the athlete's own calendar, counted in the database.

The progress calendar counts every routine of its window, also past the sessions the page
reads. Django's TruncDate(tzinfo=zone) does that in SQL on PostgreSQL, but on SQLite it calls
back into Python for every row to convert the moment with zoneinfo: most of a millisecond on
a window of a few hundred routines, a tenth of the page. So the database groups the routines
by the UTC hour they were done in (the first 13 characters of the moment as text, SQLite's
own work), a window holds a few dozen distinct hours, and each hour gets its local day here.

That holds while every offset of the zone in the window is a whole number of hours: local
midnight then starts a UTC hour, so an hour falls on one local day. A zone with a half-hour
offset (India, Adelaide, Lord Howe's half-hour summer time) is counted with TruncDate.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, QuerySet, TextField
from django.db.models.functions import Cast, Substr, TruncDate

HOUR = timedelta(hours=1)


def routines_per_day(sessions: QuerySet, *, zone: ZoneInfo, start: date, end: date) -> dict:
    """{local day: routines} of `sessions`, which lie between the starts of `start` and `end`
    in `zone`; days without a routine are left out."""
    if not whole_hours(zone, start=start, end=end):
        by_day = sessions.annotate(day=TruncDate("performed_at", tzinfo=zone))
        return dict(by_day.order_by().values_list("day").annotate(count=Count("pk")))
    # "2026-06-17 06" on SQLite ("2026-06-17 06:30:00.123456") and PostgreSQL, whose
    # connection Django keeps in UTC ("2026-06-17 06:30:00.123456+00").
    hours = sessions.annotate(hour=Substr(Cast("performed_at", TextField()), 1, 13))
    counts: Counter[date] = Counter()
    for hour, count in hours.order_by().values_list("hour").annotate(count=Count("pk")):
        moment = datetime(
            int(hour[:4]), int(hour[5:7]), int(hour[8:10]), int(hour[11:13]), tzinfo=UTC
        )
        counts[moment.astimezone(zone).date()] += count
    return dict(counts)


def whole_hours(zone: ZoneInfo, *, start: date, end: date) -> bool:
    """Every offset of `zone` from UTC is a whole number of hours from `start` to `end`: the
    offsets at each local midnight are all there are, since a zone changes its offset
    months apart, never twice in a day."""
    day = start
    while day <= end:
        if zone.utcoffset(datetime.combine(day, time.min)) % HOUR:
            return False
        day += timedelta(days=1)
    return True
