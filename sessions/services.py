"""Writes that span a session and its entries."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Q

from exercises.models import Exercise, Measure

from .models import Entry, TrainingSession


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
            session.save()
            if revisions is None:
                revisions = current_revisions(entry.exercise_id for entry in entries)
            for entry in entries:
                entry.session = session
                entry.exercise_revision_id = revisions.get(entry.exercise_id)
            Entry.objects.bulk_create(entries)
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
        entry.save()
    return session


def last_measures(*, athlete, drills: Iterable[Exercise]) -> dict[int, str]:
    """A hint per measured drill from the athlete's most recent value, e.g. "last time: 9 cm …".

    Looked up once per version of the athlete's log: an athlete whose recent routines lack a
    measure would otherwise have their sessions searched back to the last one that has it.
    """
    drills = [drill for drill in drills if drill.measure]
    key = f"last-measures:{athlete.pk}:{athlete.log_version}:" + ",".join(
        f"{drill.pk}.{drill.measure}" for drill in drills
    )
    hints = cache.get(key)
    if hints is None:
        hints = _last_measures(athlete, drills)
        cache.set(key, hints, 24 * 60 * 60)
    return hints


def _last_measures(athlete, drills: list[Exercise]) -> dict[int, str]:
    hints = {}
    for drill in drills:
        # Read from the athlete's sessions, newest first as their index is ordered, so the scan
        # stops at the first session with a value: no sort of every entry of the drill.
        done = TrainingSession.objects.filter(
            athlete=athlete, entries__exercise=drill, entries__done=True
        ).newest_first()
        if drill.measure == Measure.WALL_DISTANCE:
            row = (
                done.filter(
                    Q(entries__wall_distance_left_cm__isnull=False)
                    | Q(entries__wall_distance_right_cm__isnull=False)
                )
                .values_list("entries__wall_distance_left_cm", "entries__wall_distance_right_cm")
                .first()
            )
            if row is not None:
                entry = Entry(wall_distance_left_cm=row[0], wall_distance_right_cm=row[1])
                hints[drill.pk] = f"last time: {entry.wall_distance_text}"
        elif drill.measure == Measure.HEEL_DROP_VARIANT:
            row = (
                done.filter(entries__heel_drop_leg__gt="")
                .values_list("entries__heel_drop_leg", "entries__heel_drop_knee")
                .first()
            )
            if row is not None:
                entry = Entry(heel_drop_leg=row[0], heel_drop_knee=row[1])
                hints[drill.pk] = f"last time: {entry.heel_drop_text}"
    return hints


def repeat_last_session(*, athlete) -> dict:
    """Initial data for the log form, copied from the athlete's previous session."""
    previous = (
        TrainingSession.objects.filter(athlete=athlete)
        .newest_first()
        .prefetch_related("entries")
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
    copied = [
        "done", "side", "sets_done", "reps_done", "duration_seconds", "pain", "pain_left",
        "pain_right", "wall_distance_left_cm", "wall_distance_right_cm", "heel_drop_leg",
        "heel_drop_knee", "tight_spots", "tight_spot_other",
    ]  # fmt: skip
    for entry in previous.entries.all():
        initial[entry.exercise_id] = {name: getattr(entry, name) for name in copied}
    return initial
