from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from coaching.models import CoachLink

from . import services
from .feed import plan_calendar
from .forms import MorningPainForm, ReminderPlanForm
from .models import Delivery, Kind, Notice, ReminderPlan
from .pain import read_pain
from .tokens import BadToken, read_morning_token, read_unsubscribe_token

# --- The plan, for the signed-in person ---------------------------------------------------


@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest) -> HttpResponse:
    reminder_plan = ReminderPlan.objects.for_user(request.user)
    coach = CoachLink.objects.active().filter(coach=request.user).exists()
    form = ReminderPlanForm(
        request.POST or None,
        instance=reminder_plan,
        coach=coach or reminder_plan.coach_digest,
        zone_name=request.user.time_zone,
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Reminders saved.")
        return redirect("reminders:plan")
    feed_url = request.build_absolute_uri(
        reverse("reminders:feed", args=[reminder_plan.feed_token])
    )
    return render(
        request,
        "reminders/plan_form.html",
        {"form": form, "plan": reminder_plan, "feed_url": feed_url},
    )


@require_POST
def stop_all(request: HttpRequest) -> HttpResponse:
    reminder_plan = ReminderPlan.objects.for_user(request.user)
    for kind in Kind.values:
        if reminder_plan.wants(kind):
            services.unsubscribe(user=request.user, kind=kind)
    messages.success(request, "All reminder emails are off.")
    return redirect("reminders:plan")


@require_POST
def feed_regenerate(request: HttpRequest) -> HttpResponse:
    ReminderPlan.objects.for_user(request.user).new_feed()
    messages.success(request, "New calendar address made. The old one no longer works.")
    return redirect("reminders:plan")


@login_not_required
@never_cache
@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    reminder_plan = get_object_or_404(
        ReminderPlan.objects.select_related("user").filter(user__is_active=True), feed_token=token
    )
    response = HttpResponse(plan_calendar(reminder_plan), content_type="text/calendar")
    response["Content-Disposition"] = 'inline; filename="groundwork-runs.ics"'
    return response


# --- Links in emails, which work without signing in ----------------------------------------


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def morning(request: HttpRequest, token: str, pain: int) -> HttpResponse:
    """The morning email's link: GET shows a one-tap button; only the POST records.

    Mail scanners open every link of an email; recording on GET would let a scanner's visit
    to "0" spend the link before the person taps their own number.
    """
    try:
        delivery_id = read_morning_token(token)
    except BadToken:
        return render(request, "reminders/morning_invalid.html", status=404)
    delivery = get_object_or_404(
        Delivery.objects.select_related("session", "user").filter(
            kind=Kind.MORNING_CHECK, user__is_active=True
        ),
        pk=delivery_id,
    )
    if pain not in range(11):
        raise Http404
    # The address names the pain; the page's other buttons may post another.
    data = None
    if request.method == "POST":
        data = request.POST.copy()
        data.setdefault("pain", str(pain))
    form = MorningPainForm(data, initial={"pain": pain})
    if request.method == "POST" and delivery.pain_recorded_at is None and form.is_valid():
        services.record_morning_pain(delivery=delivery, pain=form.cleaned_data["pain"])
        return redirect(request.path)
    session = delivery.session
    recorded = session.morning_after_pain if delivery.pain_recorded_at else None
    with timezone.override(delivery.user.zone):
        return render(
            request,
            "reminders/morning.html",
            {
                "delivery": delivery,
                "session": session,
                "pain": pain,
                "form": form,
                "recorded": recorded,
                "reading": read_pain(recorded if recorded is not None else pain),
            },
        )


def unsubscribe_target(token: str):
    try:
        user_id, kind = read_unsubscribe_token(token)
    except BadToken:
        raise Http404 from None
    if kind not in Kind.values:
        raise Http404
    return get_object_or_404(get_user_model(), pk=user_id), Kind(kind)


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    user, kind = unsubscribe_target(token)
    if request.method == "POST":
        services.unsubscribe(user=user, kind=kind)
        return redirect(request.path)
    wanted = ReminderPlan.objects.for_user(user).wants(kind)
    return render(
        request, "reminders/unsubscribe.html", {"person": user, "kind": kind, "wanted": wanted}
    )


@login_not_required
@csrf_exempt  # RFC 8058: the mail client posts with no cookie and no form; the token is the key
@require_http_methods(["GET", "POST"])
def unsubscribe_one_click(request: HttpRequest, token: str) -> HttpResponse:
    user, kind = unsubscribe_target(token)
    if request.method == "GET":  # a person who opened the header's address: the page
        return redirect("reminders:unsubscribe", token=token)
    services.unsubscribe(user=user, kind=kind)
    return HttpResponse(f"Unsubscribed from: {kind.label}.\n", content_type="text/plain")


# --- A coach's notices of replies ---------------------------------------------------------


@require_safe
def notices(request: HttpRequest) -> HttpResponse:
    rows = (
        Notice.objects.filter(recipient=request.user)
        .select_related("comment__author", "comment__session__athlete")
        .order_by("-created_at", "-pk")[:50]
    )
    return render(request, "reminders/notice_list.html", {"notices": rows})


@require_POST
def notice_open(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_object_or_404(
        Notice.objects.filter(recipient=request.user).select_related("comment"), pk=pk
    )
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return redirect(f"{reverse('sessions:detail', args=[notice.comment.session_id])}#comments")


@require_POST
def notices_read(request: HttpRequest) -> HttpResponse:
    Notice.objects.filter(recipient=request.user).unread().update(read_at=timezone.now())
    messages.success(request, "All replies marked as read.")
    return redirect("reminders:notices")
