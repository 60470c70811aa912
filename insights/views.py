"""Pages that read an athlete's log: their progress, and a coach's view of their athletes."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from exercises.models import Measure
from sessions import pain as pain_model
from sessions.history import history_context
from sessions.markup import pagination
from sessions.models import (
    find_coached_athlete,
    visible_athletes,
)

from . import charts, progress
from .dashboard import AthleteLinks, dashboard_row, summarise_coached, summarise_query
from .day_counts import routines_per_day
from .forms import AthleteSearchForm
from .progress_rows import drill_rows, logged_drills, newest_sessions, usual_morning

DASHBOARD_PAGE_SIZE = 25


@require_safe
def my_progress(request: HttpRequest) -> HttpResponse:
    return render_progress(request, athlete=request.user)


def render_progress(request: HttpRequest, *, athlete) -> HttpResponse:
    """The progress of `athlete`, whom the caller has let `request.user` see: the signed-in
    athlete themself (my_progress), or an athlete who lets them in as coach, found through
    coached_athlete() (athlete_progress). The page then reads the athlete's sessions as theirs.
    """
    today = timezone.localdate(timezone=athlete.zone)
    report = ProgressReport(athlete=athlete, today=today)
    return render(
        request,
        "insights/progress.html",
        {
            "athlete": athlete,
            "own": athlete.pk == request.user.pk,
            "report": report,
            "window_weeks": progress.WINDOW_WEEKS,
            "comfortable_max": progress.READY_MAX_PAIN,
            "weekly_habit": progress.WEEKLY_HABIT,
        },
    )


class ProgressReport:
    """Figures, charts and hints, each worked out when the template first asks for it."""

    def __init__(self, *, athlete, today: date) -> None:
        self.athlete = athlete
        self.today = today

    @cached_property
    def figures(self) -> progress.Progress:
        zone = self.athlete.zone
        start = progress.window_start(self.today)
        end = self.today + timedelta(days=1)
        since, until = (
            datetime.combine(start, time.min, zone),
            datetime.combine(end, time.min, zone),
        )
        # The caller let the user in (see render_progress), so this reads the athlete's
        # sessions as athlete_history does: visible_to() again would rebuild its OR and
        # subquery for nothing.
        every_drill = drill_infos()
        logged, capped = load_sessions(self.athlete.pk, since=since, until=until, zone=zone)
        per_day = None
        if capped:  # counted in the database, so the calendar holds every routine
            per_day = routines_per_day(self.athlete.pk, zone=zone, start=start, end=end)
        # The routine's drills, and a drill taken out of it since, while it is in the window.
        logged_ids = {entry.drill_id for session in logged for entry in session.drills}
        self.drills = [
            drill for drill in every_drill.values() if drill.active or drill.id in logged_ids
        ]
        return progress.summarise(
            logged,
            drills=self.drills,
            today=self.today,
            capped=capped,
            usual_morning=usual_morning(self.athlete.pk),
            now=timezone.now(),
            per_day=per_day,
        )

    @cached_property
    def charts(self) -> dict | None:
        return charts.draw(self.figures) if self.figures.session_count else None

    @cached_property
    def hints(self) -> list[tuple]:
        figures = self.figures
        names = {drill.measure: drill.name for drill in self.drills}
        return [
            (hint, names[measure])
            for hint, measure in (
                (figures.heel_drop_hint, Measure.HEEL_DROP_VARIANT),
                (figures.wall_hint, Measure.WALL_DISTANCE),
            )
            if hint is not None
        ]


def drill_infos() -> dict[int, progress.DrillInfo]:
    """Every drill, by id in routine order, each with its rungs, first first: one query of
    plain rows, a row per drill and variant. The catalogue is a handful of drills: reading
    them all spares a second query that waits for the entries' drill ids."""
    drills: dict[int, tuple[str, str, bool]] = {}
    ladders: dict[int, list[progress.LadderStep]] = defaultdict(list)
    for pk, name, measure, active, variant_id, variant_name in drill_rows():
        drills[pk] = (name, measure, active)
        if variant_id is not None:
            ladders[pk].append(progress.LadderStep(variant_id, variant_name))
    return {
        pk: progress.DrillInfo(pk, name, measure, tuple(ladders[pk]), active)
        for pk, (name, measure, active) in drills.items()
    }


def load_sessions(
    athlete_id: int, *, since: datetime, until: datetime, zone
) -> tuple[list[progress.LoggedSession], bool]:
    """The athlete's newest sessions from `since` to `until`, at most MAX_SESSIONS of them,
    with their drills done: two queries of plain rows (insights.progress_rows)."""
    rows = newest_sessions(athlete_id, since=since, until=until, limit=progress.MAX_SESSIONS + 1)
    capped = len(rows) > progress.MAX_SESSIONS
    rows = rows[: progress.MAX_SESSIONS]
    if not rows:
        return [], capped
    drills = logged_drills([row[0] for row in rows])
    none = ()
    logged = [
        progress.LoggedSession(performed_at.astimezone(zone), morning_after, drills.get(pk, none))
        for pk, performed_at, morning_after in rows
    ]
    return logged, capped


@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    search = AthleteSearchForm(request.GET or None)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    if query:
        athletes = visible_athletes(request.user).exclude(pk=request.user.pk)
        shown = athletes.filter(Q(display_name__icontains=query) | Q(username__icontains=query))
        summaries = summarise_query(shown)
        coaches_anyone = bool(summaries) or athletes.exists()
    else:
        summaries = summarise_coached(request.user)
        # Unless a search narrowed the list, it already says whether this coach has anyone.
        coaches_anyone = bool(summaries)
    page = Paginator(summaries, DASHBOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    links = AthleteLinks()
    return render(
        request,
        "insights/dashboard.html",
        {
            "page": page,
            "rows": [dashboard_row(summary, links=links) for summary in page],
            "pagination": pagination(request, page, label="Athlete pages"),
            "search": search,
            "query": query,
            "coaches_anyone": coaches_anyone,
        },
    )


def coached_athlete(request: HttpRequest, athlete_id: int):
    """An athlete who lets this user in as their coach, or 404."""
    athlete = find_coached_athlete(request.user, athlete_id)
    if athlete is None:
        raise Http404("No athlete of yours has this id.")
    return athlete


@require_safe
def athlete_history(request: HttpRequest, athlete_id: int) -> HttpResponse:
    athlete = coached_athlete(request, athlete_id)
    # coached_athlete() let the coach in by the links visible_to() reads too: all of this
    # athlete's sessions are theirs to read. visible_to() again put its OR and subquery into
    # the count and the page's rows, and doubled what those cost.
    # Days and times as the athlete lives them, so coach and athlete see the same dates.
    with timezone.override(athlete.zone):
        context = history_context(request, athlete.pk, owner=False) | {
            "athlete": athlete,
            "flag_rule": pain_model.FLAG_RULE,
        }
        return render(request, "insights/athlete_history.html", context)


@require_safe
def athlete_progress(request: HttpRequest, athlete_id: int) -> HttpResponse:
    athlete = coached_athlete(request, athlete_id)
    return render_progress(request, athlete=athlete)
