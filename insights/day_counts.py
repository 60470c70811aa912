"""Routines per day of the athlete's own calendar, counted in the database.

The progress calendar counts every routine of its window, also past the sessions the page
reads. Django's TruncDate(tzinfo=zone) does that in SQL on PostgreSQL, but on SQLite it calls
back into Python for every row to convert the moment with zoneinfo: most of a millisecond on
a window of a few hundred routines, a tenth of the page. So the database groups the routines
by the UTC hour they were done in (the first 13 characters of the moment as text, SQLite's
own work; insights.progress_rows), a window holds a few dozen distinct hours, and each hour
gets its local day here.

That holds while every offset of the zone in the window is a whole number of hours: local
midnight then starts a UTC hour, so an hour falls on one local day. A zone with a half-hour
offset (India, Adelaide, Lord Howe's half-hour summer time) is counted with TruncDate.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count
from django.db.models.functions import TruncDate

from sessions.models import TrainingSession

from .progress_rows import sessions_per_hour

HOUR = timedelta(hours=1)


def routines_per_day(athlete_id: int, *, zone: ZoneInfo, start: date, end: date) -> dict:
    """{local day: routines} of the athlete's sessions from the start of `start` to the start
    of `end` in `zone`; days without a routine are left out."""
    since, until = datetime.combine(start, time.min, zone), datetime.combine(end, time.min, zone)
    if not whole_hours(zone, start=start, end=end):
        sessions = TrainingSession.objects.filter(
            athlete_id=athlete_id, performed_at__gte=since, performed_at__lt=until
        )
        by_day = sessions.annotate(day=TruncDate("performed_at", tzinfo=zone))
        return dict(by_day.order_by().values_list("day").annotate(count=Count("pk")))
    counts: Counter[date] = Counter()
    for hour, count in sessions_per_hour(athlete_id, since=since, until=until):
        moment = datetime(
            int(hour[:4]), int(hour[5:7]), int(hour[8:10]), int(hour[11:13]), tzinfo=UTC
        )
        counts[moment.astimezone(zone).date()] += count
    return dict(counts)


def whole_hours(zone: ZoneInfo, *, start: date, end: date) -> bool:
    """Every offset of `zone` from UTC is a whole number of hours from `start` to `end`. A
    zone changes its offset months apart, so the offsets at local midnight once a week and
    on the last day are all there are."""
    days = [*range(0, (end - start).days, 7), (end - start).days]
    return not any(
        zone.utcoffset(datetime.combine(start + timedelta(days=n), time.min)) % HOUR for n in days
    )
