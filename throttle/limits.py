"""Sliding-window limits on tries, counted in the database and shared by every app process.

    limits = [Limit("reset:email", email, 3), Limit("reset:address", address, 20)]
    wait = retry_after(limits)
    if wait is not None:
        return too_many(request, wait)
    record(limits)

Checking and recording are two steps, so a view can count only failures (a wrong code) or
every try (a reset email). Requests racing each other can pass a limit by the few that
overlap; it bounds guessing and mail bombing, not exact counts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import Hit


@dataclass(frozen=True)
class Limit:
    """At most `limit` tries by `key` (an address, an email, a user id) within `window`."""

    scope: str
    key: str
    limit: int
    window: timedelta | None = None  # None: settings.THROTTLE_WINDOW

    @property
    def period(self) -> timedelta:
        return self.window or settings.THROTTLE_WINDOW

    @property
    def digest(self) -> str:
        return salted_hmac(
            "groundwork.throttle", f"{self.scope}\n{self.key}", algorithm="sha256"
        ).hexdigest()


def retry_after(limits: Iterable[Limit]) -> int | None:
    """Seconds until every limit allows one more try, or None if they all allow it now."""
    now = timezone.now()
    waits = []
    for limit in limits:
        recent = list(
            Hit.objects.filter(scope=limit.scope, key=limit.digest, at__gt=now - limit.period)
            .order_by("-at")
            .values_list("at", flat=True)[: max(limit.limit, 1)]
        )
        if len(recent) >= limit.limit:
            # Free again once the oldest of the last `limit` tries leaves the window.
            oldest = recent[-1] if recent else now
            waits.append(max(1, math.ceil((oldest + limit.period - now).total_seconds())))
    return max(waits, default=None)


def record(limits: Iterable[Limit]) -> None:
    """Count one try against each limit, and forget the tries that have left their window."""
    now = timezone.now()
    limits = list(limits)
    Hit.objects.bulk_create(Hit(scope=limit.scope, key=limit.digest, at=now) for limit in limits)
    for limit in limits:
        Hit.objects.filter(scope=limit.scope, at__lte=now - limit.period).delete()


def too_many(request: HttpRequest, wait: int) -> HttpResponse:
    """429, with how long to wait in words and in Retry-After."""
    minutes = max(1, math.ceil(wait / 60))
    response = render(request, "throttle/too_many.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(wait)
    return response


def throttle_posts(limits_for: Callable[[HttpRequest], list[Limit]]):
    """A view decorator: every POST counts against `limits_for(request)`; past them, 429."""

    def decorator(view):
        @wraps(view)
        def throttled(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST":
                limits = limits_for(request)
                wait = retry_after(limits)
                if wait is not None:
                    return too_many(request, wait)
                record(limits)
            return view(request, *args, **kwargs)

        return throttled

    return decorator
