"""What a coach sees first: each athlete's recent routine, and flags that ask for attention.

Everything comes from each athlete's LogSummary (sessions.models), kept by the log's write
path: three queries whatever the number of athletes or the length of their logs (the athletes,
their summaries and the drills' names). The 7- and 28-day windows are worked out here, at
read time, from the dates the summary keeps, so a session leaves a window on time by itself.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from exercises.models import Exercise
from sessions import pain as pain_model
from sessions.models import LogSummary

from .progress import WALL_ASYMMETRY_CM, asymmetric

RECENT_DAYS = 7
BASELINE_DAYS = 28
TREND_SESSIONS = pain_model.TREND_SESSIONS


@dataclass
class Flag:
    kind: str  # "pain", "trend" or "missed": the order a coach should look in
    text: str


PRIORITY = {"pain": 0, "trend": 1, "missed": 2}


@dataclass
class AthleteSummary:
    athlete: object
    last_routine: datetime | None = None
    routines_7d: int = 0
    routines_28d: int = 0
    highest_pain_7d: int | None = None
    top_tight_spot: str = ""
    flags: list[Flag] = field(default_factory=list)

    @property
    def priority(self) -> tuple:
        ranks = sorted(PRIORITY[flag.kind] for flag in self.flags) or [len(PRIORITY)]
        return (ranks[0], -len(self.flags), -(self.highest_pain_7d or -1))

    def flag_kinds(self) -> set[str]:
        return {flag.kind for flag in self.flags}


@dataclass(frozen=True)
class RecentSession:
    performed_at: datetime
    highest_pain: int | None
    morning_after_pain: int | None
    tight_spots: list[str]


def summarise(athletes, *, now: datetime | None = None) -> list[AthleteSummary]:
    """Summaries of these athletes, the ones needing a coach's eyes first: three queries."""
    now = now or timezone.now()
    athletes = list(athletes)
    logs = LogSummary.objects.in_bulk([athlete.pk for athlete in athletes])
    names = dict(Exercise.objects.values_list("pk", "name"))
    summaries = [
        summarise_one(athlete, logs.get(athlete.pk), names=names, now=now) for athlete in athletes
    ]
    return in_priority_order(summaries)


def in_priority_order(summaries: list[AthleteSummary]) -> list[AthleteSummary]:
    return sorted(summaries, key=lambda s: (*s.priority, str(s.athlete).lower(), s.athlete.pk))


def summarise_one(
    athlete, log: LogSummary | None, *, names: dict[int, str], now: datetime
) -> AthleteSummary:
    summary = AthleteSummary(athlete=athlete)
    if log is not None:
        recent_start = now - timedelta(days=RECENT_DAYS)
        month_start = now - timedelta(days=BASELINE_DAYS)
        window_start = recent_start - timedelta(days=BASELINE_DAYS)
        sessions = [
            RecentSession(datetime.fromisoformat(at), peak, after, spots)
            for at, peak, after, spots in log.recent
        ]
        week = [s for s in sessions if recent_start <= s.performed_at <= now]
        month = [s for s in sessions if month_start <= s.performed_at <= now]
        before = [s for s in sessions if window_start <= s.performed_at < recent_start]
        summary.last_routine = log.last_performed_at
        summary.routines_7d = len(week)
        summary.routines_28d = len(month)
        peaks = [s.highest_pain for s in week if s.highest_pain is not None]
        summary.highest_pain_7d = max(peaks) if peaks else None
        spots = Counter(spot for s in month for spot in s.tight_spots)
        if spots:
            summary.top_tight_spot = spots.most_common(1)[0][0]
        _flag_pain(summary, sessions, usual=log.usual_morning_pain, now=now)
        _flag_trends(summary, log.drill_pains, names=names, since=window_start)
        walls = [
            tuple(None if cm is None else Decimal(cm) for cm in pair) for pair in log.wall_recent
        ]
        if asymmetric(walls):
            summary.flags.append(
                Flag("trend", f"Wall test: left and right over {WALL_ASYMMETRY_CM} cm apart twice")
            )
        recent_spots = {spot for s in week for spot in s.tight_spots}
        earlier_spots = {spot for s in before for spot in s.tight_spots}
        new_spots = sorted(recent_spots - earlier_spots)
        if new_spots:
            summary.flags.append(Flag("trend", f"New tight spot: {', '.join(new_spots)}"))
    if summary.routines_7d == 0:
        summary.flags.append(Flag("missed", f"No routine in {RECENT_DAYS} days"))
    return summary


def _flag_pain(
    summary: AthleteSummary, sessions: list[RecentSession], *, usual: int | None, now: datetime
) -> None:
    """The pain model's flags of the last week: the same ones that hold the progress hints."""
    rated = [
        pain_model.Rated(s.performed_at, s.highest_pain, s.morning_after_pain) for s in sessions
    ]
    for flag in pain_model.week_flags(rated, usual=usual, now=now):
        summary.flags.append(Flag(flag.kind, flag.text))


def _flag_trends(summary: AthleteSummary, drill_pains: dict, *, names, since: datetime) -> None:
    """A drill's last 3 ratings, however far apart, rising past safe (the pain model's
    `rising`); only for drills rated within the window (older is history, not a trend)."""
    rising = []
    for drill_id, readings in drill_pains.items():
        name = names.get(int(drill_id))
        last = [pain for _, pain in readings[-TREND_SESSIONS:]]
        latest = datetime.fromisoformat(readings[-1][0])
        if name is None or latest < since or len(last) < TREND_SESSIONS:
            continue
        if pain_model.rising(last):
            rising.append(Flag("trend", f"{name}: pain rising ({' → '.join(map(str, last))})"))
    summary.flags.extend(sorted(rising, key=lambda flag: flag.text))
