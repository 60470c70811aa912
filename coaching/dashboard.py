"""What a coach sees first: each athlete's recent routine, and flags that ask for attention.

All figures come from three queries, whatever the number of athletes or the length of their logs:
the athletes, a per-athlete aggregate of their sessions, and the entries of the last 35 days.
Each athlete's summary is then cached until their log changes or time alone would change it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from itertools import pairwise

from django.core.cache import cache
from django.db.models import Count, F, Max, Min, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from exercises.models import drills_version
from sessions.models import PAIN_FLAG, Entry, TightSpot, TrainingSession, morning_after_worse

RECENT_DAYS = 7
BASELINE_DAYS = 28
TREND_SESSIONS = 3
# Without a session to leave a window, a summary is still worked out afresh once a day.
MAX_HOLD = timedelta(days=1)
CACHE_SECONDS = int(MAX_HOLD.total_seconds())
# Looked up for every entry of every athlete: TightSpot.values builds a new list on each call.
TIGHT_SPOT_LABELS = dict(TightSpot.choices)


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
    # The summary holds from `worked_out` until `valid_until`, when a session leaves one of the
    # windows or a session logged ahead of time comes into them.
    worked_out: datetime | None = None
    valid_until: datetime | None = None

    @property
    def priority(self) -> tuple:
        ranks = sorted(PRIORITY[flag.kind] for flag in self.flags) or [len(PRIORITY)]
        return (ranks[0], -len(self.flags), -(self.highest_pain_7d or -1))

    def flag_kinds(self) -> set[str]:
        return {flag.kind for flag in self.flags}


def cached_summaries(athletes, *, now: datetime | None = None) -> list[AthleteSummary]:
    """As summarise(), reusing each athlete's summary while it holds.

    `athletes` must come fresh from the database: their log_version is part of the key.
    """
    now = now or timezone.now()
    athletes = list(athletes)
    version = drills_version()  # drill names appear in the flags
    keys = {
        athlete.pk: f"dashboard:{athlete.pk}:{athlete.log_version}:{version}"
        for athlete in athletes
    }
    cached = cache.get_many(keys.values())
    summaries, stale = [], []
    for athlete in athletes:
        summary = cached.get(keys[athlete.pk])
        if summary is not None and summary.worked_out <= now < summary.valid_until:
            summary.athlete = athlete  # a copy: the cache hands out a new one on every read
            summaries.append(summary)
        else:
            stale.append(athlete)
    fresh = summarise(stale, now=now)
    cache.set_many(
        {keys[s.athlete.pk]: replace(s, athlete=None) for s in fresh}, timeout=CACHE_SECONDS
    )
    return in_priority_order([*summaries, *fresh])


def in_priority_order(summaries: list[AthleteSummary]) -> list[AthleteSummary]:
    return sorted(summaries, key=lambda s: (*s.priority, str(s.athlete).lower(), s.athlete.pk))


def summarise(athletes, *, now: datetime | None = None) -> list[AthleteSummary]:
    """Summaries of these athletes, the ones needing a coach's eyes first."""
    now = now or timezone.now()
    recent_start = now - timedelta(days=RECENT_DAYS)
    month_start = now - timedelta(days=BASELINE_DAYS)
    window_start = recent_start - timedelta(days=BASELINE_DAYS)
    summaries = {
        athlete.pk: AthleteSummary(athlete=athlete, worked_out=now, valid_until=now + MAX_HOLD)
        for athlete in athletes
    }
    if not summaries:
        return []

    past = Q(performed_at__lte=now)
    counts = (
        TrainingSession.objects.filter(athlete_id__in=summaries)
        .values("athlete_id")
        .annotate(
            last=Max("performed_at", filter=past),
            recent=Count("pk", filter=past & Q(performed_at__gte=recent_start)),
            month=Count("pk", filter=past & Q(performed_at__gte=month_start)),
            # The oldest session in each window leaves it first; a future one arrives.
            oldest_recent=Min("performed_at", filter=past & Q(performed_at__gte=recent_start)),
            oldest_month=Min("performed_at", filter=past & Q(performed_at__gte=month_start)),
            oldest_window=Min("performed_at", filter=past & Q(performed_at__gte=window_start)),
            next_ahead=Min("performed_at", filter=Q(performed_at__gt=now)),
        )
    )
    for row in counts:
        summary = summaries[row["athlete_id"]]
        summary.last_routine = row["last"]
        summary.routines_7d = row["recent"]
        summary.routines_28d = row["month"]
        changes = [
            row["next_ahead"],
            *(
                oldest + timedelta(days=days)
                for oldest, days in (
                    (row["oldest_recent"], RECENT_DAYS),
                    (row["oldest_month"], BASELINE_DAYS),
                    (row["oldest_window"], RECENT_DAYS + BASELINE_DAYS),
                )
                if oldest is not None
            ),
        ]
        summary.valid_until = min(
            [summary.valid_until, *(moment for moment in changes if moment is not None)]
        )

    entries = (
        Entry.objects.filter(
            session__athlete_id__in=summaries,
            session__performed_at__gte=window_start,
            session__performed_at__lte=now,
            done=True,
        )
        .order_by("session__performed_at", "session_id")
        .values_list(
            "session__athlete_id",
            "session_id",
            "session__performed_at",
            "session__morning_after_pain",
            "exercise__name",
            "peak_pain",
            "tight_spots",
            "tight_spot_other",
        )
    )
    by_athlete: dict[int, list[tuple]] = defaultdict(list)
    for row in entries:
        by_athlete[row[0]].append(row[1:])

    earlier = _earlier_pains(by_athlete, before=window_start)
    for athlete_id, summary in summaries.items():
        _fill(
            summary,
            by_athlete.get(athlete_id, []),
            earlier=earlier.get(athlete_id, {}),
            recent_start=recent_start,
            now=now,
        )
    return in_priority_order(list(summaries.values()))


def _earlier_pains(by_athlete: dict[int, list[tuple]], *, before) -> dict[int, dict[str, list]]:
    """For a drill rated fewer than 3 times in the window, its last ratings before it.

    The trend flag reads an athlete's last 3 sessions of a drill, even when they are spread over
    more than the window; one query, and only when some athlete needs it.
    """
    rated: dict[tuple[int, str], int] = Counter(
        (athlete_id, row[3])
        for athlete_id, rows in by_athlete.items()
        for row in rows
        if row[4] is not None
    )
    short = {pair for pair, count in rated.items() if count < TREND_SESSIONS}
    if not short:
        return {}
    latest_first = Window(
        RowNumber(),
        partition_by=[F("session__athlete_id"), F("exercise__name")],
        order_by=[F("session__performed_at").desc(), F("session_id").desc()],
    )
    rows = (
        Entry.objects.filter(
            session__athlete_id__in={athlete for athlete, _ in short},
            exercise__name__in={drill for _, drill in short},
            session__performed_at__lt=before,
            done=True,
            peak_pain__isnull=False,
        )
        .annotate(rank=latest_first)
        .filter(rank__lt=TREND_SESSIONS)
        .values_list("session__athlete_id", "exercise__name", "peak_pain", "rank")
    )
    earlier: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for athlete_id, drill, pain, _rank in sorted(rows, key=lambda row: -row[3]):
        if (athlete_id, drill) in short:
            earlier[athlete_id][drill].append(pain)  # oldest first
    return earlier


def _fill(
    summary: AthleteSummary, rows: list[tuple], *, earlier: dict[str, list], recent_start, now
) -> None:
    session_peak: dict[int, int | None] = {}
    morning_after: dict[int, tuple[datetime, int | None]] = {}
    drill_pains: dict[str, list[int]] = defaultdict(list)
    recent_spots: Counter[str] = Counter()
    earlier_spots: set[str] = set()
    month_spots: Counter[str] = Counter()
    month_start = now - timedelta(days=BASELINE_DAYS)

    for session_id, performed_at, after, drill, pain, spots, other in rows:
        labels = [TIGHT_SPOT_LABELS[code] for code in spots if code in TIGHT_SPOT_LABELS]
        if other:
            labels.append(other.strip().capitalize())
        if performed_at >= recent_start:
            recent_spots.update(labels)
            if pain is not None:
                best = session_peak.get(session_id)
                session_peak[session_id] = pain if best is None else max(best, pain)
            morning_after[session_id] = (performed_at, after)
        else:
            earlier_spots.update(labels)
        if performed_at >= month_start:
            month_spots.update(labels)
        if pain is not None:
            drill_pains[drill].append(pain)

    peaks = [pain for pain in session_peak.values() if pain is not None]
    summary.highest_pain_7d = max(peaks) if peaks else None
    if month_spots:
        summary.top_tight_spot = month_spots.most_common(1)[0][0]

    if summary.highest_pain_7d is not None and summary.highest_pain_7d >= PAIN_FLAG:
        summary.flags.append(Flag("pain", f"Pain {summary.highest_pain_7d}/10 this week"))
    for session_id, (_, after) in sorted(morning_after.items(), key=lambda kv: kv[1][0]):
        during = session_peak.get(session_id)
        if morning_after_worse(during=during, after=after):
            summary.flags.append(
                Flag("pain", f"Morning after worse than during ({after} vs {during})")
            )
            break
    for drill, pains in sorted(drill_pains.items()):
        last = [*earlier.get(drill, []), *pains][-TREND_SESSIONS:]
        if len(last) == TREND_SESSIONS and all(a < b for a, b in pairwise(last)):
            summary.flags.append(
                Flag("trend", f"{drill}: pain rising ({' → '.join(map(str, last))})")
            )
    new_spots = sorted(set(recent_spots) - earlier_spots)
    if new_spots:
        summary.flags.append(Flag("trend", f"New tight spot: {', '.join(new_spots)}"))
    if summary.routines_7d == 0:
        summary.flags.append(Flag("missed", f"No routine in {RECENT_DAYS} days"))
