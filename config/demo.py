"""The demo logins on the sign-in page, in development only.

`make demo` prints them, but the server's start and its request lines push them out of sight
within seconds; the sign-in page is where a newcomer needs them.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest

from demo.data import ATHLETE_PREFIX, COACH_PREFIX, DEMO_PASSWORD


def demo_sign_in(request: HttpRequest) -> dict:
    """With DEBUG on, on the sign-in page: the first demo athlete and coach, if there are any."""
    match = getattr(request, "resolver_match", None)
    if not settings.DEBUG or match is None or match.view_name != "accounts:login":
        return {}
    users = get_user_model().objects.order_by("username")
    names = [
        users.filter(username__startswith=prefix).values_list("username", flat=True).first()
        for prefix in (ATHLETE_PREFIX, COACH_PREFIX)
    ]
    names = [name for name in names if name]
    if not names:
        return {}
    return {"demo_sign_in": {"usernames": names, "password": DEMO_PASSWORD}}
