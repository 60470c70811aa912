"""Give the drills that already exist their prescription: parts, variants and cues.

A frozen copy of the six drills' data as it stood when parts arrived (issue 13), so this
migration means the same thing forever. An admin's edits are kept: the sets, reps and holds
come from the drill's own (old) dosage fields where it had them, no text field that existed
is changed, and a drill the copy does not know gets one part from its old dosage.
"""

from django.db import migrations

PARTS = {
    "foot-rolling": [("Roll and pause on tight spots", "hold", True)],
    "ankle-mobility-wall": [("Hold at your farthest spot", "hold", True)],
    "foot-inversion-eversion": [("Out", "reps", True), ("In", "reps", True)],
    "toe-raises": [("Big toe", "one", False), ("Little toes", "one", False), ("Toe by toe", "one", False)],
    "eccentric-heel-drops": [("Knee straight", "reps", False), ("Knee bent", "reps", False)],
    "trigger-point-release": [("Pause on each knot, shin and calf", "hold", True)],
}
# The wall drill had no dose; this is ours (the source gives none).
DEFAULT_HOLD = {"ankle-mobility-wall": (30, 60)}
VARIANTS = {
    "foot-rolling": [
        (1, "Ball", False, "either", "Lacrosse ball or golf ball"),
        (2, "Frozen bottle", False, "post_run", "A frozen water bottle"),
    ],
    "eccentric-heel-drops": [
        (1, "Double leg", False, "either", ""),
        (2, "Single leg", True, "either", ""),
    ],
}
CUES = {
    "foot-rolling": "Slow passes from heel to toes; stop where it is tender rather than rolling past.\nFirm pressure you can breathe through, never sharp.",
    "ankle-mobility-wall": "The knee travels straight over the second toe, not inward.\nThe heel stays flat on the floor; if it lifts, move the foot closer.\nMeasure from the big toe to the wall at the farthest spot where both still hold.",
    "foot-inversion-eversion": "Only the ankle moves: knee and hip stay where they are.\nControl the way back as well as the push against the band.",
    "toe-raises": "Three points stay on the floor: heel, base of the big toe, base of the little toe.\nArches lifted, the rest of the body still.",
    "eccentric-heel-drops": "Lower slowly, for a count of about three.\nA hand on the rail is for balance, not to take the weight.",
    "trigger-point-release": "Roll slowly until you find a knot, then stay still on it.\nMove on once the tenderness eases.",
}  # fmt: skip


def add_prescription(apps, schema_editor):
    Exercise = apps.get_model("exercises", "Exercise")
    DrillPart = apps.get_model("exercises", "DrillPart")
    DrillVariant = apps.get_model("exercises", "DrillVariant")
    for drill in Exercise.objects.all():
        if DrillPart.objects.filter(exercise=drill).exists():
            continue
        sets, reps = drill.sets, drill.reps
        low, high = drill.hold_min_seconds, drill.hold_max_seconds
        if high is None and drill.slug in DEFAULT_HOLD:
            low, high = DEFAULT_HOLD[drill.slug]
        known = PARTS.get(drill.slug)
        if known is None:
            # An admin's own drill: one part, from its old dosage, if it had one.
            if reps:
                known = [(drill.name[:60], "reps", drill.per_side)]
            elif high:
                known = [(drill.name[:60], "hold", drill.per_side)]
            else:
                known = []
        for position, (name, kind, per_side) in enumerate(known, 1):
            part = DrillPart(exercise=drill, position=position, name=name, per_side=per_side)
            if kind == "hold" and high:
                part.hold_min_seconds, part.hold_max_seconds = low, high
            elif kind == "one":
                part.sets, part.reps = 1, reps or 10
            elif reps:
                part.sets, part.reps = sets, reps
            elif high:
                part.hold_min_seconds, part.hold_max_seconds = low, high
            else:
                continue
            part.save()
        for rung, name, per_side, timing, equipment in VARIANTS.get(drill.slug, []):
            DrillVariant.objects.create(
                exercise=drill, rung=rung, name=name, per_side=per_side, timing=timing,
                equipment=equipment,
            )  # fmt: skip
        changed = []
        if not drill.cues and drill.slug in CUES:
            drill.cues = CUES[drill.slug]
            changed.append("cues")
        if drill.slug == "foot-inversion-eversion":
            drill.alternate_parts = True
            changed.append("alternate_parts")
        if changed:
            drill.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("exercises", "0004_prescription_parts_and_variants")]

    operations = [migrations.RunPython(add_prescription, migrations.RunPython.noop)]
