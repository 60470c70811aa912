"""Migrations exercises 0003–0004 and training 0006–0008 carry every entry over, nothing lost;
training 0009 sums up the parts of every entry logged before it.

The database is taken back to the schema before parts (exercises 0002, training 0005), filled
as the old demo data and the old log form filled it (every side, leg, knee, sets, reps and
duration they could hold), then migrated forward; each old value must be found again.
"""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests.factories import logged_routine

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("exercises", "0003_drill_is_its_name"), ("training", "0005_text_and_date_bounds")]
AFTER = [
    ("exercises", "0005_prescription_for_existing_drills"),
    ("training", "0008_remove_carried_over_columns"),
]

# The drills as the old fixture seeded them: (slug, position, sets, reps, hold min, hold max,
# per side, measure), and an admin's own drill.
OLD_DRILLS = [
    ("foot-rolling", 1, None, None, 30, 60, True, ""),
    ("ankle-mobility-wall", 2, None, None, None, None, True, "wall_distance"),
    ("foot-inversion-eversion", 3, 3, 10, None, None, True, ""),
    ("toe-raises", 4, 3, 10, None, None, False, ""),
    ("eccentric-heel-drops", 5, 4, 12, None, None, False, "heel_drop_variant"),  # edited: 4 × 12
    ("trigger-point-release", 6, None, None, 60, 120, True, ""),
    ("my-own-drill", 7, 2, 15, None, None, False, ""),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest() -> None:
    """Every app's newest migration: the schema the tests that follow expect."""
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def old_entries(apps, rng: random.Random, sessions: int = 60) -> list[dict]:
    """Old-shape data as demo/data.py and the old form made it, with every variation."""
    User = apps.get_model("accounts", "User")
    Exercise = apps.get_model("exercises", "Exercise")
    TrainingSession = apps.get_model("training", "TrainingSession")
    Entry = apps.get_model("training", "Entry")
    LogSummary = apps.get_model("training", "LogSummary")
    drills = {}
    for slug, position, sets, reps, low, high, per_side, measure in OLD_DRILLS:
        drills[slug] = Exercise.objects.create(
            name=slug.replace("-", " ").capitalize(), slug=slug, position=position,
            purpose="x", instructions="a\nb\nc", sets=sets, reps=reps, hold_min_seconds=low,
            hold_max_seconds=high, per_side=per_side, measure=measure,
        )  # fmt: skip
    athletes = [User.objects.create(username=f"old{i}", time_zone="Europe/London") for i in (1, 2)]
    now = timezone.now()
    for i in range(sessions):
        athlete = athletes[i % 2]
        session = TrainingSession.objects.create(
            athlete=athlete,
            performed_at=now - timedelta(days=sessions - i),
            morning_after_pain=rng.choice([None, None, 0, 1, 2, 4]),
        )
        for slug, drill in drills.items():
            entry = Entry(session=session, exercise=drill, done=rng.random() < 0.9)
            entry.side = rng.choice(["both", "both", "both", "left", "right"])
            entry.pain = rng.choice([None, 0, 2, 5])
            if drill.sets:
                entry.sets_done = rng.choice([None, drill.sets, drill.sets - 1])
                entry.reps_done = None if entry.sets_done is None else rng.choice([drill.reps, 8])
            if drill.hold_max_seconds:
                entry.duration_seconds = rng.choice([None, 45, 120])
            if slug == "ankle-mobility-wall":
                entry.wall_distance_left_cm = Decimal(f"{rng.uniform(5, 12):.1f}")
                entry.wall_distance_right_cm = rng.choice([None, Decimal("8.5")])
            if slug == "eccentric-heel-drops":
                entry.heel_drop_leg = rng.choice(["double", "single", ""])
                entry.heel_drop_knee = rng.choice(["both", "straight", "bent"])
            entry.save()
    for athlete in athletes:
        LogSummary.objects.create(athlete=athlete)
    return list(
        Entry.objects.order_by("pk").values(
            "pk", "exercise__slug", "side", "sets_done", "reps_done", "duration_seconds",
            "heel_drop_leg", "heel_drop_knee", "wall_distance_left_cm", "wall_distance_right_cm",
            "pain", "pain_left", "pain_right", "done", "session__athlete_id",
        )
    )  # fmt: skip


@pytest.fixture
def migrated_from_old_data():
    apps = migrate(BEFORE)
    before = old_entries(apps, random.Random(13))
    apps = migrate(AFTER)
    yield apps, before
    migrate_to_latest()


def test_every_entry_is_carried_over_with_nothing_lost(migrated_from_old_data):
    apps, before = migrated_from_old_data
    Entry = apps.get_model("training", "Entry")
    EntryPart = apps.get_model("training", "EntryPart")
    after = {entry.pk: entry for entry in Entry.objects.select_related("variant")}
    rows: dict[int, list] = {}
    for row in EntryPart.objects.select_related("part").order_by("part__position", "side"):
        rows.setdefault(row.entry_id, []).append(row)

    assert len(after) == len(before)
    for old in before:
        new = after[old["pk"]]
        parts = rows.get(old["pk"], [])
        slug = old["exercise__slug"]
        # What stays on the entry stays as it was.
        for field in ("wall_distance_left_cm", "wall_distance_right_cm", "pain", "done"):
            assert getattr(new, field) == old[field], (slug, field)
        # The leg became the variant.
        if old["heel_drop_leg"]:
            assert (
                new.variant.name
                == {"double": "Double leg", "single": "Single leg"}[old["heel_drop_leg"]]
            )
        else:
            assert new.variant is None
        # The knee chose the parts.
        if slug == "eccentric-heel-drops" and old["sets_done"] is not None:
            names = {row.part.name for row in parts}
            expected = {"both": {"Knee straight", "Knee bent"}, "straight": {"Knee straight"},
                        "bent": {"Knee bent"}}[old["heel_drop_knee"]]  # fmt: skip
            assert names == expected
        # Every old number is found again, on the sides the entry was done on.
        if old["sets_done"] is not None or old["reps_done"] is not None:
            assert parts, (slug, old)
            assert all(row.reps_done == old["reps_done"] for row in parts)
            if slug == "toe-raises":  # three sets were one of each pattern
                assert sum(row.sets_done for row in parts) == old["sets_done"]
            else:
                assert {row.sets_done for row in parts} == {old["sets_done"]}
        if old["duration_seconds"] is not None:
            assert [row.seconds for row in parts] == [old["duration_seconds"]]
        if old["side"] in ("left", "right"):
            assert parts and {row.side for row in parts} == {old["side"]}, (slug, old)
        elif parts and (slug == "foot-inversion-eversion" or old["heel_drop_leg"] == "single"):
            assert {row.side for row in parts} == {"left", "right"}
        if slug == "my-own-drill" and old["sets_done"] is not None:
            assert [row.part.name for row in parts] == ["My own drill"]


def test_the_drills_get_their_parts_keeping_an_admins_edited_dosage(migrated_from_old_data):
    apps, _ = migrated_from_old_data
    Exercise = apps.get_model("exercises", "Exercise")
    heel = Exercise.objects.get(slug="eccentric-heel-drops")
    assert list(heel.parts.values_list("name", "sets", "reps")) == [
        ("Knee straight", 4, 12),
        ("Knee bent", 4, 12),
    ]
    assert list(heel.variants.values_list("name", "per_side")) == [
        ("Double leg", False),
        ("Single leg", True),
    ]
    wall = Exercise.objects.get(slug="ankle-mobility-wall")
    assert list(wall.parts.values_list("hold_min_seconds", "hold_max_seconds", "per_side")) == [
        (30, 60, True)
    ]
    assert "second toe" in wall.cues
    assert wall.instructions == "a\nb\nc"  # the admin's text is theirs
    rolling = Exercise.objects.get(slug="foot-rolling")
    assert rolling.variants.get(name="Frozen bottle").timing == "post_run"


def test_each_summary_knows_the_last_variant_so_the_form_never_steps_back(
    migrated_from_old_data,
):
    apps, _ = migrated_from_old_data
    LogSummary = apps.get_model("training", "LogSummary")
    Entry = apps.get_model("training", "Entry")
    for summary in LogSummary.objects.all():
        latest = (
            Entry.objects.filter(
                session__athlete_id=summary.athlete_id,
                done=True,
                exercise__slug="eccentric-heel-drops",
                variant__isnull=False,
            )
            .order_by("-session__performed_at")
            .first()
        )
        assert summary.variants[str(latest.exercise_id)] == latest.variant_id
        assert summary.usual_morning_pain is not None


def test_the_entries_logged_before_get_their_parts_summed_up(athlete, drills):
    """0009 fills in each entry's as_prescribed and parts_text from its parts, as the write
    path keeps them from then on: the progress page reads them instead of the parts."""
    session = logged_routine(
        athlete=athlete,
        performed_at=timezone.now() - timedelta(days=1),
        **{
            "eccentric-heel-drops": {"variant": "Double leg", "parts": "prescribed"},
            "toe-raises": {"parts": "prescribed"},
            "foot-rolling": {"pain": 1},  # no parts
        },
    )
    toes = session.entries.get(exercise__slug="toe-raises")
    short = toes.parts.last()
    short.sets_done = 0
    short.save()
    expected = {}
    for entry in session.entries.all():
        rows = list(entry.parts.all())
        met = bool(rows) and all(row.as_prescribed for row in rows)
        expected[entry.pk] = (met, "; ".join(f"{row.label} {row.done_text}" for row in rows))

    migrate([("training", "0009_logsummary_rising_drills")])
    try:
        apps = migrate([("training", "0010_entry_parts_summary")])
        Entry = apps.get_model("training", "Entry")
        found = {e.pk: (e.as_prescribed, e.parts_text) for e in Entry.objects.all()}
    finally:
        migrate_to_latest()
    assert found == expected
    heel = session.entries.get(exercise__slug="eccentric-heel-drops")
    assert found[heel.pk] == (True, "Knee straight 3 × 10; Knee bent 3 × 10")
    assert found[toes.pk][0] is False and found[toes.pk][1].endswith("0 × 10")
    assert found[session.entries.get(exercise__slug="foot-rolling").pk] == (False, "")
