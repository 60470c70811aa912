from __future__ import annotations

from pathlib import Path

from django.core import serializers
from django.db import transaction

from .models import Exercise

DRILLS_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "drills.json"


@transaction.atomic
def seed_drills(*, fixture: Path = DRILLS_FIXTURE) -> list[Exercise]:
    """Add the drills of the fixture that are missing, matched by slug.

    An existing drill is never touched, so an admin's edit survives every setup run. Unlike
    `loaddata`, which would overwrite it.
    """
    existing = set(Exercise.objects.values_list("slug", flat=True))
    created = []
    with fixture.open(encoding="utf-8") as handle:
        for deserialized in serializers.deserialize("json", handle):
            drill = deserialized.object
            if drill.slug in existing:
                continue
            drill.pk = None
            drill.save()  # A plain save, so the first revision lands in the drill's history.
            created.append(drill)
    return created
