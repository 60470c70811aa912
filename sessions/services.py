"""The log's one write path: every change to an athlete's log goes through a function here.

Each function writes what the athlete changed and, in the same transaction, the athlete's
LogSummary, so pages read what they summarise instead of working it out on every view.
Admin actions and data scripts that change sessions call these too, or call
`refresh_summary()` once they are done.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from django.db import IntegrityError, transaction
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from config import rows
from exercises.models import Exercise, Measure

from . import pain as pain_model
from .models import (
    Comment,
    Entry,
    EntryPart,
    LogSummary,
    TrainingSession,
    tight_spots_by_session,
)

# What the summary keeps of the newest sessions: those of the 35 days up to the newest (the
# coach's 7-day window and the 28 days before it that a new tight spot is compared with; an
# older one can never fall in a window again), at most 64. Pages pick each window's sessions
# by their dates when they read them.
SUMMARY_DAYS = 35
RECENT_LIMIT = 64
# A drill's last rated sessions kept for the rising-pain trend.
TREND_LENGTH = 3


def current_revisions(exercise_ids: Iterable[int]) -> dict[int, int]:
    """The latest revision of each drill, in one query."""
    rows = Exercise.objects.filter(pk__in=list(exercise_ids)).with_revision()
    return dict(rows.values_list("pk", "revision"))


def log_routine(
    *,
    athlete,
    session: TrainingSession,
    entries: list[Entry],
    submission_token: uuid.UUID | None,
    revisions: dict[int, int] | None = None,
) -> tuple[TrainingSession, bool]:
    """Save a new session with its entries in one transaction.

    Returns (session, created). A repeated submission of the same form (a double tap on a slow
    connection) returns the session that the first one saved. `revisions` maps each drill to
    its latest revision when the caller has read them already (Exercise.with_revision).
    """
    token = submission_token or uuid.uuid4()
    try:
        with transaction.atomic():
            session.athlete = athlete
            session.submission_token = token
            rows.insert([session])  # save()'s INSERT, without building it through the ORM
            if revisions is None:
                revisions = current_revisions(entry.exercise_id for entry in entries)
            for entry in entries:
                entry.session = session
                entry.exercise_revision_id = revisions.get(entry.exercise_id)
                entry.sum_up_parts(getattr(entry, "part_rows", ()))
            rows.insert(entries)  # bulk_create's statement without its query building
            _save_parts(entries)
            add_to_summary(session, entries)
    except IntegrityError:
        # The unique (athlete, token) constraint: this form was saved before, or a moment ago
        # by a request that won the race. Asking the constraint spares every save a lookup.
        duplicate = TrainingSession.objects.filter(athlete=athlete, submission_token=token).first()
        if duplicate is None:
            raise
        return duplicate, False
    return session, True


@transaction.atomic
def update_routine(*, session: TrainingSession, entries: list[Entry]) -> TrainingSession:
    """Save an edited session. Entries keep the drill revision they were first logged against."""
    session.save()
    new = [entry for entry in entries if entry.pk is None]
    revisions = current_revisions(entry.exercise_id for entry in new)
    for entry in entries:
        entry.session = session
        if entry.pk is None:
            entry.exercise_revision_id = revisions.get(entry.exercise_id)
        entry.sum_up_parts(getattr(entry, "part_rows", ()))  # the parts are written again below
        entry.save()
    EntryPart.objects.filter(entry__in=[entry for entry in entries if entry.pk]).delete()
    _save_parts(entries)
    refresh_summary(session.athlete_id)
    return session


def sum_up_parts_afresh(*, athlete_id: int) -> None:
    """Each of the athlete's entries sums up its parts again (Entry.sum_up_parts), for
    refresh_summaries after a data script wrote parts around log_routine and update_routine."""
    entries = list(
        Entry.objects.filter(session__athlete_id=athlete_id).prefetch_related(
            "parts", "exercise__parts"
        )
    )
    for entry in entries:
        entry.sum_up_parts(entry.parts.all())
    Entry.objects.bulk_update(entries, ["as_prescribed", "parts_text"], batch_size=500)


class PartDone(NamedTuple):
    """What was done of one part of a drill, on one side, beside what the part prescribes: an
    entry's part row to be written (EntryForm.part_rows), with the attributes that
    Entry.sum_up_parts reads of a row.

    Plain values rather than an unsaved EntryPart each: nothing reads a row back after the
    save, and building the ~17 instances of a routine took longer than writing them."""

    part_id: int
    side: str
    sets_done: int | None
    reps_done: int | None
    seconds: int | None
    target_sets: int | None
    target_reps: int | None
    target_seconds: int | None


def _save_parts(entries: list[Entry]) -> None:
    """Each entry's `part_rows` (PartDone): what was done of each part, on each side."""
    found = [
        (entry.pk, *row)  # the entry saved just before
        for entry in entries
        for row in getattr(entry, "part_rows", ())
    ]
    rows.insert_values(EntryPart, ("entry_id", *PartDone._fields), found)


@transaction.atomic
def delete_routine(*, session: TrainingSession) -> None:
    """Delete a session with its entries and comments."""
    athlete_id = session.athlete_id
    session.delete()
    refresh_summary(athlete_id)


@transaction.atomic
def set_morning_after(*, session: TrainingSession, pain: int | None) -> None:
    """Record (or clear) how the worked area felt the next morning."""
    session.morning_after_pain = pain
    session.save(update_fields=["morning_after_pain", "updated_at"])
    refresh_summary(session.athlete_id)


def add_comment(*, session: TrainingSession, author, body: str) -> Comment:
    """A coach's feedback on a session, or the athlete's reply. Unread counts are counted when
    a page shows them, so a comment changes nothing else."""
    return Comment.objects.create(session=session, author=author, body=body)


def mark_comments_read(*, session: TrainingSession, reader) -> int:
    """The athlete has seen the comments others left on their session."""
    if reader.pk != session.athlete_id:
        return 0
    return (
        session.comments.filter(read_at__isnull=True)
        .exclude(author=reader)
        .update(read_at=timezone.now())
    )


def refresh_summary(athlete_id: int) -> None:
    """Work out the athlete's LogSummary afresh from their log: a few bounded queries.

    Call it inside the transaction of the write, so no page ever reads a summary that
    disagrees with the log.
    """
    sessions = TrainingSession.objects.filter(athlete_id=athlete_id)
    recent = list(
        sessions.newest_first()
        .with_summary()
        .values("pk", "performed_at", "highest_pain", "morning_after_pain")[:RECENT_LIMIT]
    )
    if recent:
        oldest = recent[0]["performed_at"] - timedelta(days=SUMMARY_DAYS)
        recent = [row for row in recent if row["performed_at"] >= oldest]
    spots = tight_spots_by_session([row["pk"] for row in recent])
    last = recent[0] if recent else None
    walls = _latest_entries(
        athlete_id,
        Q(exercise__measure=Measure.WALL_DISTANCE)
        & (Q(wall_distance_left_cm__isnull=False) | Q(wall_distance_right_cm__isnull=False)),
        2,
        "wall_distance_left_cm",
        "wall_distance_right_cm",
    )
    wall = walls[0] if walls else None
    mornings = list(
        sessions.filter(morning_after_pain__isnull=False)
        .newest_first()
        .values_list("morning_after_pain", flat=True)[: pain_model.USUAL_MORNINGS]
    )
    drill_pains = _drill_pains(athlete_id)
    fields = {
        "last_session_id": last["pk"] if last else None,
        "last_performed_at": last["performed_at"] if last else None,
        "last_highest_pain": last["highest_pain"] if last else None,
        "recent": [
            [
                utc_iso(row["performed_at"]),
                row["highest_pain"],
                row["morning_after_pain"],
                spots.get(row["pk"], []),
            ]
            for row in recent
        ],
        "drill_pains": drill_pains,
        "rising_drills": rising_drills(drill_pains),
        "wall_left_cm": wall[0] if wall else None,
        "wall_right_cm": wall[1] if wall else None,
        "wall_recent": [[_cm(left), _cm(right)] for left, right in walls],
        "variants": _last_variants(athlete_id),
        "usual_morning_pain": pain_model.usual_morning(mornings),
    }
    # An UPDATE, and an INSERT only the first time: one query where update_or_create takes two.
    if not LogSummary.objects.filter(athlete_id=athlete_id).update(**fields):
        LogSummary.objects.create(athlete_id=athlete_id, **fields)


def add_to_summary(session: TrainingSession, entries: list[Entry]) -> None:
    """The athlete's summary with a routine just logged, worked out from the summary and the
    routine alone: one read and one write, where refresh_summary reads the log again.

    A routine logged as the newest is the usual case (a tie in time goes to the newer one, as
    newest_first orders them); one logged for earlier (or a first routine) goes through
    refresh_summary. tests/sessions/test_write_path.py checks the two agree.
    """
    found = rows.read(LogSummary, "WHERE t.athlete_id = %s", [session.athlete_id])
    summary = found[0] if found else None
    last = summary.last_performed_at if summary else None
    if last is None or session.performed_at < last:
        refresh_summary(session.athlete_id)
        return
    at = utc_iso(session.performed_at)
    done = [entry for entry in entries if entry.done]
    peaks = {entry.exercise_id: _peak(entry) for entry in done}
    rated = [peak for peak in peaks.values() if peak is not None]
    highest = max(rated) if rated else None
    spots: dict[str, None] = {}
    for entry in done:
        spots.update(dict.fromkeys(entry.tight_spot_labels))
    oldest = utc_iso(session.performed_at - timedelta(days=SUMMARY_DAYS))
    recent = [[at, highest, None, list(spots)]] + [
        item for item in summary.recent if item[0] >= oldest
    ]
    summary.recent = recent[:RECENT_LIMIT]
    for drill_id, peak in peaks.items():
        if peak is not None:
            readings = [*summary.drill_pains.get(str(drill_id), []), [at, peak]]
            summary.drill_pains[str(drill_id)] = readings[-TREND_LENGTH:]
    summary.rising_drills = rising_drills(summary.drill_pains)
    for entry in done:
        if entry.variant_id is not None:
            summary.variants[str(entry.exercise_id)] = entry.variant_id
        measured = (entry.wall_distance_left_cm, entry.wall_distance_right_cm)
        if entry.exercise.measure == Measure.WALL_DISTANCE and measured != (None, None):
            summary.wall_left_cm, summary.wall_right_cm = measured
            summary.wall_recent = [[_cm(measured[0]), _cm(measured[1])], *summary.wall_recent][:2]
    summary.last_session_id = session.pk
    summary.last_performed_at = session.performed_at
    summary.last_highest_pain = highest
    rows.update(summary)


def _peak(entry: Entry) -> int | None:
    """The entry's worst pain, as the database's peak_pain works it out."""
    pains = [p for p in (entry.pain, entry.pain_left, entry.pain_right) if p is not None]
    return max(pains) if pains else None


def _drill_pains(athlete_id: int) -> dict[str, list]:
    """Each drill's last TREND_LENGTH rated sessions, however far apart, oldest first."""
    latest_first = Window(
        RowNumber(),
        partition_by=[F("exercise_id")],
        order_by=[F("session__performed_at").desc(), F("session_id").desc()],
    )
    rows = (
        Entry.objects.filter(session__athlete_id=athlete_id, done=True, peak_pain__isnull=False)
        .annotate(rank=latest_first)
        .filter(rank__lte=TREND_LENGTH)
        .values_list("exercise_id", "session__performed_at", "peak_pain", "rank")
    )
    pains: dict[str, list] = defaultdict(list)
    for drill_id, performed_at, pain, _rank in sorted(rows, key=lambda row: -row[3]):
        pains[str(drill_id)].append([utc_iso(performed_at), pain])
    return dict(pains)


def rising_drills(drill_pains: dict[str, list]) -> list[list]:
    """The drills of `drill_pains` whose last ratings rise past safe (the pain model's
    `rising`): [[drill id, ISO time of the last rating, [pains]], …]."""
    rising = []
    for drill_id, readings in drill_pains.items():
        pains = [pain for _, pain in readings]
        if pain_model.rising(pains):
            rising.append([int(drill_id), readings[-1][0], pains[-pain_model.TREND_SESSIONS :]])
    return rising


def _cm(value) -> str | None:
    return None if value is None else f"{value.normalize():f}"


def _last_variants(athlete_id: int) -> dict[str, int]:
    """Each drill's variant in its latest done entry that has one: the log form's default."""
    latest_first = Window(
        RowNumber(),
        partition_by=[F("exercise_id")],
        order_by=[F("session__performed_at").desc(), F("session_id").desc()],
    )
    rows = (
        Entry.objects.filter(session__athlete_id=athlete_id, done=True, variant__isnull=False)
        .annotate(rank=latest_first)
        .filter(rank=1)
        .values_list("exercise_id", "variant_id")
    )
    return {str(drill_id): variant_id for drill_id, variant_id in rows}


def _latest_entries(athlete_id: int, condition: Q, count: int, *fields: str) -> list[tuple]:
    return list(
        Entry.objects.filter(condition, session__athlete_id=athlete_id, done=True)
        .order_by("-session__performed_at", "-session_id")
        .values_list(*fields)[:count]
    )


def utc_iso(moment: datetime) -> str:
    """A moment as the summary stores it: ISO 8601 in UTC to the microsecond, so that comparing
    two as strings compares them in time."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def repeat_last_session(*, athlete) -> dict:
    """Initial data for the log form: what the athlete did in their previous session.

    What was done (each part's sets, reps and seconds, the variant, the wall distances), never
    how it felt: pain, tight spots and notes are today's to give, or they would be invented.
    """
    previous = (
        TrainingSession.objects.filter(athlete=athlete)
        .newest_first()
        .prefetch_related("entries__parts")
        .first()
    )
    if previous is None:
        return {}
    initial: dict = {
        "session": {
            "timing": previous.timing,
            "run_type": previous.run_type,
            "run_distance_km": previous.run_distance_km,
        }
    }
    for entry in previous.entries.all():
        copied: dict = {
            "done": entry.done,
            "variant": entry.variant_id,
            "wall_distance_left_cm": entry.wall_distance_left_cm,
            "wall_distance_right_cm": entry.wall_distance_right_cm,
        }
        for row in entry.parts.all():
            prefix = f"part{row.part_id}_{row.side}"
            copied |= {
                f"{prefix}_sets": row.sets_done,
                f"{prefix}_reps": row.reps_done,
                f"{prefix}_seconds": row.seconds,
            }
        initial[entry.exercise_id] = copied
    return initial
