from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.middleware import get_user
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject


class UserTimezoneMiddleware:
    """Show every time in the signed-in user's own time zone; storage stays UTC."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if isinstance(user, SimpleLazyObject):
            # The user is read here for every page anyway. From here on, pages ask the user
            # itself rather than the lazy wrapper AuthenticationMiddleware set (the same
            # user, which get_user() keeps on the request): each of a page's ~100 reads of it
            # cost an exception and three calls.
            user = request.user = get_user(request)
        if user is not None and user.is_authenticated:
            timezone.activate(user.zone)
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
