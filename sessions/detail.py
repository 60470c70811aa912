"""One session's drills as its page shows them, drawn from plain rows.

Six entries built as models with their drill, revision, variant and parts, then drawn by
template tags, were most of the page's time; two queries of plain rows and one fill()
pass per drill do the same work. Every value is escaped.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import NamedTuple

import orjson
from django.db import connection
from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from config.rows import as_decimal

from . import pain as pain_model
from .markup import fill, fill_join
from .models import NO_SPOTS, Entry, EntryPart, done_text, part_label, spot_labels


class EntryRow(NamedTuple):
    """What the page shows of one entry, as ENTRY_COLUMNS reads it."""

    pk: int
    drill_name: str
    revision_id: int | None
    revision_name: str | None
    revision_date: datetime | None
    done: bool
    variant: str | None
    pain: int | None
    pain_left: int | None
    pain_right: int | None
    peak_pain: int | None
    tight_spots: list[str]
    tight_spot_other: str
    wall_left_cm: Decimal | None
    wall_right_cm: Decimal | None
    notes: str


class PartRow(NamedTuple):
    """What was done of one part of a drill, on one side, as PART_COLUMNS reads it."""

    name: str
    side: str
    sets: int | None
    reps: int | None
    seconds: int | None
    target_sets: int | None
    target_reps: int | None
    target_seconds: int | None


# Each entry of the session in routine order, then each of its parts in the parts' order
# (an entry with no parts comes once, with Nones), as EntryRow then PartRow read the columns.
# Written out: the ORM took 0.5 ms to compile these five joins and 0.3 ms more to convert the
# rows, ten times what the database takes to answer. The few columns whose Python type the
# databases give differently are made alike by _typed().
SESSION_DRILLS_SQL = """
    SELECT e.id, x.name, e.exercise_revision_id, r.name, r.history_date, e.done, v.name,
           e.pain, e.pain_left, e.pain_right, e.peak_pain, CAST(e.tight_spots AS TEXT),
           e.tight_spot_other, e.wall_distance_left_cm, e.wall_distance_right_cm, e.notes,
           dp.name, p.side, p.sets_done, p.reps_done, p.seconds,
           p.target_sets, p.target_reps, p.target_seconds
    FROM training_entry e
    JOIN exercises_exercise x ON x.id = e.exercise_id
    LEFT JOIN exercises_historicalexercise r ON r.history_id = e.exercise_revision_id
    LEFT JOIN exercises_drillvariant v ON v.id = e.variant_id
    LEFT JOIN training_entrypart p ON p.entry_id = e.id
    LEFT JOIN exercises_drillpart dp ON dp.id = p.part_id
    WHERE e.session_id = %s
    ORDER BY x.position, x.name, e.id, dp.position, p.part_id, p.side
"""
ENTRY_WIDTH = len(EntryRow._fields)


@dataclass(frozen=True)
class SessionDrills:
    """What the page says of a session's drills: the counts, and each drill's card."""

    done: int
    offered: int
    highest_pain: int | None
    html: SafeString


@dataclass(frozen=True)
class SessionTimes:
    """The session's times as its page writes them, in the active zone (the athlete's)."""

    day: str  # "1 Dec 2026"
    iso: str  # ISO 8601, with the zone's offset
    full: str  # "Tuesday 1 December 2026, 08:35"
    logged: str  # "1 Dec 2026, 08:40"
    edited: str  # the same, or "" when not changed since it was logged (to the second)


def session_times(session) -> SessionTimes:
    """What the template's seven date filters wrote, worked out once each."""
    at = timezone.localtime(session.performed_at)
    created, updated = session.created_at, session.updated_at
    edited = int(updated.timestamp()) != int(created.timestamp())
    return SessionTimes(
        day=f"{at.day} {at:%b %Y}",
        iso=at.isoformat(),
        full=f"{at:%A} {at.day} {at:%B %Y, %H:%M}",
        logged=short_time(created),
        edited=short_time(updated) if edited else "",
    )


def short_time(moment) -> str:
    at = timezone.localtime(moment)
    return f"{at.day} {at:%b %Y, %H:%M}"


def session_drills(session_id: int) -> SessionDrills:
    """The session's drills in routine order, with what was done of each part: one query.
    Times are shown in the active zone (the athlete's, as the page sets it)."""
    with connection.cursor() as cursor:
        cursor.execute(SESSION_DRILLS_SQL, [session_id])
        rows = cursor.fetchall()
    entries: dict[int, EntryRow] = {}  # in order, each entry once
    parts: dict[int, list[PartRow]] = defaultdict(list)
    for row in rows:
        entry = entries.get(row[0])
        if entry is None:
            entry = entries[row[0]] = _typed(EntryRow._make(row[:ENTRY_WIDTH]))
        if row[ENTRY_WIDTH] is not None:  # a part's name is never null: a part was joined
            parts[entry.pk].append(PartRow._make(row[ENTRY_WIDTH:]))
    done = [entry for entry in entries.values() if entry.done]
    peaks = [entry.peak_pain for entry in done if entry.peak_pain is not None]
    return SessionDrills(
        done=len(done),
        offered=len(entries),
        highest_pain=max(peaks) if peaks else None,
        html=SafeString(
            "\n".join(drill_card(entry, parts[entry.pk]) for entry in entries.values())
        ),
    )


def _typed(entry: EntryRow) -> EntryRow:
    """The row with the types the ORM gave it, whichever the database: SQLite answers a time
    in UTC without its zone and a decimal as a float; the tight spots are JSON text from
    both, and "[]", most entries', is not decoded."""
    revision_date = entry.revision_date
    if revision_date is not None and revision_date.tzinfo is None:
        revision_date = revision_date.replace(tzinfo=UTC)
    spots = entry.tight_spots
    return entry._replace(
        revision_date=revision_date,
        tight_spots=[] if spots == NO_SPOTS else orjson.loads(spots),
        wall_left_cm=as_decimal(entry.wall_left_cm),
        wall_right_cm=as_decimal(entry.wall_right_cm),
    )


def drill_card(entry: EntryRow, parts: list[PartRow]) -> SafeString:
    flagged = entry.done and pain_model.is_flagged(entry.peak_pain)
    revised = entry.revision_id is not None
    return fill(
        CARD,
        card_class=(" border-danger flagged" if flagged else "")
        if entry.done
        else " bg-body-tertiary",
        # The drill's name as the athlete saw it when logging.
        name=entry.revision_name if revised else entry.drill_name,
        flag=fill(PAIN_BADGE, entry.peak_pain) if flagged else "",
        status=DONE if entry.done else SKIPPED,
        facts=facts(entry, parts) if entry.done else "",
        revision=fill(REVISION, revision_text(entry.revision_id, entry.revision_date))
        if revised
        else "",
    )


def facts(entry: EntryRow, parts: list[PartRow]) -> SafeString:
    """What was done of a drill done, and how it felt."""
    items = []
    if entry.variant:
        items.append(("Variant", entry.variant))
    items += [part_fact(part) for part in parts]
    for label, value in (
        ("Pain", entry.pain),
        ("Pain, left", entry.pain_left),
        ("Pain, right", entry.pain_right),
    ):
        if value is not None:
            items.append((label, pain_html(value)))
    # The model's own wording of the distances, from an unsaved entry that holds only them
    # (made only for the drill measured: a model instance for each drill cost a tenth).
    if entry.wall_left_cm is not None or entry.wall_right_cm is not None:
        wall = Entry(
            wall_distance_left_cm=entry.wall_left_cm, wall_distance_right_cm=entry.wall_right_cm
        )
        items.append(("Wall distance", wall.wall_distance_text))
    spots = spot_labels(entry.tight_spots, entry.tight_spot_other)
    if spots:
        items.append(("Tight", ", ".join(spots)))
    return fill(
        FACTS,
        items=fill_join("\n", "<div><dt>{}</dt><dd>{}</dd></div>", items),
        notes=fill(NOTES, linebreaksbr(entry.notes, autoescape=True)) if entry.notes else "",
    )


def part_fact(part: PartRow) -> tuple[str, SafeString]:
    """E.g. ("Knee bent, left", "2 × 10 (of 3 × 10)"): the target shown when it was missed."""
    done = done_text(part.sets, part.reps, part.seconds)
    targets = (part.target_sets, part.target_reps, part.target_seconds)
    label = part_label(part.name, part.side)
    if EntryPart.meets(targets, sets_done=part.sets, reps_done=part.reps, seconds=part.seconds):
        return label, fill("{}", done)
    if part.target_reps:
        target = f"{part.target_sets} × {part.target_reps}"
    else:
        target = f"{part.target_seconds} s"
    return label, fill(MISSED, done, target)


def pain_html(value: int | None) -> SafeString:
    """A score in its band's colour, or a dash when not rated (the template's pain partial)."""
    if value is None:
        return NOT_RATED
    return fill(PAIN, band=pain_model.band(value), value=value)


def revision_text(history_id: int, history_date) -> str:
    """E.g. "the version of 12 May 2026 (revision #31)" (Entry.revision_text)."""
    return f"the version of {timezone.localtime(history_date):%-d %b %Y} (revision #{history_id})"


CARD = """<li class="card mb-2{card_class}">
    <div class="card-body py-2">
      <div class="d-flex justify-content-between gap-2">
        <h3 class="h6 mb-1">{name}</h3>
        <div class="d-flex gap-1 align-self-start">
          {flag}{status}
        </div>
      </div>{facts}{revision}
    </div>
  </li>"""
PAIN_BADGE = '<span class="badge text-bg-danger">Pain {}</span>\n          '
DONE = mark_safe('<span class="badge text-bg-success">Done</span>')
SKIPPED = mark_safe('<span class="badge text-bg-secondary">Skipped</span>')
FACTS = """
      <dl class="entry-facts small mb-0">
        {items}
      </dl>{notes}"""
NOTES = '\n      <p class="small mb-0 mt-1">{}</p>'
REVISION = '\n      <p class="small text-body-secondary mb-0 mt-1">Instructions followed: {}</p>'
MISSED = '{} <span class="text-body-secondary">(of {})</span>'
PAIN = '<span class="pain pain-{band}">{value}/10</span>'
NOT_RATED = mark_safe('<span class="text-body-secondary">–</span>')
