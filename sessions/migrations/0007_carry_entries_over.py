"""Carry every logged entry over to the prescription's shape, with nothing lost.

- heel drops: the leg ("double"/"single") becomes the variant (the ladder's rung done one leg
  at a time, or not); the knee ("both"/"straight"/"bent") says which parts were done; the
  sets × reps go to each part done.
- drills of several parts: the old sets × reps go to each part (inversion/eversion: out and
  in), unless the parts share out the old sets (toe raises: three sets were one of each
  pattern), in which case the first `sets` parts get one set each and the rest none.
- a timed drill's duration goes to its part; for a drill done on each side with the old side
  "both", as one row for both sides (it was one total).
- the side: a part done on each side gets a row per side done; "left" or "right" only keeps
  that side alone. An entry with nothing but a side keeps its side as a row with no numbers.
- the wall distance per foot stays on the entry, as it was.
Then each athlete's LogSummary gains what the log form and the pages now read: each drill's
last variant, the usual morning and the last two wall tests. The reverse puts the columns
back from the parts, for the same shapes.
"""

from collections import defaultdict
from statistics import median_low

from django.db import migrations

HEEL_KNEE_PARTS = {"both": None, "straight": [0], "bent": [1]}  # part indexes, in order
USUAL_MORNINGS = 10


def _sides(entry_side: str, per_side: bool) -> list[str]:
    if not per_side:
        return [entry_side] if entry_side in ("left", "right") else ["both"]
    return ["left", "right"] if entry_side == "both" else [entry_side]


def carry_over(apps, schema_editor):
    Entry = apps.get_model("training", "Entry")
    EntryPart = apps.get_model("training", "EntryPart")
    DrillPart = apps.get_model("exercises", "DrillPart")
    DrillVariant = apps.get_model("exercises", "DrillVariant")
    Exercise = apps.get_model("exercises", "Exercise")

    parts = defaultdict(list)
    for part in DrillPart.objects.order_by("exercise_id", "position", "pk"):
        parts[part.exercise_id].append(part)
    variants = defaultdict(list)
    for variant in DrillVariant.objects.order_by("exercise_id", "rung"):
        variants[variant.exercise_id].append(variant)
    drills = {drill.pk: drill for drill in Exercise.objects.all()}

    rows, with_variant = [], []
    for entry in Entry.objects.order_by("pk").iterator(chunk_size=2000):
        drill = drills[entry.exercise_id]
        drill_parts = parts[entry.exercise_id]
        variant = None
        if entry.heel_drop_leg and variants[entry.exercise_id]:
            single = entry.heel_drop_leg == "single"
            variant = next(
                (v for v in variants[entry.exercise_id] if v.per_side == single), None
            )
            if variant is not None:
                entry.variant_id = variant.pk
                with_variant.append(entry)
        chosen = drill_parts
        if entry.heel_drop_knee and HEEL_KNEE_PARTS.get(entry.heel_drop_knee):
            indexes = HEEL_KNEE_PARTS[entry.heel_drop_knee]
            chosen = [drill_parts[i] for i in indexes if i < len(drill_parts)]
        shared = (
            len(chosen) > 1
            and drill.sets
            and sum(part.sets or 0 for part in chosen) == drill.sets
        )
        has_numbers = any(
            value is not None for value in (entry.sets_done, entry.reps_done, entry.duration_seconds)
        )
        for index, part in enumerate(chosen):
            per_side = part.per_side or (variant is not None and variant.per_side)
            target = {
                "target_sets": part.sets,
                "target_reps": part.reps,
                "target_seconds": part.hold_min_seconds or part.hold_max_seconds,
            }
            if part.hold_max_seconds is not None:
                if entry.duration_seconds is None:
                    if entry.side == "both":
                        continue
                    sides = _sides(entry.side, per_side)
                else:
                    sides = [entry.side if entry.side in ("left", "right") else "both"]
                for side in sides:
                    rows.append(
                        EntryPart(entry_id=entry.pk, part_id=part.pk, side=side,
                                  seconds=entry.duration_seconds, **target)
                    )  # fmt: skip
                continue
            if not has_numbers and entry.side == "both":
                continue
            sets = entry.sets_done
            if shared and sets is not None:
                sets = 1 if index < sets else 0
            for side in _sides(entry.side, per_side):
                rows.append(
                    EntryPart(entry_id=entry.pk, part_id=part.pk, side=side, sets_done=sets,
                              reps_done=entry.reps_done, **target)
                )  # fmt: skip
        if len(rows) >= 5000:
            EntryPart.objects.bulk_create(rows)
            rows = []
    EntryPart.objects.bulk_create(rows)
    Entry.objects.bulk_update(with_variant, ["variant"], batch_size=2000)
    _refresh_summaries(apps)


def _refresh_summaries(apps):
    """What the summaries now keep, as sessions.services.refresh_summary works it out."""
    Entry = apps.get_model("training", "Entry")
    LogSummary = apps.get_model("training", "LogSummary")
    TrainingSession = apps.get_model("training", "TrainingSession")
    for summary in LogSummary.objects.all():
        athlete = summary.athlete_id
        latest = Entry.objects.filter(session__athlete_id=athlete, done=True).order_by(
            "-session__performed_at", "-session_id"
        )
        summary.variants = {}
        for drill_id, variant_id in latest.filter(variant__isnull=False).values_list(
            "exercise_id", "variant_id"
        ):
            summary.variants.setdefault(str(drill_id), variant_id)
        walls = latest.filter(exercise__measure="wall_distance").exclude(
            wall_distance_left_cm__isnull=True, wall_distance_right_cm__isnull=True
        )
        summary.wall_recent = [
            [None if v is None else f"{v.normalize():f}" for v in pair]
            for pair in walls.values_list("wall_distance_left_cm", "wall_distance_right_cm")[:2]
        ]
        mornings = list(
            TrainingSession.objects.filter(athlete_id=athlete, morning_after_pain__isnull=False)
            .order_by("-performed_at", "-pk")
            .values_list("morning_after_pain", flat=True)[:USUAL_MORNINGS]
        )
        summary.usual_morning_pain = median_low(mornings) if mornings else None
        summary.save(update_fields=["variants", "wall_recent", "usual_morning_pain"])


def carry_back(apps, schema_editor):
    Entry = apps.get_model("training", "Entry")
    EntryPart = apps.get_model("training", "EntryPart")
    for entry in Entry.objects.select_related("variant").iterator(chunk_size=2000):
        rows = list(EntryPart.objects.filter(entry=entry).select_related("part"))
        if entry.variant_id is not None and entry.variant.exercise.measure == "heel_drop_variant":
            entry.heel_drop_leg = "single" if entry.variant.per_side else "double"
            positions = sorted({row.part.position for row in rows})
            entry.heel_drop_knee = (
                "both" if len(positions) != 1 else ("straight" if positions[0] == 1 else "bent")
            )
        sides = {row.side for row in rows}
        entry.side = "both" if sides in ({"left", "right"}, {"both"}, set()) else sides.pop()
        counted = [row for row in rows if row.sets_done is not None or row.reps_done is not None]
        if counted:
            entry.sets_done = max(row.sets_done or 0 for row in counted)
            entry.reps_done = max(row.reps_done or 0 for row in counted)
            if len({row.part_id for row in counted}) > 1 and all(
                (row.target_sets or 0) == 1 for row in counted
            ):
                entry.sets_done = sum(
                    row.sets_done or 0 for row in counted if row.side in ("both", "left")
                )
        timed = [row.seconds for row in rows if row.seconds is not None]
        if timed:
            entry.duration_seconds = sum(timed)
        entry.save()


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0006_entry_parts_and_variant"),
        ("exercises", "0005_prescription_for_existing_drills"),
    ]

    operations = [migrations.RunPython(carry_over, carry_back)]
