"""Consent: an athlete invites a coach, and may take the invitation or the access back."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from throttle.limits import record, retry_after, too_many

from .forms import JoinForm
from .models import CoachLink, Invitation
from .services import accept_invitation
from .throttle import code_guess_limits


@require_safe
def sharing(request: HttpRequest) -> HttpResponse:
    """The athlete's side: who can read my logs, and the invitations I have open."""
    links = CoachLink.objects.active().filter(athlete=request.user).select_related("coach")
    invitations = Invitation.objects.pending().filter(athlete=request.user)
    return render(request, "coaching/sharing.html", {"links": links, "invitations": invitations})


@require_POST
def invitation_create(request: HttpRequest) -> HttpResponse:
    invitation = Invitation.objects.create(athlete=request.user)
    messages.success(
        request,
        f"Invitation {invitation.display_code} created. "
        "Share the link or the code with your coach.",
    )
    return redirect("coaching:sharing")


@require_POST
def invitation_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.pending().filter(athlete=request.user), pk=pk)
    invitation.delete()
    messages.success(request, "Invitation cancelled; its code no longer works.")
    return redirect("coaching:sharing")


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return redirect("coaching:accept", code=form.cleaned_data["code"])
    return render(request, "coaching/join.html", {"form": form})


@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest, code: str) -> HttpResponse:
    # Wrong codes count; past the limit even a right one waits, or guessing would still pay.
    limits = code_guess_limits(request)
    wait = retry_after(limits)
    if wait is not None:
        return too_many(request, wait)
    invitation = (
        Invitation.objects.pending().select_related("athlete").filter(code=code.upper()).first()
    )
    if invitation is None:
        record(limits)
        messages.error(
            request,
            "That invitation code does not work: it may be mistyped, used or expired. "
            "Ask your athlete for a new one.",
        )
        return redirect("coaching:join")
    athlete = invitation.athlete
    if athlete == request.user:
        messages.error(request, "That is your own invitation: send it to your coach.")
        return redirect("coaching:sharing")
    already = CoachLink.objects.active().filter(athlete=athlete, coach=request.user).exists()
    if request.method == "POST" and not already:
        sharing_url = request.build_absolute_uri(reverse("coaching:sharing"))
        if not accept_invitation(
            invitation=invitation, coach=request.user, sharing_url=sharing_url
        ):
            messages.error(request, "That invitation was just used by someone else.")
            return redirect("coaching:join")
        messages.success(request, f"You now coach {athlete}. Their logs are on your dashboard.")
        return redirect("insights:dashboard")
    return render(
        request,
        "coaching/accept.html",
        {"invitation": invitation, "athlete": athlete, "already": already},
    )


@require_http_methods(["GET", "POST"])
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(
        CoachLink.objects.active().filter(athlete=request.user).select_related("coach"), pk=pk
    )
    if request.method == "POST":
        link.revoke()
        messages.success(request, f"{link.coach} can no longer see your logs.")
        return redirect("coaching:sharing")
    return render(request, "coaching/revoke_confirm.html", {"link": link})
