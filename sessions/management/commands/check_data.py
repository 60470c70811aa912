"""`manage.py check_data`: find rows that the forms and constraints of today would refuse.

Rows saved before those bounds existed can break pages: a routine "done" in year 1 is 1 BC on
PostgreSQL once a zone east of UTC is applied, which Python cannot read, so every page that
reads the athlete's log fails. The constraints added with these bounds cannot be added while
such rows exist, so run this before migrating, fix or delete what it lists, then migrate.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.db.models.functions import Length

from exercises.models import DRILL_TEXT_MAX_LENGTH, Exercise
from sessions.bounds import (
    COMMENT_MAX_LENGTH,
    EARLIEST_PERFORMED_AT,
    LATEST_PERFORMED_AT,
    NOTES_MAX_LENGTH,
)
from sessions.models import Comment, Entry, TrainingSession


def too_long(model, field: str, limit: int):
    return model.objects.annotate(_length=Length(field)).filter(_length__gt=limit)


def problems() -> list[str]:
    """One line per row out of bounds. Reads ids only: the bad values may be unreadable."""
    found = []
    out_of_range = TrainingSession.objects.filter(
        Q(performed_at__lt=EARLIEST_PERFORMED_AT) | Q(performed_at__gte=LATEST_PERFORMED_AT)
    )
    for pk, username in out_of_range.values_list("pk", "athlete__username"):
        found.append(
            f"Session {pk} of {username}: performed_at is before {EARLIEST_PERFORMED_AT:%Y} "
            f"or from {LATEST_PERFORMED_AT:%Y} on."
        )
    texts = [
        (TrainingSession, "notes", NOTES_MAX_LENGTH),
        (Entry, "notes", NOTES_MAX_LENGTH),
        (Entry, "tight_spot_other", 80),
        (Comment, "body", COMMENT_MAX_LENGTH),
        *(
            (Exercise, field, DRILL_TEXT_MAX_LENGTH)
            for field in ("instructions", "progression", "cautions")
        ),
    ]
    for model, field, limit in texts:
        for pk in too_long(model, field, limit).values_list("pk", flat=True):
            found.append(f"{model._meta.label} {pk}: {field} is longer than {limit} characters.")
    return found


class Command(BaseCommand):
    help = "List rows outside the bounds that forms and database constraints now hold."

    def handle(self, *args, **options) -> None:
        found = problems()
        for line in found:
            self.stdout.write(line)
        if found:
            raise CommandError(f"{len(found)} row(s) out of bounds; fix or delete them.")
        self.stdout.write("All rows are within bounds.")
