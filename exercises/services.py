from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from .models import DrillPart, DrillVariant, Exercise

DRILLS_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "drills.json"


@transaction.atomic
def seed_drills(*, fixture: Path = DRILLS_FIXTURE) -> list[Exercise]:
    """Add the drills of the fixture that are missing, matched by slug, with their parts and
    variants.

    An existing drill is never touched, nor its parts and variants, so an admin's edit survives
    every setup run (unlike `loaddata`, which would overwrite it).
    """
    existing = set(Exercise.objects.values_list("slug", flat=True))
    created = []
    for drill_data in json.loads(fixture.read_text(encoding="utf-8")):
        fields = drill_data["fields"]
        if fields["slug"] in existing:
            continue
        drill = Exercise(**fields)
        drill.save()  # A plain save, so the first revision lands in the drill's history.
        for part in drill_data.get("parts", []):
            DrillPart(exercise=drill, **part).save()
        for variant in drill_data.get("variants", []):
            DrillVariant(exercise=drill, **variant).save()
        created.append(drill)
    return created
