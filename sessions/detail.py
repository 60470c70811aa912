"""One session's drills as its page shows them, drawn from plain rows.

Six entries built as models with their drill, revision, variant and parts, then drawn by
template tags, were most of the page's time; two queries of plain rows and one fill()
pass per drill do the same work. Every value is escaped.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from . import pain as pain_model
from .markup import fill, fill_join
from .models import Entry, EntryPart, done_text, part_label, spot_labels

ENTRY_COLUMNS = (
    "pk", "exercise__name", "exercise_revision_id", "exercise_revision__name",
    "exercise_revision__history_date", "done", "variant__name", "pain", "pain_left",
    "pain_right", "peak_pain", "tight_spots", "tight_spot_other", "wall_distance_left_cm",
    "wall_distance_right_cm", "notes",
)  # fmt: skip
# Each entry's parts, joined onto its row: an entry with no parts comes once, with Nones.
PART_COLUMNS = (
    "parts__part__name", "parts__side", "parts__sets_done", "parts__reps_done",
    "parts__seconds", "parts__target_sets", "parts__target_reps", "parts__target_seconds",
)  # fmt: skip
# Entry's and EntryPart's orderings, one after the other.
ORDER = (
    "exercise__position", "exercise__name", "pk", "parts__part__position", "parts__part_id",
    "parts__side",
)  # fmt: skip


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
    rows = (
        Entry.objects.filter(session_id=session_id)
        .order_by(*ORDER)
        .values_list(*ENTRY_COLUMNS, *PART_COLUMNS)
    )
    width = len(ENTRY_COLUMNS)
    found: dict[int, tuple] = {}  # in order, each entry once
    parts: dict[int, list[tuple]] = defaultdict(list)
    for row in rows:
        entry, part = row[:width], row[width:]
        found.setdefault(entry[0], entry)
        if part[0] is not None:  # a part's name is never null: a part was joined
            parts[entry[0]].append(part)
    entries = list(found.values())
    done = [e for e in entries if e[5]]
    peaks = [e[10] for e in done if e[10] is not None]
    return SessionDrills(
        done=len(done),
        offered=len(entries),
        highest_pain=max(peaks) if peaks else None,
        html=SafeString("\n".join(drill_card(e, parts[e[0]]) for e in entries)),
    )


def drill_card(entry: tuple, parts: list[tuple]) -> SafeString:
    name, revision_id, revision_name, revision_date, done = entry[1:6]
    peak = entry[10]
    flagged = done and pain_model.is_flagged(peak)
    card_class = " border-danger flagged" if flagged else ""
    return fill(
        CARD,
        card_class=card_class if done else " bg-body-tertiary",
        # The drill's name as the athlete saw it when logging.
        name=revision_name if revision_id is not None else name,
        flag=fill(PAIN_BADGE, peak) if flagged else "",
        status=DONE if done else SKIPPED,
        facts=facts(entry, parts) if done else "",
        revision=fill(REVISION, revision_text(revision_id, revision_date))
        if revision_id is not None
        else "",
    )


def facts(entry: tuple, parts: list[tuple]) -> SafeString:
    """What was done of a drill done, and how it felt."""
    variant, pain, pain_left, pain_right = entry[6:10]
    codes, other, wall_left, wall_right, notes = entry[11:16]
    items = []
    if variant:
        items.append(("Variant", variant))
    items += [part_fact(part) for part in parts]
    for label, value in (("Pain", pain), ("Pain, left", pain_left), ("Pain, right", pain_right)):
        if value is not None:
            items.append((label, pain_html(value)))
    wall = Entry(wall_distance_left_cm=wall_left, wall_distance_right_cm=wall_right)
    if wall.wall_distance_text:
        items.append(("Wall distance", wall.wall_distance_text))
    spots = spot_labels(codes, other)
    if spots:
        items.append(("Tight", ", ".join(spots)))
    return fill(
        FACTS,
        items=fill_join("\n", "<div><dt>{}</dt><dd>{}</dd></div>", items),
        notes=fill(NOTES, linebreaksbr(notes, autoescape=True)) if notes else "",
    )


def part_fact(part: tuple) -> tuple[str, SafeString]:
    """E.g. ("Knee bent, left", "2 × 10 (of 3 × 10)"): the target shown when it was missed."""
    name, side, sets, reps, seconds, target_sets, target_reps, target_seconds = part
    done = done_text(sets, reps, seconds)
    targets = (target_sets, target_reps, target_seconds)
    if EntryPart.meets(targets, sets_done=sets, reps_done=reps, seconds=seconds):
        return part_label(name, side), fill("{}", done)
    target = f"{target_sets} × {target_reps}" if target_reps else f"{target_seconds} s"
    return part_label(name, side), fill(MISSED, done, target)


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
