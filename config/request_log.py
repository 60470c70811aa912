"""One log line per request: method, path, status, duration and user id, and nothing more.

No query string (it may carry a secret), no form data, no notes: only what an operator needs to
see traffic, errors and slow pages.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.encoding import escape_uri_path

logger = logging.getLogger("groundwork.requests")

# URL parts that are credentials: the password-reset token, a coach invitation code.
SECRET_URL_KWARGS = frozenset({"token", "code"})


def loggable_path(request: HttpRequest) -> str:
    """The path percent-encoded, so it stays on one line, with secret URL parts masked."""
    path = escape_uri_path(request.path)
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name, value in match.kwargs.items():
            if name in SECRET_URL_KWARGS and isinstance(value, str) and value:
                path = path.replace(escape_uri_path(value), f"<{name}>")
    return path


def user_id(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return str(user.pk)
    return "-"


class RequestLogMiddleware:
    """First in MIDDLEWARE, so the duration and status include every other middleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000)
        fields = {
            "method": request.method,
            "path": loggable_path(request),
            "status": response.status_code,
            "duration_ms": duration_ms,
            "user_id": user_id(request),
        }
        logger.info(
            "%(method)s %(path)s %(status)s %(duration_ms)sms user=%(user_id)s",
            fields,
            extra=fields,
        )
        return response
