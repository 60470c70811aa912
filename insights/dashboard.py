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

from django.urls import reverse
from django.utils import timezone

from exercises.models import Exercise
from sessions import pain as pain_model
from sessions.models import LogSummary
from sessions.services import utc_iso

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


def summarise(athletes, *, now: datetime | None = None) -> list[AthleteSummary]:
    """Summaries of these athletes, the ones needing a coach's eyes first: three queries."""
    now = now or timezone.now()
    athletes = list(athletes)
    if not athletes:
        return []
    logs = {
        row[0]: row
        for row in LogSummary.objects.filter(athlete__in=athletes).values_list(
            "athlete_id",
            "last_performed_at",
            "recent",
            "drill_pains",
            "usual_morning_pain",
            "wall_recent",
        )
    }
    names = dict(Exercise.objects.values_list("pk", "name"))
    summaries = [
        summarise_one(athlete, logs.get(athlete.pk), names=names, now=now) for athlete in athletes
    ]
    return in_priority_order(summaries)


def in_priority_order(summaries: list[AthleteSummary]) -> list[AthleteSummary]:
    return sorted(summaries, key=lambda s: (*s.priority, str(s.athlete).lower(), s.athlete.pk))


def summarise_one(athlete, log: tuple | None, *, names: dict[int, str], now: datetime):
    """One athlete's summary from their LogSummary's row (athlete, last, recent, drill pains).

    Its sessions are newest first, with their times as UTC ISO strings, which compare as
    times: each window is a slice of the list, and no date is parsed.
    """
    summary = AthleteSummary(athlete=athlete)
    if log is not None:
        _, summary.last_routine, recent, drill_pains, usual_morning, wall_recent = log
        until = utc_iso(now)
        week_start = utc_iso(now - timedelta(days=RECENT_DAYS))
        month_start = utc_iso(now - timedelta(days=BASELINE_DAYS))
        window_start = utc_iso(now - timedelta(days=RECENT_DAYS + BASELINE_DAYS))
        week, month, before = [], [], []
        for session in recent:  # [when, highest pain, morning-after pain, tight spots]
            when = session[0]
            if when > until:
                continue
            if when < window_start:
                break
            (week if when >= week_start else before).append(session)
            if when >= month_start:
                month.append(session)
        summary.routines_7d = len(week)
        summary.routines_28d = len(month)
        peaks = [session[1] for session in week if session[1] is not None]
        summary.highest_pain_7d = max(peaks) if peaks else None
        spots = Counter(spot for session in month for spot in session[3])
        if spots:
            summary.top_tight_spot = spots.most_common(1)[0][0]
        rated = [
            pain_model.Rated(datetime.fromisoformat(when), during, after)
            for when, during, after, _ in recent
        ]
        for flag in pain_model.week_flags(rated, usual=usual_morning, now=now):
            summary.flags.append(Flag(flag.kind, flag.text))
        _flag_trends(summary, drill_pains, names=names, since=window_start)
        walls = [tuple(None if cm is None else Decimal(cm) for cm in pair) for pair in wall_recent]
        if asymmetric(walls):
            summary.flags.append(
                Flag("trend", f"Wall test: left and right over {WALL_ASYMMETRY_CM} cm apart twice")
            )
        recent_spots = {spot for session in week for spot in session[3]}
        earlier_spots = {spot for session in before for spot in session[3]}
        new_spots = sorted(recent_spots - earlier_spots)
        if new_spots:
            summary.flags.append(Flag("trend", f"New tight spot: {', '.join(new_spots)}"))
    if summary.routines_7d == 0:
        summary.flags.append(Flag("missed", f"No routine in {RECENT_DAYS} days"))
    return summary


def _flag_trends(summary: AthleteSummary, drill_pains: dict, *, names, since: str) -> None:
    """A drill's last 3 ratings, however far apart, rising past safe (the pain model's
    `rising`); only for drills rated within the window (older is history, not a trend)."""
    rising = []
    for drill_id, readings in drill_pains.items():
        name = names.get(int(drill_id))
        last = [pain for _, pain in readings[-TREND_SESSIONS:]]
        if name is None or readings[-1][0] < since or len(last) < TREND_SESSIONS:
            continue
        if pain_model.rising(last):
            rising.append(Flag("trend", f"{name}: pain rising ({' → '.join(map(str, last))})"))
    summary.flags.extend(sorted(rising, key=lambda flag: flag.text))


@dataclass(frozen=True)
class DashboardRow:
    """What one athlete's row shows, as strings: the template only places them."""

    url: str
    name: str
    border: str
    last: str
    last_iso: str
    facts: list[str]
    flags: list[Flag]

    @classmethod
    def of(cls, summary: AthleteSummary) -> DashboardRow:
        kinds = summary.flag_kinds()
        last = summary.last_routine and timezone.localtime(summary.last_routine)
        pain = summary.highest_pain_7d
        facts = [
            f"{summary.routines_7d} in 7 days",
            f"{summary.routines_28d} in 28 days",
            "no pain rated this week" if pain is None else f"highest pain {pain}",
        ]
        if summary.top_tight_spot:
            facts.append(f"most often tight: {summary.top_tight_spot}")
        return cls(
            url=reverse("insights:athlete", args=[summary.athlete.pk]),
            name=str(summary.athlete),
            border="border-danger" if "pain" in kinds else "border-warning" if kinds else "",
            last=f"last routine {last:%a} {last.day} {last:%b}" if last else "no routine yet",
            last_iso=last.isoformat() if last else "",
            facts=facts,
            flags=summary.flags,
        )
