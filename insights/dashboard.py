"""What a coach sees first: each athlete's recent routine, and flags that ask for attention.

Everything comes from each athlete's LogSummary (sessions.models), kept by the log's write
path: one query for a page's athletes and their summaries together (two for a list of users),
whatever the number of athletes or the length of their logs, and one for the drills' names when
a drill's pain is rising. The 7- and 28-day windows are worked out here, at read time, from the
dates the summary keeps, so a session leaves a window on time by itself.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from functools import cached_property
from typing import NamedTuple

import orjson
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from sessions import pain as pain_model
from sessions.markup import escape
from sessions.models import COACHED_ATHLETES_SQL, LogSummary
from sessions.services import utc_iso

from .progress import WALL_ASYMMETRY_CM, asymmetric

RECENT_DAYS = 7
BASELINE_DAYS = 28

# What the dashboard reads of each LogSummary, in the order summarise_one unpacks it.
LOG_COLUMNS = ("last_performed_at", "recent", "rising_drills", "usual_morning_pain", "wall_recent")


@dataclass
class Flag:
    kind: str  # "pain", "trend" or "missed": the order a coach should look in
    text: str


PRIORITY = {"pain": 0, "trend": 1, "missed": 2}


class Athlete(NamedTuple):
    """All a summary shows of an athlete read as a plain row: their id and their name."""

    pk: int
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass
class AthleteSummary:
    athlete: object
    routines_7d: int = 0
    routines_28d: int = 0
    highest_pain_7d: int | None = None
    flags: list[Flag] = field(default_factory=list)
    # What only a row on show needs, kept as read and worked out when first asked for: the
    # order needs every athlete's flags, the dashboard draws 25 of its 60 rows.
    last_stored: datetime | str | None = None  # last_performed_at as the database gave it
    month: list = field(default_factory=list)  # the sessions of the last BASELINE_DAYS

    @cached_property
    def last_routine(self) -> datetime | None:
        """The newest routine's time, aware (SQLite gives it naive in UTC, or as text)."""
        last = self.last_stored
        if last is not None and (isinstance(last, str) or timezone.is_naive(last)):
            return connection.ops.convert_datetimefield_value(last, None, connection)
        return last

    @cached_property
    def top_tight_spot(self) -> str:
        """The spot most often tight in the last BASELINE_DAYS (the first met of a tie)."""
        spots = Counter(spot for session in self.month for spot in session[3])
        return spots.most_common(1)[0][0] if spots else ""

    @property
    def priority(self) -> tuple:
        ranks = sorted(PRIORITY[flag.kind] for flag in self.flags) or [len(PRIORITY)]
        return (ranks[0], -len(self.flags), -(self.highest_pain_7d or -1))

    def flag_kinds(self) -> set[str]:
        return {flag.kind for flag in self.flags}


class Windows(NamedTuple):
    """The windows' edges as the summary writes its times (UTC ISO strings, which compare as
    times): worked out once a page, not once an athlete."""

    now: datetime
    until: str
    week: str  # the last RECENT_DAYS
    fortnight: str  # the two weeks the pain model's weeks_flags looks at
    month: str  # the last BASELINE_DAYS
    start: str  # the week and the BASELINE_DAYS before it: new tight spots, drills' trends

    @classmethod
    def at(cls, now: datetime) -> Windows:
        return cls(
            now,
            utc_iso(now),
            utc_iso(now - timedelta(days=RECENT_DAYS)),
            utc_iso(now - 2 * pain_model.WEEK),
            utc_iso(now - timedelta(days=BASELINE_DAYS)),
            utc_iso(now - timedelta(days=RECENT_DAYS + BASELINE_DAYS)),
        )


# Every drill's name and id: a handful of rows, which the ORM took 15 times as long to ask
# for as the database to answer (0.17 ms against 0.01 ms).
DRILL_NAMES_SQL = "SELECT id, name FROM exercises_exercise"


class DrillNames:
    """Drill names by id, read on the first rising trend that needs one: a page with no drill's
    pain rising reads none."""

    def __init__(self) -> None:
        self._names: dict[int, str] | None = None

    def get(self, drill_id: int) -> str | None:
        if self._names is None:
            with connection.cursor() as cursor:
                cursor.execute(DRILL_NAMES_SQL)
                self._names = dict(cursor.fetchall())
        return self._names.get(drill_id)


def summarise(athletes, *, now: datetime | None = None) -> list[AthleteSummary]:
    """Summaries of these users, the ones needing a coach's eyes first: two queries."""
    athletes = list(athletes)
    if not athletes:
        return []
    logs = {
        row[0]: row[1:]
        for row in LogSummary.objects.filter(athlete__in=athletes).values_list(
            "athlete_id", *LOG_COLUMNS
        )
    }
    return _summarise_all(((athlete, logs.get(athlete.pk)) for athlete in athletes), now=now)


# A coach's athletes (visible_athletes but the coach), each beside their summary's
# LOG_COLUMNS: written out, as building it through the ORM (the queryset, its exclude and
# values_list) took 0.25 ms where the database answers in 0.14 ms.
COACHED_SUMMARIES_SQL = (
    "SELECT u.id, u.username, u.display_name, "  # noqa: S608 - constants; the ids are parameters
    + ", ".join(f"s.{column}" for column in LOG_COLUMNS)
    + " FROM accounts_user u LEFT OUTER JOIN training_logsummary s ON s.athlete_id = u.id"
    + f" WHERE u.id IN ({COACHED_ATHLETES_SQL}) AND u.id <> %s"
)


def summarise_coached(coach, *, now: datetime | None = None) -> list[AthleteSummary]:
    """Summaries of the athletes this user coaches, the ones needing a coach's eyes first:
    summarise_query of visible_athletes(coach) less the coach, by one written-out query."""
    with connection.cursor() as cursor:
        cursor.execute(COACHED_SUMMARIES_SQL, [coach.pk, coach.pk])
        return _summarise_rows(cursor.fetchall(), now=now)


def summarise_query(athletes, *, now: datetime | None = None) -> list[AthleteSummary]:
    """Summaries of the users of a query, the ones needing a coach's eyes first: one query of
    plain rows, each athlete's name beside their summary (an Athlete stands for the user; its
    name is accounts.User's __str__, display name or else username).

    The query's rows are fetched by a cursor and their JSON decoded here: the ORM's
    conversions, column by column, cost more than the decoding itself (for 60 athletes,
    0.8-0.9 ms against 0.6)."""
    query = athletes.values_list(
        "pk", "username", "display_name", *(f"log_summary__{column}" for column in LOG_COLUMNS)
    ).query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return _summarise_rows(cursor.fetchall(), now=now)


def _summarise_rows(rows: list[tuple], *, now: datetime | None) -> list[AthleteSummary]:
    """Summaries of rows of (id, username, display name, *LOG_COLUMNS), as a cursor gives them."""
    return _summarise_all(
        (
            (Athlete(pk, display_name or username), _log_row(log))
            for pk, username, display_name, *log in rows
        ),
        now=now,
    )


def _log_row(log: list) -> tuple | None:
    """LOG_COLUMNS as a cursor gives them, each JSON column decoded (Django asks both SQLite
    and PostgreSQL for JSON as text; a driver that decodes it gives lists, kept as they are).
    The time is made aware only for a row on show (AthleteSummary.last_routine)."""
    last, recent, rising, usual, walls = log
    if recent is None:  # no summary: the outer join's row of None
        return None
    return (last, _decoded(recent), _decoded(rising), usual, _decoded(walls))


def _decoded(value):
    return orjson.loads(value) if isinstance(value, str) else value


def _summarise_all(athletes_logs: Iterable[tuple], *, now: datetime | None):
    windows = Windows.at(now or timezone.now())
    names = DrillNames()
    summaries = [
        summarise_one(athlete, log, names=names, windows=windows) for athlete, log in athletes_logs
    ]
    return in_priority_order(summaries)


def in_priority_order(summaries: list[AthleteSummary]) -> list[AthleteSummary]:
    return sorted(summaries, key=lambda s: (*s.priority, str(s.athlete).lower(), s.athlete.pk))


def summarise_one(athlete, log: tuple | None, *, names: DrillNames, windows: Windows):
    """One athlete's summary from their LogSummary's columns (LOG_COLUMNS), or None (no row; a
    query's outer join gives a row of None).

    Its sessions are newest first, with their times as UTC ISO strings, which compare as
    times: each window is a slice of the list, found by bisecting the times, and no date is
    parsed. A page does this for each of 60 athletes, so it keeps to lists and slices.
    """
    summary = AthleteSummary(athlete=athlete)
    if log is not None and log[1] is not None:
        summary.last_stored, recent, rising_drills, usual_morning, wall_recent = log
        # Oldest first, for bisect: the sessions at or after an edge are the last ones, so
        # their count is the length less the edge's position. Any session after `now` (a
        # page asked about the past) is in no window.
        times = [session[0] for session in reversed(recent)]
        count = len(times)
        future = count - bisect_right(times, windows.until)
        week_end, fortnight, month_end, start = (
            count - bisect_left(times, edge)
            for edge in (windows.week, windows.fortnight, windows.month, windows.start)
        )
        week, month = recent[future:week_end], recent[future:month_end]
        summary.routines_7d = len(week)
        summary.routines_28d = len(month)
        peaks = [session[1] for session in week if session[1] is not None]
        summary.highest_pain_7d = max(peaks) if peaks else None
        summary.month = month
        # The pain model's weeks_flags, its two weeks picked by date here, as slices.
        flags = pain_model.weeks_flags(
            peaks=peaks,
            mornings=[session[2] for session in week if session[2] is not None],
            mornings_before=[
                session[2] for session in recent[week_end:fortnight] if session[2] is not None
            ],
            usual=usual_morning,
        )
        summary.flags.extend(Flag(flag.kind, flag.text) for flag in flags)
        _flag_trends(summary, rising_drills, names=names, since=windows.start)
        if _walls_apart(wall_recent):
            summary.flags.append(
                Flag("trend", f"Wall test: left and right over {WALL_ASYMMETRY_CM} cm apart twice")
            )
        _flag_new_spots(summary, week, recent[week_end:start])
    if summary.routines_7d == 0:
        summary.flags.append(Flag("missed", f"No routine in {RECENT_DAYS} days"))
    return summary


def _walls_apart(wall_recent: list) -> bool:
    """progress.asymmetric of the last two wall tests, which the summary keeps as text."""
    if len(wall_recent) < 2:  # most athletes' pages: no Decimal to make
        return False
    # A stored cm is text such as "12.5", never empty: `and` keeps None as None.
    return asymmetric(
        [(left and Decimal(left), right and Decimal(right)) for left, right in wall_recent]
    )


def _flag_new_spots(summary: AthleteSummary, week: list, before: list) -> None:
    """Tight spots of this week that the BASELINE_DAYS before it did not have."""
    recent_spots = {spot for session in week for spot in session[3]}
    if not recent_spots:  # most weeks: no need to read the month before
        return
    earlier_spots = {spot for session in before for spot in session[3]}
    new_spots = sorted(recent_spots - earlier_spots)
    if new_spots:
        summary.flags.append(Flag("trend", f"New tight spot: {', '.join(new_spots)}"))


def _flag_trends(summary: AthleteSummary, rising_drills: list, *, names, since: str) -> None:
    """A drill's last 3 ratings, however far apart, rising past safe (the pain model's
    `rising`, worked out when the log changed); only for drills rated within the window
    (older is history, not a trend)."""
    rising = []
    for drill_id, last_rated, pains in rising_drills:
        if last_rated < since:
            continue
        name = names.get(drill_id)
        if name is not None:  # a drill deleted since
            rising.append(Flag("trend", f"{name}: pain rising ({' → '.join(map(str, pains))})"))
    summary.flags.extend(sorted(rising, key=lambda flag: flag.text))


# One athlete's row on the dashboard. Built here rather than in a template loop: 25 rows of
# a dozen template nodes each were a fifth of the page's time; and with html.escape, as
# format_html's lazy-aware escaping cost as much again.
ROW_HTML = (
    '<li class="card mb-2{border}"><div class="card-body py-2">'
    '<div class="d-flex flex-wrap justify-content-between gap-2">'
    '<a class="fw-semibold" href="{url}">{name}</a><span class="small text-body-secondary">{last}'
    '</span></div><div class="d-flex flex-wrap gap-3 small mt-1">{facts}</div>{flags}</div></li>'
)


class AthleteLinks:
    """Each athlete's page, reversed once a page rather than once a row (~30 µs each)."""

    MARK = 987654321  # any number: it only marks where each row's id goes

    def __init__(self) -> None:
        # Escaped once here: what goes in for each row is a number.
        url = escape(reverse("insights:athlete", args=[self.MARK]))
        self.pattern = url.replace(str(self.MARK), "{}")

    def __getitem__(self, athlete_id: int) -> str:
        return self.pattern.format(int(athlete_id))


def dashboard_row(summary: AthleteSummary, *, links: AthleteLinks) -> SafeString:
    """One athlete's row: name, last routine, this week's and month's figures, flags. Every
    text is escaped as it goes in (names, tight spots and drills are typed by people); the
    numbers, the times and the flags' kinds (PRIORITY's) are not: escaping each of them too was
    a third of a row's cost."""
    kinds = summary.flag_kinds()
    last = summary.last_routine and timezone.localtime(summary.last_routine)
    if last:
        text = escape(f"last routine {last:%a} {last.day} {last:%b}")
        last_html = f'<time datetime="{last.isoformat()}">{text}</time>'
    else:
        last_html = "no routine yet"
    pain = summary.highest_pain_7d
    pain_fact = "no pain rated this week" if pain is None else f"highest pain {pain}"
    facts = (
        f"<span>{summary.routines_7d} in 7 days</span>"
        f"<span>{summary.routines_28d} in 28 days</span><span>{pain_fact}</span>"
    )
    if summary.top_tight_spot:
        facts += f"<span>most often tight: {escape(summary.top_tight_spot)}</span>"
    flags_html = ""
    if summary.flags:
        items = "".join(
            f'<li class="list-inline-item"><span class="badge flag-{flag.kind}">'
            f"{escape(flag.text)}</span></li>"
            for flag in summary.flags
        )
        flags_html = f'<ul class="list-inline mb-0 mt-1" aria-label="Flags">{items}</ul>'
    return mark_safe(  # noqa: S308 - each value escaped above
        ROW_HTML.format(
            border=" border-danger" if "pain" in kinds else " border-warning" if kinds else "",
            url=links[summary.athlete.pk],
            name=escape(str(summary.athlete)),
            last=last_html,
            facts=facts,
            flags=flags_html,
        )
    )
