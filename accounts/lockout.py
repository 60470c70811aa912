"""The page django-axes shows in place of signing in, once a username and address are locked."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    """Not routed: axes calls it (AXES_LOCKOUT_CALLABLE) instead of returning the sign-in page."""
    cooloff_seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": max(1, cooloff_seconds // 60),
    }
    response = render(request, "registration/locked_out.html", context, status=429)
    response["Retry-After"] = str(cooloff_seconds)
    return response
