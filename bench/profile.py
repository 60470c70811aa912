"""Profile one page with pyinstrument, in process, on the database `make bench` left behind.

    make bench-profile PROFILE_ARGS="/sessions/log/ --as demo-athlete-001"
    make bench-profile PROFILE_ARGS="/coaching/ --as demo-coach-01 --requests 50"
    make bench-profile PROFILE_ARGS="/sessions/log/ --post-log"   # saving a routine
    make bench-profile PROFILE_ARGS="/sessions/progress/ --cold"  # a first view, nothing cached

Runs with the app's interpreter and production settings (debug off), through every middleware,
signed in as the given user. Prints the time per request, the queries of one request and the
profile; writes the HTML profile beside the server logs, in bench/work/.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import sys
import sysconfig
import time
import uuid
from functools import partial
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
FORM_URLENCODED = "application/x-www-form-urlencoded"  # as browsers and bench/loadgen.py send


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="e.g. /sessions/log/")
    parser.add_argument("--as", dest="username", default="demo-athlete-001")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--queries", action="store_true", help="print each query's SQL too")
    parser.add_argument("--show-all", action="store_true", help="every frame, Django's too")
    parser.add_argument(
        "--cold", action="store_true", help="empty the cache before each request: a first view"
    )
    parser.add_argument(
        "--post-log",
        action="store_true",
        help="POST the log form at PATH as served, a fresh token each time (it adds routines)",
    )
    args = parser.parse_args()

    database = WORK / "bench.sqlite3"
    if "DATABASE_URL" not in os.environ and not database.exists():
        raise SystemExit("No benchmark database: run `make bench` first, or set DATABASE_URL.")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        GROUNDWORK_BENCHMARK="1",
        DJANGO_LOG_LEVEL="WARNING",  # not a line per request
    )
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{database}")
    sys.path.insert(0, str(ROOT))
    # pyinstrument lives in the load generator's virtualenv; the app's packages come first.
    bench_venv = ROOT / ".venv-bench"
    sys.path.append(sysconfig.get_path("purelib", vars={"base": bench_venv}))
    sys.path.append(sysconfig.get_path("platlib", vars={"platbase": bench_venv}))

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from pyinstrument import Profiler

    user = get_user_model().objects.get(username=args.username)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)

    def get():
        if args.cold:
            cache.clear()
        response = client.get(args.path, secure=True)
        if response.status_code != 200:
            raise SystemExit(f"{args.path} answered {response.status_code}.")
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
        return response

    def save(fields: dict[str, list[str]]):
        # As bench/loadgen.py saves: the form as served, with a new submission token each time.
        data = fields | {"session-submission_token": [str(uuid.uuid4())]}
        response = client.post(args.path, urlencode(data, doseq=True), FORM_URLENCODED, secure=True)
        if response.status_code != 302:
            raise SystemExit(f"Saving at {args.path} answered {response.status_code}.")
        # The redirect is not followed, so "Routine logged" would pile up in the messages
        # cookie from save to save; the benchmark's people send only their own cookies.
        client.cookies.pop("messages", None)

    if args.post_log:
        served = LogFormFields()
        served.feed(get().content.decode())
        fields: dict[str, list[str]] = {}
        for name, value in served.fields:
            fields.setdefault(name, []).append(value)
        get = partial(save, fields)  # the request under test

    for _ in range(3):  # templates compiled, caches warm, as in a worker that has served a while
        get()
    with CaptureQueriesContext(connection) as capture:
        get()
    queries = capture.captured_queries  # now: each request's start empties the query log
    # CPU time, not wall time: on a shared machine it is what the page itself costs.
    started = time.process_time()
    for _ in range(args.requests):
        get()
    per_request = (time.process_time() - started) / args.requests * 1000
    sql_ms = sum(float(q["time"]) for q in queries) * 1000

    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(args.requests):
            get()
    print(profiler.output_text(unicode=True, color=False, show_all=args.show_all))
    print(
        f"{args.path} as {args.username}: {per_request:.1f} ms of CPU a request, "
        f"{len(queries)} queries ({sql_ms:.1f} ms of SQL)"
    )
    if args.queries:
        for query in queries:
            print(f"  {float(query['time']) * 1000:6.1f} ms  {query['sql'][:300]}")
    slug = re.sub(r"[^a-z0-9]+", "-", args.path.lower()).strip("-") or "home"
    slug += "-post" if args.post_log else ""
    out = WORK / f"profile-{slug}.html"
    out.write_text(profiler.output_html())
    print(f"HTML profile: {out.relative_to(ROOT)}")


class LogFormFields(HTMLParser):
    """The log form's fields as a browser submits them untouched (no <select> left unchosen)."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in {"checkbox", "radio", "submit"}:
            self.fields.append((name, a.get("value") or ""))
        elif tag == "input" and name and "checked" in a:
            self.fields.append((name, a.get("value") or "on"))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value") or ""))
        elif tag == "textarea":
            self._textarea = name

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, ""))  # the log form's notes start empty
            self._textarea = None
        elif tag == "select":
            self._select = None


if __name__ == "__main__":
    main()
