"""Middleware of our own: turn away requests no page can serve; keep signed-in pages private."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.cache import patch_cache_control

logger = logging.getLogger("groundwork.requests")

NUL = "\x00"


def malformed(request: HttpRequest) -> str | None:
    """Why no view can serve this request, or None if one can."""
    if NUL in request.path_info:
        return "NUL byte in the path"
    if any(NUL in key or any(NUL in v for v in values) for key, values in request.GET.lists()):
        return "NUL byte in the query"
    try:
        form = request.POST  # parsed once here, as the CSRF check would
    except (BadRequest, SuspiciousOperation) as error:
        return f"undecodable body: {str(error)[:120]}"
    if any(NUL in key or any(NUL in v for v in values) for key, values in form.lists()):
        return "NUL byte in the form"
    return None


class RefuseMalformedRequestsMiddleware:
    """400 for a form body Django cannot decode, or a NUL byte in the path, query or form.

    Django raises BadRequest from wherever such a body is first read, its own error pages
    included, so one request used to cost a 500 and ~62 KB of log; PostgreSQL refuses NUL in
    text, so a NUL reaching a query was a 500 too. Answered here, it is one short log line.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reason = malformed(request)
        if reason is not None:
            logger.warning("Refused a malformed request: %s", reason)
            return HttpResponseBadRequest(
                "Bad request: the address or form could not be read.", content_type="text/plain"
            )
        return self.get_response(request)


class PrivatePagesMiddleware:
    """Cache-Control: private, no-store on every answer to a signed-in user.

    Their pages hold their pain log: no shared proxy may keep them, and no browser should keep
    a copy on disk for the next person at the computer. After AuthenticationMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
