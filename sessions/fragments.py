"""Parts of the history and session pages kept in the cache, and drawn only when missing.

A cached fragment is keyed by everything it shows (its session's `updated_at`, which every edit
of the session, its entries or its morning after moves on; the reader's role; the time zone),
so it is never stale. What differs between requests, the CSRF token and the page's own address,
is left as a slot in the cached copy and filled in for each request.
"""

from __future__ import annotations

import functools
import hashlib

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from crispy_forms.utils import render_crispy_form
from django.core.cache import cache
from django.db.models import Prefetch
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .forms import CommentForm, HistoryFilterForm, MorningAfterForm
from .models import Entry, TrainingSession

SUMMARY_TEMPLATE = "sessions/session_detail.html#summary"
# Fragments kept in the cache (history rows, the top of a session's page) are keyed by their
# session's version, so they never go stale; the timeout only lets old versions go.
FRAGMENT_TIMEOUT = 7 * 24 * 3600
# What differs between requests in a cached fragment, left as slots in the cached copy and
# filled in for each request. HTML comments: no text a user typed can hold one, it is escaped.
CSRF_SLOT = mark_safe("<!--csrf-token-->")
NEXT_SLOT = mark_safe("<!--next-->")


def session_summary(request: HttpRequest, session: TrainingSession, *, is_owner: bool) -> str:
    """The page above the comments, drawn only when this version of it is not in the cache.

    It was nine tenths of the page's time. It changes only with the session (every edit of it,
    its entries or its morning after saves it), whether the reader owns it, and the athlete's
    name and time zone that it shows; drill names are the revisions logged, which never change.
    """
    # The name hashed: a cache key may not hold spaces.
    name = hashlib.blake2b(str(session.athlete).encode(), digest_size=6).hexdigest()
    reader = f"{int(is_owner)}:{session.athlete.time_zone}:{name}"
    key = f"session-summary:{session.pk}:{session.updated_at.isoformat()}:{reader}"
    html = cache.get(key)
    if html is None:
        html = draw_summary(session.pk, is_owner=is_owner)
        cache.set(key, html, FRAGMENT_TIMEOUT)
    return fill_slots(html, {CSRF_SLOT: get_token(request)})


def draw_summary(pk: int, *, is_owner: bool) -> str:
    session = (
        TrainingSession.objects.with_summary()
        .select_related("athlete")
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=Entry.objects.select_related("exercise", "exercise_revision"),
            )
        )
        .get(pk=pk)
    )
    context = {"session": session, "is_owner": is_owner, "csrf_token": CSRF_SLOT}
    if is_owner:
        context["morning_after_form"] = MorningAfterForm(instance=session)
    return render_to_string(SUMMARY_TEMPLATE, context)


@functools.cache
def blank_comment_form() -> str:
    """The empty comment form, drawn by crispy once a process: it is the same on every page."""
    return as_crispy_form(CommentForm())


@functools.lru_cache(maxsize=8)
def blank_filters(drill_choices: tuple[tuple[str, str], ...]) -> str:
    """The filter form as it first shows, drawn by crispy once per list of drills in a process.

    It is the same on every visit and crispy took 4 ms to draw it. Kept in the process, not
    the shared cache, so a release that changes the form never meets the last one's markup.
    """
    return render_crispy_form(HistoryFilterForm(drill_choices=drill_choices))


ROW_TEMPLATE = "sessions/session_list.html#history_row"


def history_rows(request: HttpRequest, sessions, *, owner: bool) -> list[str]:
    """The HTML of each session's row, in order, drawn only when it is not in the cache.

    Drawing twenty rows took most of the page's time. A row changes only with its session
    (every edit, of it, its entries or its morning after, saves it and moves `updated_at` on),
    the time zone its times are shown in and whether the reader owns it: its key holds them all.
    """
    zone = timezone.get_current_timezone_name()
    keys = {session.pk: row_key(session, zone=zone, owner=owner) for session in sessions}
    cached = cache.get_many(keys.values())
    html = {pk: cached[key] for pk, key in keys.items() if key in cached}
    missing = [pk for pk in keys if pk not in html]
    if missing:
        drawn = {
            session.pk: draw_row(session, owner=owner) for session in history_sessions(missing)
        }
        cache.set_many({keys[pk]: row for pk, row in drawn.items()}, FRAGMENT_TIMEOUT)
        html |= drawn
    slots = {CSRF_SLOT: get_token(request), NEXT_SLOT: escape(request.get_full_path())}
    return [fill_slots(html[pk], slots) for pk in keys if pk in html]


def row_key(session: TrainingSession, *, zone: str, owner: bool) -> str:
    return f"history-row:{session.pk}:{session.updated_at.isoformat()}:{zone}:{int(owner)}"


def history_sessions(pks: list[int]):
    """The sessions whose rows are to be drawn, with what a row shows."""
    return (
        TrainingSession.objects.filter(pk__in=pks)
        .with_summary()
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=Entry.objects.only(
                    "session_id", "done", "tight_spots", "tight_spot_other", "peak_pain"
                ),
            )
        )
    )


def draw_row(session: TrainingSession, *, owner: bool) -> str:
    context = {"session": session, "owner": owner, "csrf_token": CSRF_SLOT, "next": NEXT_SLOT}
    if owner and session.morning_after_pain is None:
        context["morning_after_form"] = MorningAfterForm(instance=session)
    return render_to_string(ROW_TEMPLATE, context)


def fill_slots(html: str, slots: dict[str, str]) -> str:
    """A cached fragment with this request's values in its slots; the caller escapes them."""
    for slot, value in slots.items():
        html = html.replace(slot, value)
    return mark_safe(html)  # noqa: S308 (drawn by a template, and escaped values)
