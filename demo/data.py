"""Realistic demo data, made fast with bulk inserts, for a first look and for benchmarks."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from coaching.models import CoachLink
from exercises.models import Exercise, Measure
from sessions.models import Entry, EntryPart, Side, TightSpot, TrainingSession
from sessions.services import current_revisions, refresh_summary

DEMO_PASSWORD = "groundwork-demo"  # noqa: S105 - printed for people to sign in with
ATHLETE_PREFIX = "demo-athlete-"
COACH_PREFIX = "demo-coach-"
BATCH = 5000
ZONES = ["Europe/London", "Europe/Berlin", "America/New_York", "America/Denver", "Australia/Sydney"]
FIRST_NAMES = [
    "Ada", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ian", "Jo", "Kai", "Lena", "Milo",
    "Nia", "Omar", "Pia", "Quinn", "Rui", "Sara", "Tom", "Uma", "Vic", "Wen", "Xena", "Yara", "Zoe",
]  # fmt: skip


@dataclass
class DemoResult:
    athletes: list[str]
    coaches: list[str]
    sessions: int
    entries: int


@dataclass
class Profile:
    """How one demo athlete behaves over the period."""

    adherence: float  # chance of a routine on a given day
    base_pain: float
    trend: str  # "better", "steady" or "worse"
    wall_start: float
    single_leg_after: int  # day on which heel drops move to single leg
    stopped_days_ago: int  # 0, or the recent days with no routine at all
    usual_spot: str
    hour: int


def demo_exists() -> bool:
    return get_user_model().objects.filter(username__startswith=ATHLETE_PREFIX).exists()


@transaction.atomic
def remove_demo() -> None:
    get_user_model().objects.filter(
        Q(username__startswith=ATHLETE_PREFIX) | Q(username__startswith=COACH_PREFIX)
    ).delete()


@transaction.atomic
def seed_demo(
    *,
    athletes: int,
    days: int,
    coaches: int,
    lead_coach_athletes: int = 0,
    seed: int = 42,
    now: datetime | None = None,
) -> DemoResult:
    """Create demo athletes with `days` of history and coaches who follow them.

    Athletes are shared round-robin among the coaches; the first coach also follows more of them,
    up to `lead_coach_athletes` in all, to show a busy dashboard.
    """
    rng = random.Random(seed)
    now = now or timezone.now()
    drills = list(Exercise.objects.active().in_routine_order().with_prescription())
    revisions = current_revisions(drill.pk for drill in drills)
    users = get_user_model()
    password = make_password(DEMO_PASSWORD)  # one hash for all: hashing each is the slow part

    athlete_users = users.objects.bulk_create(
        users(
            username=f"{ATHLETE_PREFIX}{i:03d}",
            email=f"{ATHLETE_PREFIX}{i:03d}@example.com",
            display_name=f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {i:03d}",
            time_zone=ZONES[i % len(ZONES)],
            password=password,
        )
        for i in range(1, athletes + 1)
    )
    coach_users = users.objects.bulk_create(
        users(
            username=f"{COACH_PREFIX}{i:02d}",
            email=f"{COACH_PREFIX}{i:02d}@example.com",
            display_name=f"Coach {FIRST_NAMES[(i * 7) % len(FIRST_NAMES)]}",
            time_zone="Europe/London",
            password=password,
        )
        for i in range(1, coaches + 1)
    )
    links = set()
    if coach_users:
        for index, athlete in enumerate(athlete_users):
            links.add((athlete.pk, coach_users[index % len(coach_users)].pk))
        lead = coach_users[0].pk
        for athlete in athlete_users:
            if sum(1 for _, coach in links if coach == lead) >= lead_coach_athletes:
                break
            links.add((athlete.pk, lead))
    CoachLink.objects.bulk_create(CoachLink(athlete_id=a, coach_id=c) for a, c in links)

    session_count = entry_count = 0
    sessions: list[TrainingSession] = []
    plans: list[tuple[Profile, int]] = []
    for athlete in athlete_users:
        profile = _profile(rng)
        zone = ZoneInfo(athlete.time_zone)
        for day in range(days - 1, -1, -1):
            if day < profile.stopped_days_ago or rng.random() > profile.adherence:
                continue
            local = (now - timedelta(days=day)).astimezone(zone)
            performed = local.replace(hour=profile.hour, minute=rng.randrange(60), second=0)
            if performed > now:
                performed -= timedelta(days=1)
            sessions.append(
                TrainingSession(
                    athlete=athlete,
                    performed_at=performed,
                    timing="pre_run" if rng.random() < 0.85 else "post_run",
                    run_type=rng.choice(["easy", "easy", "easy", "long", "tempo", "intervals"]),
                    run_distance_km=Decimal(rng.randrange(40, 220)) / 10,
                )
            )
            plans.append((profile, days - 1 - day))
        if len(sessions) >= BATCH:
            session_count, entry_count = _flush(
                sessions, plans, drills, revisions, rng, session_count, entry_count, days
            )
    session_count, entry_count = _flush(
        sessions, plans, drills, revisions, rng, session_count, entry_count, days
    )
    # Written in bulk, around the log's write path: each athlete's summary once, at the end.
    for athlete in athlete_users:
        refresh_summary(athlete.pk)
    return DemoResult(
        athletes=[u.username for u in athlete_users],
        coaches=[u.username for u in coach_users],
        sessions=session_count,
        entries=entry_count,
    )


def _profile(rng: random.Random) -> Profile:
    roll = rng.random()
    trend = "worse" if roll < 0.15 else "steady" if roll < 0.4 else "better"
    return Profile(
        adherence=rng.uniform(0.7, 0.95),
        base_pain=rng.uniform(0.5, 3.5),
        trend=trend,
        wall_start=rng.uniform(5.0, 10.0),
        single_leg_after=rng.randrange(45, 150),
        stopped_days_ago=rng.choice([0] * 9 + [rng.randrange(8, 15)]),
        usual_spot=rng.choice(TightSpot.values),
        hour=rng.choice([6, 6, 7, 7, 8, 17, 18]),
    )


ENTRY_COLUMNS = [
    "session_id", "exercise_id", "exercise_revision_id", "done", "variant_id", "pain",
    "pain_left", "pain_right", "tight_spots", "tight_spot_other", "wall_distance_left_cm",
    "wall_distance_right_cm", "notes", "as_prescribed", "parts_text",
]  # fmt: skip
PART_COLUMNS = [
    "entry_id", "part_id", "side", "sets_done", "reps_done", "seconds", "target_sets",
    "target_reps", "target_seconds",
]  # fmt: skip


def _flush(sessions, plans, drills, revisions, rng, session_count, entry_count, days):
    if not sessions:
        return session_count, entry_count
    # Entries first: a session's morning-after score depends on the pains of its entries.
    entries = [
        entry
        for session, (profile, day_index) in zip(sessions, plans, strict=True)
        for entry in _entries(session, profile, day_index, days, drills, revisions, rng)
    ]
    TrainingSession.objects.bulk_create(sessions, batch_size=BATCH)
    _insert_entries(entries)
    count = (session_count + len(sessions), entry_count + len(entries))
    sessions.clear()
    plans.clear()
    return count


def _insert_sql(model, names: list[str]) -> tuple[str, list]:
    fields = [model._meta.get_field(name.removesuffix("_id")) for name in names]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    return f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", fields  # noqa: S608


def _execute(sql: str, rows: list) -> None:
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def _insert_entries(entries: list[Entry]) -> None:
    """A plain executemany: for 100k+ rows the ORM's per-value preparation is the slow part.
    Then each entry's parts (`entry.part_rows`), against the entry ids read back in one query."""
    sql, fields = _insert_sql(Entry, ENTRY_COLUMNS)
    json_field = Entry._meta.get_field("tight_spots")
    rows = []
    for entry in entries:
        entry.session_id = entry.session.pk
        entry.sum_up_parts(entry.part_rows)  # as the write path does (sessions.services)
        row = [getattr(entry, f.attname) for f in fields]
        row[ENTRY_COLUMNS.index("tight_spots")] = json_field.get_db_prep_save(
            entry.tight_spots, connection
        )
        rows.append(row)
    _execute(sql, rows)
    session_ids = {entry.session_id for entry in entries}
    ids = {
        (session_id, drill_id): pk
        for pk, session_id, drill_id in Entry.objects.filter(
            session_id__in=session_ids
        ).values_list("pk", "session_id", "exercise_id")
    }
    sql, fields = _insert_sql(EntryPart, PART_COLUMNS)
    part_rows = []
    for entry in entries:
        entry_id = ids[(entry.session_id, entry.exercise_id)]
        for part in entry.part_rows:
            part.entry_id = entry_id
            part_rows.append([getattr(part, f.attname) for f in fields])
    _execute(sql, part_rows)


def _pain(profile: Profile, progress: float, rng: random.Random) -> int:
    level = profile.base_pain
    if profile.trend == "better":
        level *= 1.0 - 0.7 * progress
    elif profile.trend == "worse":
        level += 5.0 * max(0.0, progress - 0.8) / 0.2  # climbs over the last fifth
    return max(0, min(10, round(level + rng.gauss(0, 0.8))))


def _entries(session, profile, day_index, days, drills, revisions, rng):
    progress = day_index / max(days - 1, 1)
    peak = 0
    for drill in drills:
        done = rng.random() < 0.93
        entry = Entry(
            session=session,
            exercise=drill,
            exercise_revision_id=revisions.get(drill.pk),
            done=done,
        )
        if done:
            pain = _pain(profile, progress, rng)
            peak = max(peak, pain)
            if drill.pain_per_side:
                entry.pain_left = pain
                entry.pain_right = max(0, pain - rng.choice([0, 0, 1]))
            else:
                entry.pain = pain
            variant = None
            if drill.variant_list:
                # The ladder's second rung from the athlete's day; the first rung otherwise.
                variant = drill.variant_list[0]
                if drill.measure == Measure.HEEL_DROP_VARIANT and (
                    day_index >= profile.single_leg_after
                ):
                    variant = drill.variant_list[1]
                entry.variant = variant
            entry.part_rows = list(_parts(drill, variant, rng))
            if rng.random() < 0.3:
                spots = [profile.usual_spot]
                if profile.trend == "worse" and progress > 0.9:
                    spots.append(TightSpot.ACHILLES)
                entry.tight_spots = sorted(set(spots))
            if drill.measure == Measure.WALL_DISTANCE:
                gain = 5.0 * progress if profile.trend != "worse" else 2.0 * progress
                left = profile.wall_start + gain + rng.gauss(0, 0.4)
                entry.wall_distance_left_cm = Decimal(f"{max(0.0, left):.1f}")
                entry.wall_distance_right_cm = Decimal(f"{max(0.0, left - rng.uniform(0, 1)):.1f}")
        else:
            entry.part_rows = []
        yield entry
    if rng.random() < 0.35:
        worse = profile.trend == "worse" and progress > 0.85
        session.morning_after_pain = min(
            10, peak + (rng.choice([1, 2]) if worse else -rng.choice([0, 1]))
        )
        session.morning_after_pain = max(0, session.morning_after_pain)


def _parts(drill, variant, rng):
    """Each part as prescribed, on each side it is done on; now and then a set short."""
    for part in drill.part_list:
        sides = (
            [Side.LEFT, Side.RIGHT]
            if part.per_side or (variant is not None and variant.per_side)
            else [Side.BOTH]
        )
        for side in sides:
            row = EntryPart(
                part=part,
                side=side,
                target_sets=part.sets,
                target_reps=part.reps,
                target_seconds=part.hold_min_seconds or part.hold_max_seconds,
            )
            if part.is_timed:
                row.seconds = rng.randrange(
                    part.hold_min_seconds or part.hold_max_seconds, part.hold_max_seconds + 1, 5
                )
            else:
                short = part.sets > 1 and rng.random() < 0.08
                row.sets_done, row.reps_done = part.sets - short, part.reps
            yield row
