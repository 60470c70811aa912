"""A sign-in pause per username alone, after many more failures than django-axes allows a pair.

django-axes pauses one username from one address (AXES_LOCKOUT_PARAMETERS). That address is
the client's own to choose whenever the app can be reached without the trusted proxy in front,
so a fresh X-Forwarded-For per guess would guess without end. Counting the username alone, at
a higher limit, caps guesses from anywhere, while a stranger still needs many failures, not
five, to lock an athlete out.
"""

from __future__ import annotations

from axes.exceptions import AxesBackendPermissionDenied
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import backends, get_user_model
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

from config import rows


def recent_failures(username: str) -> int:
    """Wrong passwords for this username within the cool-off, from every address together."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    total = AccessAttempt.objects.filter(username=username, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return total or 0


class UsernameLockBackend:
    """First in AUTHENTICATION_BACKENDS: refuses a paused username, signs nobody in.

    No get_user(), like axes' own backend: force_login() and sessions pick a backend that has one.
    """

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, **kwargs
    ) -> None:
        if request is None or not username:
            return None
        if recent_failures(username) >= settings.LOGIN_USERNAME_FAILURE_LIMIT:
            # AxesMiddleware answers with the lockout page (429, Retry-After).
            request.axes_locked_out = True
            raise AxesBackendPermissionDenied("This username is paused after too many failures.")
        return None


class ModelBackend(backends.ModelBackend):
    """Django's username and password backend, with the signed-in user read by a statement
    written out once (config/rows.py): every signed-in request loads its user, and the ORM's
    get() spent more time building that query than running it."""

    def get_user(self, user_id):
        found = rows.read(get_user_model(), "WHERE t.id = %s", [user_id])
        user = found[0] if found else None
        return user if user is not None and self.user_can_authenticate(user) else None
