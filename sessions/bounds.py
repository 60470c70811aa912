"""How long a note may be and when a routine may have been done: the bounds the forms and the
database share, so that no input can grow without end or fall outside what dates can hold."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

# A routine's notes and a drill's notes: a few paragraphs at most.
NOTES_MAX_LENGTH = 2000
COMMENT_MAX_LENGTH = 2000

# A routine logged before 1900 is a typo. The upper bound the database holds is fixed (its
# checks cannot read the clock); the form holds the tighter one, now (SessionForm).
EARLIEST_PERFORMED_AT = datetime(1900, 1, 1, tzinfo=UTC)
LATEST_PERFORMED_AT = datetime(2100, 1, 1, tzinfo=UTC)
# History filter dates are clamped within these: a day of any zone stays within the bounds,
# and a year-1 or year-9999 date never reaches date arithmetic that overflows.
EARLIEST_FILTER_DATE = date(1899, 12, 31)
LATEST_FILTER_DATE = date(2100, 1, 1)


def length_at_most(field: str, limit: int, *, name: str) -> models.CheckConstraint:
    """A CheckConstraint that holds a text column to `limit` characters on every database."""
    return models.CheckConstraint(
        condition=LessThanOrEqual(Length(field), limit),
        name=name,
        violation_error_message=f"At most {limit} characters.",
    )


def performed_at_in_range() -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(
            performed_at__gte=EARLIEST_PERFORMED_AT, performed_at__lt=LATEST_PERFORMED_AT
        ),
        name="session_performed_at_in_range",
        violation_error_message="A routine is done between 1900 and today.",
    )


def clamp_filter_date(value: date | None) -> date | None:
    if value is None:
        return None
    return min(max(value, EARLIEST_FILTER_DATE), LATEST_FILTER_DATE)
