"""A page of an athlete's history, filtered as asked: for the athlete's and the coach's views."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import datetime, time, timedelta
from functools import cached_property
from typing import NamedTuple

import orjson
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Exists, OuterRef
from django.forms import BoundField
from django.forms.widgets import DateInput, NumberInput, Select, TextInput
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from config import rows

from . import pain as pain_model
from .forms import HistoryFilterForm, pain_options
from .markup import fill, fill_join, pagination
from .models import NO_SPOTS, Entry, SessionTiming, TrainingSession, spot_labels

PAGE_SIZE = 20
TIMINGS = dict(SessionTiming.choices)


def history_context(request: HttpRequest, athlete_id: int, *, owner: bool) -> dict:
    """The template context for a page of this athlete's sessions, newest first: a fixed
    number of queries. The caller has let the reader in to this athlete's log.

    `owner` says whether the reader owns these sessions, and so may rate their mornings after.
    """
    sessions = TrainingSession.objects.filter(athlete_id=athlete_id)
    filters = HistoryFilterForm(request.GET or None)
    filtered = filters.is_valid() and any(filters.cleaned_data.values())
    if filtered:
        # The page's sessions with the columns a row shows: no counts joined in, so the
        # database reads twenty rows off the athlete's index instead of grouping their log.
        rows = sessions.newest_first().only("pk", "performed_at", "timing", "morning_after_pain")
        paginator = Paginator(filter_history(rows, **filters.cleaned_data), PAGE_SIZE)
    else:
        paginator = Paginator(WholeLog(athlete_id), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    ids = [session.pk for session in page]
    figures = drill_figures(ids)
    draw = RowDrawer(request, unread=unread_sessions(ids, request.user) if owner else set())
    return {
        "page": page,
        "rows_html": SafeString(
            "".join(draw(session, figures.get(session.pk), owner=owner) for session in page)
        ),
        "owner": owner,
        "pagination": pagination(
            request, page, label="History pages", previous_label="Newer", next_label="Older"
        ),
        "filters": filters,
        "filter_fields": [(field, draw_widget(field)) for field in filters],
        "filtered": filtered,
        "has_any": page.paginator.count > 0 or sessions.exists(),
    }


PLAIN_WIDGETS = (TextInput, NumberInput, DateInput, Select)


def draw_widget(field: BoundField) -> SafeString:
    """str(field), the field's widget, drawn in Python for a plain input or select: Django
    draws it from templates, an include for each of the drill select's options, which cost
    as much as the history's twenty rows. tests/sessions/test_history_filters.py checks the
    two agree."""
    widget = field.field.widget
    # Exactly these: a subclass may draw more (a clearable file input, a multiple select).
    if type(widget) not in PLAIN_WIDGETS or field.field.localize:
        return str(field)
    attrs = field.build_widget_attrs({}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    drawn = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    if type(widget) is not Select:
        value = drawn["value"]
        return fill(
            '<input type="{}" name="{}"{}{}>',
            drawn["type"],
            drawn["name"],
            fill(' value="{}"', value) if value is not None else "",
            html_attrs(drawn["attrs"]),
        )
    if any(group_name for group_name, _choices, _index in drawn["optgroups"]):
        return str(field)
    options = fill_join(
        "",
        '\n  <option value="{}"{}>{}</option>',
        (
            (option["value"], html_attrs(option["attrs"]), option["label"])
            for _name, choices, _index in drawn["optgroups"]
            for option in choices
        ),
    )
    return fill(
        '<select name="{}"{}>{}\n</select>', drawn["name"], html_attrs(drawn["attrs"]), options
    )


def html_attrs(attrs: dict) -> SafeString:
    """A widget's attributes as django/forms/widgets/attrs.html writes them."""
    return fill_join(
        "",
        "{}",
        (
            (fill(" {}", name) if value is True else fill(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


def filter_history(sessions, *, date_from=None, date_to=None, drill=None):
    """Dates are calendar days of the active time zone: the athlete's, whoever is reading."""
    zone = timezone.get_current_timezone()
    if date_from:
        sessions = sessions.filter(performed_at__gte=datetime.combine(date_from, time.min, zone))
    if date_to:
        end = datetime.combine(date_to + timedelta(days=1), time.min, zone)
        sessions = sessions.filter(performed_at__lt=end)
    if drill:
        done_drill = Entry.objects.filter(session=OuterRef("pk"), exercise=drill, done=True)
        sessions = sessions.filter(Exists(done_drill))
    return sessions


@dataclass
class DrillFigures:
    """What a history row says of a session's drills."""

    done: int = 0
    offered: int = 0
    highest_pain: int | None = None
    # Each tight spot once, in the order the drills were noted (a dict keeps the order).
    spots: dict[str, None] = dataclass_field(default_factory=dict)


# The figures' rows, in the drills' routine order (the order their tight spots are listed
# in), and the sessions with comments their owner has not opened, on the unread comments'
# partial index. Written out: the ORM took 0.3 ms to build each and as long again to convert
# the rows of the first, three times what the database takes to answer them. The tight
# spots come as JSON text on both databases, so "[]", the usual case, is never decoded.
DRILL_FIGURES_SQL = """
    SELECT e.session_id, e.done, e.peak_pain, CAST(e.tight_spots AS TEXT), e.tight_spot_other
    FROM training_entry e JOIN exercises_exercise x ON x.id = e.exercise_id
    WHERE e.session_id IN ({ids})
    ORDER BY x.position, x.name
"""
UNREAD_SESSIONS_SQL = """
    SELECT DISTINCT session_id FROM training_comment
    WHERE session_id IN ({ids}) AND read_at IS NULL AND author_id <> %s
"""
# All of an athlete's sessions, counted on their index: the ORM took 0.2 ms to build this.
SESSION_COUNT_SQL = "SELECT COUNT(*) FROM training_trainingsession WHERE athlete_id = %s"


def _rows(sql: str, session_ids: list[int], *params) -> list[tuple]:
    """The rows of `sql`, its {ids} the session ids, each passed as a parameter."""
    with connection.cursor() as cursor:
        cursor.execute(
            sql.format(ids=", ".join(["%s"] * len(session_ids))), [*session_ids, *params]
        )
        return cursor.fetchall()


def session_count(athlete_id: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(SESSION_COUNT_SQL, [athlete_id])
        return cursor.fetchone()[0]


class SessionRow(NamedTuple):
    """What a history row shows of a session: the columns a filtered page reads with only()."""

    pk: int
    performed_at: datetime
    timing: str
    morning_after_pain: int | None


# A page of the whole log, newest first (TrainingSession.newest_first()), on the athlete's
# index. Its four columns only: read whole, as model instances, each row's submission token
# and run distance were made a UUID and a Decimal that no row shows, a tenth of the page.
WHOLE_LOG_SQL = """
    SELECT id, performed_at, timing, morning_after_pain FROM training_trainingsession
    WHERE athlete_id = %s ORDER BY performed_at DESC, id DESC LIMIT %s OFFSET %s
"""


class WholeLog:
    """All of an athlete's sessions, newest first, as the Paginator reads them: counted, and
    a page of them read, each by one statement written out. On a page of the history the ORM
    took longer to build these two queries than to draw the twenty rows."""

    def __init__(self, athlete_id: int) -> None:
        self.athlete_id = athlete_id

    def count(self) -> int:
        return session_count(self.athlete_id)

    def __getitem__(self, window: slice) -> list[SessionRow]:
        with connection.cursor() as cursor:
            cursor.execute(
                WHOLE_LOG_SQL, [self.athlete_id, window.stop - window.start, window.start]
            )
            found = cursor.fetchall()
        # The moment as the ORM gives it: SQLite's text through the column's converters.
        column = TrainingSession._meta.get_field("performed_at").get_col(
            TrainingSession._meta.db_table
        )
        for convert in rows.column_converters(connection, column):
            found = [(pk, convert(at, column, connection), *rest) for pk, at, *rest in found]
        return [SessionRow(*row) for row in found]


def drill_figures(session_ids: list[int]) -> dict[int, DrillFigures]:
    """Drills done and offered, highest pain and tight spots of each session, from one query of
    plain rows: what TrainingSession.with_summary() and tight_spots_by_session() count, without
    grouping in the database."""
    if not session_ids:
        return {}
    figures: dict[int, DrillFigures] = {}
    for session_id, done, peak, codes, other in _rows(DRILL_FIGURES_SQL, session_ids):
        found = figures.setdefault(session_id, DrillFigures())
        found.offered += 1
        if not done:
            continue
        found.done += 1
        if peak is not None and (found.highest_pain is None or peak > found.highest_pain):
            found.highest_pain = peak
        if codes != NO_SPOTS or other:
            found.spots.update(dict.fromkeys(spot_labels(orjson.loads(codes), other)))
    return figures


def unread_sessions(session_ids: list[int], reader) -> set[int]:
    """Those of the reader's own sessions on which someone else commented since they last
    opened them (TrainingSession.with_unread_for), in one query on the unread comments' index.
    Only for the owner's history: the sessions are the reader's, so no join asks whose."""
    if not session_ids:
        return set()
    return {row[0] for row in _rows(UNREAD_SESSIONS_SQL, session_ids, reader.pk)}


def url_maker(name: str) -> Callable[[int], str]:
    """reverse(name, args=[pk]) for many pks, resolved once: twenty rows of two reverse()
    calls each were a tenth of the page."""
    marker = 918273645
    before, after = reverse(name, args=[marker]).split(str(marker))
    return lambda pk: f"{before}{pk}{after}"


class RowDrawer:
    """Draws the history's rows, each in one pass of sessions.markup.fill(): twenty rows of
    template lookups, filters and tags were most of the page's time. Every value is escaped."""

    def __init__(self, request: HttpRequest, *, unread: set[int]) -> None:
        self.request = request
        self.unread = unread
        self.detail_url = url_maker("sessions:detail")
        self.morning_after_url = url_maker("sessions:morning_after")
        # The active zone, the athlete's: asked once, not for each row (a thread-local).
        self.zone = timezone.get_current_timezone()
        self.today = timezone.localdate(timezone=self.zone)

    def __call__(
        self, session: TrainingSession | SessionRow, figures: DrillFigures | None, *, owner: bool
    ):
        figures = figures or DrillFigures()
        at = session.performed_at.astimezone(self.zone)
        when = f"{at:%a} {at.day} {at:%b %Y, %H:%M}"  # e.g. "Tue 1 Dec 2026, 08:35"
        highest, after = figures.highest_pain, session.morning_after_pain
        flagged = pain_model.is_flagged(highest) or pain_model.morning_flagged(after)
        return fill(
            ROW,
            flagged_class=" border-danger flagged" if flagged else "",
            url=self.detail_url(session.pk),
            iso=at.isoformat(),
            when=when,
            unread=NEW_COMMENT if session.pk in self.unread else "",
            timing=TIMINGS.get(session.timing, session.timing),
            drills=f"{figures.done}/{figures.offered} drills",
            pain="pain not rated" if highest is None else f"pain {highest}",
            flag=FLAGGED if flagged else "",
            morning=self.morning(after),
            spots=fill(SPOTS, ", ".join(figures.spots)) if figures.spots else "",
            # Asked from the next morning, in the active (the athlete's) zone.
            rate=self.rate_form(session.pk, when)
            if owner and after is None and at.date() < self.today
            else "",
        )

    @staticmethod
    def morning(after: int | None) -> str:
        if after is None:
            return ""
        unsettled = NOT_SETTLED if pain_model.morning_flagged(after) else ""
        return fill(MORNING, after=after, unsettled=unsettled)

    def rate_form(self, pk: int, when: str) -> SafeString:
        return fill(
            RATE_FORM,
            pk=pk,
            when=when,
            action=self.morning_after_url(pk),
            csrf_token=self.form_constants[0],
            next=self.form_constants[1],
            options=self.form_constants[2],
        )

    @cached_property
    def form_constants(self) -> tuple[str, str, SafeString]:
        """What every row's morning-after form repeats, worked out for the first one that
        is shown: asking for the CSRF token only then sets its cookie only then, as before."""
        return get_token(self.request), self.request.get_full_path(), pain_options()


# One session of the history: the markup the template's history_row partial drew.
ROW = """<li class="card mb-2{flagged_class}">
  <div class="card-body py-2">
    <div class="d-flex flex-wrap justify-content-between gap-2">
      <a class="fw-semibold" href="{url}"><time datetime="{iso}">{when}</time></a>
      <span class="small text-body-secondary">{unread}{timing}</span>
    </div>
    <div class="d-flex flex-wrap gap-3 small mt-1">
      <span>{drills}</span>
      <span>{pain}</span>{flag}{morning}{spots}
    </div>{rate}
  </div>
</li>"""
NEW_COMMENT = mark_safe('<span class="badge text-bg-primary">new comment</span> ')
FLAGGED = mark_safe('\n      <span class="badge text-bg-danger">flagged</span>')
NOT_SETTLED = mark_safe(' <span class="badge text-bg-danger">not settled</span>')
MORNING = "\n      <span>morning after {after}{unsettled}</span>"
SPOTS = "\n      <span>tight: {}</span>"
RATE_FORM = """
    <details class="mt-1 small"><summary>Add morning-after pain</summary>
      <form method="post" action="{action}" class="d-flex flex-wrap gap-2 align-items-end">
        <input type="hidden" name="csrfmiddlewaretoken" value="{csrf_token}"><input type="hidden" name="next" value="{next}">
        <div class="mb-3">
          <label for="id_morning_after_{pk}" class="form-label">Morning-after pain<span class="visually-hidden"> after {when}</span></label>
          <select name="morning_after_pain" id="id_morning_after_{pk}" class="painselect form-select" aria-describedby="morning-after-help-{pk}">{options}</select>
          <div id="morning-after-help-{pk}" class="form-text">How the worked area feels the next morning, 0&ndash;10.</div>
        </div>
        <button type="submit" class="btn btn-outline-primary mb-3">Save<span class="visually-hidden"> morning-after pain for {when}</span></button>
      </form>
    </details>"""  # noqa: E501
