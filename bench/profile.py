"""Profile one page with pyinstrument, in process, on the database `make bench` left behind.

    make bench-profile PROFILE_ARGS="/sessions/log/ --as demo-athlete-001"
    make bench-profile PROFILE_ARGS="/coaching/ --as demo-coach-01 --requests 50"
    make bench-profile PROFILE_ARGS="/sessions/log/ --post-log"   # saving a routine
    make bench-profile PROFILE_ARGS="/sessions/progress/ --cold"  # right after the athlete's save
    make bench-profile PROFILE_ARGS="--middleware"  # the baseline page without each middleware

With --instructions it counts what the requests execute instead, a figure the machine's load
does not move (a timed run here differs by up to a fifth from one minute to the next):

    valgrind --tool=callgrind --callgrind-out-file=/dev/null --collect-atstart=no \
        --toggle-collect=starmap_next .venv/bin/python bench/profile.py /sessions/ \
        --instructions --requests 10
    # "Collected : N" on stderr: N / 10 instructions a request

Runs with the app's interpreter and production settings (debug off), through every middleware,
signed in as the given user. Prints the time per request, the queries of one request and the
profile; writes the HTML profile beside the server logs, in bench/work/.
"""

from __future__ import annotations

import argparse
import itertools
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
UUID_SLOT = "00000000-0000-4000-8000-000000000000"  # in the body encoded once; each save its own


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", default="/bench/baseline/", help="e.g. /sessions/")
    parser.add_argument("--as", dest="username", default="demo-athlete-001")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--queries", action="store_true", help="print each query's SQL too")
    parser.add_argument("--show-all", action="store_true", help="every frame, Django's too")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="save a routine as the user before each request, untimed: a first view after it",
    )
    parser.add_argument(
        "--middleware",
        action="store_true",
        help="time PATH with each middleware taken out, and print a table of what each costs",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count what the requests execute, under valgrind (see the module's docstring)",
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
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    user = get_user_model().objects.get(username=args.username)
    if args.middleware:
        middleware_costs(user, args.path, args.requests * 5)
        return
    from pyinstrument import Profiler

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)

    def get(path=args.path):
        response = client.get(path, secure=True)
        if response.status_code != 200:
            raise SystemExit(f"{args.path} answered {response.status_code}.")
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
        return response

    def save(body: str):
        # As bench/loadgen.py saves: the form as served, with a new submission token each time.
        # The body is encoded once (see below): only the request is the server's work.
        path = reverse("sessions:create")
        body = body.replace(UUID_SLOT, str(uuid.uuid4()))
        response = client.post(path, body, FORM_URLENCODED, secure=True)
        if response.status_code != 302:
            raise SystemExit(f"Saving at {path} answered {response.status_code}.")
        # The redirect is not followed, so "Routine logged" would pile up in the messages
        # cookie from save to save; the benchmark's people send only their own cookies.
        client.cookies.pop("messages", None)

    before = lambda: None  # noqa: E731 - what comes, untimed, before each request
    if args.post_log or args.cold:
        served = LogFormFields()
        served.feed(get(reverse("sessions:create")).content.decode())
        fields: dict[str, list[str]] = {}
        for name, value in served.fields:
            fields.setdefault(name, []).append(value)
        # Nothing rated, so "no pain anywhere" answers the form's question, as loadgen's save.
        fields |= {"session-submission_token": [UUID_SLOT], "no_pain": ["1"]}
        body = urlencode(fields, doseq=True)
        if args.post_log:
            get = partial(save, body)  # the request under test
        else:
            before = partial(save, body)

    for _ in range(3):  # templates compiled, as in a worker that has served a while
        before()
        get()
    if args.instructions:
        # Each request runs inside itertools.starmap's C function, which nothing else here
        # calls: callgrind's --toggle-collect=starmap_next counts it, and only it.
        for _ in range(args.requests):
            before()
            list(itertools.starmap(get, [()]))
        print(f"{args.requests} requests of {args.path} as {args.username}: divide the count")
        return
    before()
    with CaptureQueriesContext(connection) as capture:
        get()
    queries = capture.captured_queries  # now: each request's start empties the query log
    # CPU time, not wall time: on a shared machine it is what the page itself costs.
    spent = 0.0
    for _ in range(args.requests):
        before()
        started = time.process_time()
        get()
        spent += time.process_time() - started
    per_request = spent / args.requests * 1000
    sql_ms = sum(float(q["time"]) for q in queries) * 1000

    profiler = Profiler(interval=0.0005)
    for _ in range(args.requests):
        before()
        profiler.start()
        get()
        profiler.stop()
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


def middleware_costs(user, path: str, requests: int) -> None:
    """CPU a request of `path` with the whole stack, then with each middleware taken out (with
    those that need it: no user without the session), then with a connection opened for each
    request (CONN_MAX_AGE=0, as SQLite was run before); a markdown table of the differences."""
    from django.conf import settings
    from django.db import close_old_connections, connection
    from django.test import Client, override_settings

    stack = list(settings.MIDDLEWARE)
    needs_session = {
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.auth.middleware.LoginRequiredMiddleware",
        "accounts.middleware.UserTimezoneMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
    }

    def get(client) -> int:
        status = client.get(path, secure=True).status_code
        close_old_connections()  # as each request's end does in a server; the test client won't
        return status

    def cost(middleware: list[str]) -> tuple[float, int]:
        with override_settings(MIDDLEWARE=middleware):
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(user)
            for _ in range(10):
                status = get(client)
            started = time.process_time()
            for _ in range(requests):
                get(client)
        return (time.process_time() - started) / requests * 1000, status

    def compare(middleware: list[str]) -> tuple[float, float, int]:
        """The whole stack and this one, in turn, the best of three each: on a shared machine
        the load changes from one second to the next."""
        full = without = float("inf")
        for _ in range(3):
            full = min(full, cost(stack)[0])
            spent, status = cost(middleware)
            without = min(without, spent)
        return full, without, status

    rows = []
    for name in stack:
        out = {name}
        if name == "django.contrib.sessions.middleware.SessionMiddleware":
            out |= needs_session
        if name == "django.contrib.auth.middleware.AuthenticationMiddleware":
            out.add("django.contrib.auth.middleware.LoginRequiredMiddleware")
        full, spent, status = compare([m for m in stack if m not in out])
        label = f"`{name.rsplit('.', 1)[-1]}`"
        if len(out) > 1:
            others = ", ".join(sorted(m.rsplit(".", 1)[-1] for m in out - {name}))
            label += f" (with {others}, which need it)"
        rows.append(f"| {label} | {full:.2f} | {spent:.2f} | {full - spent:+.2f} | {status} |")
    full = min(cost(stack)[0] for _ in range(3))
    connection.settings_dict["CONN_MAX_AGE"] = 0
    connection.close()  # the next connection closes at the end of each request
    reopened = min(cost(stack)[0] for _ in range(3))
    print(f"`{path}` as {user.username}: {requests} requests a batch, the best of three.\n")
    print("| Without | Whole stack, ms | Without it, ms | It costs, ms | Status |")
    print("|---|---:|---:|---:|---:|")
    print("\n".join(rows))
    print(
        f"\nA new database connection each request (`CONN_MAX_AGE=0`, as SQLite ran before): "
        f"{reopened:.2f} ms instead of {full:.2f}, {reopened - full:+.2f} ms. The request log "
        "writes no line in process (warnings only), so its row leaves out the writing."
    )


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
            self.fields.append((name, a["value"] if a.get("value") is not None else "on"))
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
