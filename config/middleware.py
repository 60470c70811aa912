"""Middleware of our own: turn away requests no page can serve; keep signed-in pages private."""

from __future__ import annotations

import gzip
import logging
import secrets
from collections.abc import Callable
from urllib.parse import unquote_plus

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.middleware import gzip as gzip_middleware
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.datastructures import MultiValueDict
from isal import igzip

logger = logging.getLogger("groundwork.requests")

NUL = "\x00"
# What a NUL is in a form-encoded body, raw or escaped ("%00" has no letter to change case).
NUL_BYTES = (b"\x00", b"%00")
URLENCODED = "application/x-www-form-urlencoded"


def malformed(request: HttpRequest) -> str | None:
    """Why no view can serve this request, or None if one can."""
    if NUL in request.path_info:
        return "NUL byte in the path"
    if any(NUL in key or any(NUL in v for v in values) for key, values in request.GET.lists()):
        return "NUL byte in the query"
    try:
        form = read_form(request)  # parsed once here, as the CSRF check would
    except (BadRequest, SuspiciousOperation) as error:
        return f"undecodable body: {str(error)[:120]}"
    if request.content_type == URLENCODED and not any(nul in request.body for nul in NUL_BYTES):
        return None  # no field of it decodes to a NUL: a save's ~80 need no look each
    if any(NUL in key or any(NUL in v for v in values) for key, values in form.lists()):
        return "NUL byte in the form"
    return None


def read_form(request: HttpRequest) -> QueryDict:
    """request.POST. A form-encoded UTF-8 body is parsed here into the QueryDict Django would
    make of it, without the calls each field cost there (an appendlist() five calls deep, and
    three to unquote each name and value that has nothing to unquote): a save's ~80 fields
    were a tenth of what saving a routine cost. Any other body is Django's to parse."""
    encoding = request.encoding
    if (
        request.method != "POST"
        or request.content_type != URLENCODED
        or (encoding is not None and encoding.lower() != "utf-8")
        or hasattr(request, "_post")
    ):
        return request.POST
    body = request.body
    try:
        text = body.decode()
    except UnicodeDecodeError:
        text = body.decode("iso-8859-1")  # as QueryDict decodes what is not UTF-8
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    if limit is not None and text and text.count("&") + 1 > limit:
        raise TooManyFieldsSent(  # QueryDict's error, where parse_qsl counts the same
            "The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS."
        )
    lists: dict[str, list[str]] = {}
    # parse_qsl(text, keep_blank_values=True), as QueryDict calls it: "a" is ("a", "").
    for pair in text.split("&"):
        if not pair:
            continue
        key, _, value = pair.partition("=")
        if "+" in key or "%" in key:
            key = unquote_plus(key)
        if "+" in value or "%" in value:
            value = unquote_plus(value)
        values = lists.get(key)
        if values is None:
            lists[key] = [value]
        else:
            values.append(value)
    form = QueryDict(encoding="utf-8")
    dict.update(form, lists)  # a MultiValueDict holds each key's list of values
    request._post, request._files = form, MultiValueDict()
    return form


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


class GZipMiddleware(gzip_middleware.GZipMiddleware):
    """Django's GZipMiddleware, compressing pages at level 1 instead of 6, with ISA-L.

    Level 6 spent ~1–1.7 ms of CPU on each of the log form and progress pages (80–140 KB of
    HTML), more than some whole pages cost; level 1, nginx's default for the same reason, takes
    a third of that for a page ~30 % larger over the wire (the log form: 10 KB instead of 8).
    ISA-L's deflate (the isal package, a dependency for this) writes the same gzip format
    four times as fast as zlib's level 1, about as small: the log form's 60 KB in 0.04 ms
    instead of 0.17. Everything else is as Django does it, the random file name against
    BREACH included; streamed responses (the CSV download) are left to Django.
    """

    level = 1

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if response.streaming:
            return super().process_response(request, response)
        if len(response.content) < 200 or response.has_header("Content-Encoding"):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        if not gzip_middleware.re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return response
        compressed = self.compress(response.content)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "gzip"
        return response

    def compress(self, content: bytes) -> bytes:
        """gzip at self.level, with a file name of random length in the header (as Django's
        compress_string) so the response's length says nothing about a secret in the page.
        Its length is what hides the secret: the name's characters come from one call for
        random bytes, where Django's get_random_string() asks the system for each of up to
        100 characters, a getrandom() call each (~50 a page)."""
        data = igzip.compress(content, compresslevel=self.level, mtime=0)
        header = bytearray(data[:10])
        header[3] = gzip.FNAME
        length = secrets.randbelow(self.max_random_bytes) + 1
        name = secrets.token_hex((length + 1) // 2)[:length].encode()
        return bytes(header) + name + b"\x00" + data[10:]
