"""The athlete's log: log, read, edit and delete routines; morning-after pain; comments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from config import rows
from exercises.models import Exercise, routine

from . import services
from .detail import session_drills, session_times
from .forms import CommentForm, MorningAfterForm
from .history import history_context
from .log_form import RoutineForm
from .models import Comment, LogSummary, TrainingSession, has_a_coach, visible_session


@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest) -> HttpResponse:
    drills = routine(revisions=request.method == "POST")  # a save notes each drill's revision
    initial = {}
    if request.method == "GET" and "repeat" in request.GET:
        initial = services.repeat_last_session(athlete=request.user)
        if not initial:
            messages.info(request, "No earlier session to copy yet: here is the plain form.")
    # The same form, shown one drill at a time by static/js/guided.js.
    guided = "guided" in request.GET
    # Bound on any POST, an empty one too: it is then refused with its errors shown.
    data = request.POST if request.method == "POST" else None
    form = RoutineForm(drills=drills, data=data, initial=initial, guided=guided)
    summary = None
    if data is None:
        # A new log starts on the athlete's last variant of each drill, never a step back.
        summary = read_summary(request.user)
        if summary is not None:
            form.last_variants = {drill.pk: summary.last_variant_id(drill.pk) for drill in drills}
    # Nothing rated: asked once, gently, before saving; "no pain anywhere" is an answer.
    no_pain = "no_pain" in request.POST
    answered = no_pain or "unrated_ok" in request.POST
    valid = request.method == "POST" and form.is_valid()
    asking = valid and form.nothing_rated() and not answered
    if valid and not asking:
        session, created = services.log_routine(
            athlete=request.user,
            session=form.session(),
            entries=form.entries(no_pain=no_pain),
            submission_token=form.submission_token,
            revisions={drill.pk: drill.revision for drill in drills},
        )
        if created:
            messages.success(request, "Routine logged. Nice work.")
        else:
            messages.info(request, "That routine was already saved; here it is.")
        return redirect(session)
    # Only a form that is shown needs the hints; a valid save goes without their query.
    if summary is None:
        summary = read_summary(request.user)
    form.show_last_measures(summary.measure_hints(drills) if summary else {})
    return render(
        request,
        "sessions/session_form.html",
        {
            "form": form,
            "drills": drills,
            "repeated": bool(initial),
            "editing": False,
            "guided": guided,
            "asking_about_pain": asking,
        },
    )


def read_summary(athlete) -> LogSummary | None:
    """The athlete's summary in one written-out statement (config/rows.py): the ORM took
    ~0.4 ms of the log form to build this one-row query."""
    found = rows.read(LogSummary, "WHERE t.athlete_id = %s", [athlete.pk])
    return found[0] if found else None


@require_http_methods(["GET", "POST"])
def session_update(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(TrainingSession.objects.owned_by(request.user), pk=pk)
    entries = {entry.exercise_id: entry for entry in session.entries.prefetch_related("parts")}
    # The drills the session has, even retired ones, and any active drill it lacks.
    drills = list(
        Exercise.objects.filter(Q(active=True) | Q(pk__in=list(entries)))
        .in_routine_order()
        .with_prescription()
    )
    form = RoutineForm(
        drills=drills,
        data=request.POST if request.method == "POST" else None,
        instance=session,
        entries=entries,
        initial={drill.pk: {"done": False} for drill in drills if drill.pk not in entries},
    )
    if request.method == "POST" and form.is_valid():
        services.update_routine(session=form.session(), entries=form.entries())
        messages.success(request, "Session updated.")
        return redirect(session)
    return render(
        request,
        "sessions/session_form.html",
        {"form": form, "drills": drills, "session": session, "editing": True},
    )


@require_safe
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = visible_session_or_404(request.user, pk)
    # Read before they are marked read, so that this view still shows which ones are new.
    comments = session_comments(session)
    if session.athlete_id == request.user.pk and has_unread_comments(comments, request.user):
        services.mark_comments_read(session=session, reader=request.user)
    return render_session(request, session, CommentForm(), comments=comments)


def has_unread_comments(comments: list[Comment], reader) -> bool:
    """From the comments already read in: most views have none, and so write nothing."""
    return any(c.read_at is None and c.author_id != reader.pk for c in comments)


@require_POST
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A coach's feedback on a session they may read, or the athlete's reply."""
    session = visible_session_or_404(request.user, pk)
    form = CommentForm(request.POST)
    if not someone_else_reads(session, request.user):
        form.add_error(None, "Nobody else reads this log yet: share it with a coach first.")
    if not form.is_valid():
        return render_session(request, session, form, status=400)
    services.add_comment(session=session, author=request.user, body=form.cleaned_data["body"])
    messages.success(request, "Comment posted.")
    return redirect(f"{session.get_absolute_url()}#comments")


def someone_else_reads(session: TrainingSession, user) -> bool:
    """Whether a comment by `user` has a reader (the athlete, or a coach of theirs)."""
    if session.athlete_id != user.pk:
        return True  # a coach: visible_to let them in
    return has_a_coach(user.pk)


def visible_session_or_404(user, pk: int) -> TrainingSession:
    """The session if `user` may read it (models.visible_session); another's is a 404."""
    session = visible_session(user, pk)
    if session is None:
        raise Http404("No session of yours has this id.")
    return session


def session_comments(session: TrainingSession) -> list[Comment]:
    """The session's comments, oldest first (Comment's ordering), with their authors.

    One statement written out (config.rows), and the authors other than the athlete (already
    read with the session) in a second only when there are any: most sessions have no
    comment, and compiling the ORDER BY and the authors' join was half of what asking cost.
    """
    comments = rows.read(
        Comment, "WHERE t.session_id = %s ORDER BY t.created_at, t.id", [session.pk]
    )
    coaches = {comment.author_id for comment in comments} - {session.athlete_id}
    authors = get_user_model().objects.in_bulk(coaches) if coaches else {}
    authors[session.athlete_id] = session.athlete
    for comment in comments:
        comment.author = authors[comment.author_id]
    return comments


def render_session(
    request: HttpRequest, session, comment_form, *, comments=None, status: int = 200
):
    """The session page, its times in the athlete's own zone whoever reads it."""
    is_owner = session.athlete_id == request.user.pk
    morning_open = session.morning_after_open(session.athlete.zone)
    with timezone.override(session.athlete.zone):
        return render(
            request,
            "sessions/session_detail.html",
            {
                "session": session,
                "comments": session_comments(session) if comments is None else comments,
                "drills": session_drills(session.pk),
                "times": session_times(session),
                "is_owner": is_owner,
                "morning_after_form": MorningAfterForm(instance=session)
                if is_owner and morning_open
                else None,
                "morning_open": morning_open,
                "comment_form": comment_form,
                "can_comment": someone_else_reads(session, request.user),
            },
            status=status,
        )


@require_http_methods(["GET", "POST"])
def session_delete(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(TrainingSession.objects.owned_by(request.user), pk=pk)
    if request.method == "POST":
        services.delete_routine(session=session)
        messages.success(request, "Session deleted.")
        return redirect("sessions:list")
    return render(request, "sessions/session_confirm_delete.html", {"session": session})


@require_POST
def session_morning_after(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(TrainingSession.objects.owned_by(request.user), pk=pk)
    form = MorningAfterForm(request.POST, instance=session)
    if not session.morning_after_open(request.user.zone):
        messages.error(request, "Morning-after pain can be given from the next morning.")
    elif form.is_valid():
        pain = form.cleaned_data["morning_after_pain"]
        services.set_morning_after(session=session, pain=pain)
        if pain is None:
            messages.success(request, "Morning-after pain cleared.")
        else:
            messages.success(request, f"Morning-after pain {pain}/10 saved.")
    else:
        messages.error(request, "Choose a morning-after pain from 0 to 10.")
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        return redirect(next_url)
    return redirect(session)


@require_safe
def session_list(request: HttpRequest) -> HttpResponse:
    context = history_context(request, request.user.pk, owner=True)
    return render(request, "sessions/session_list.html", context)
