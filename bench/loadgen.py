"""The load: signed-in people driven by locust in library mode, and what one timed run measured.

Each simulated person signs in once, through the real sign-in form, before any run; every run
reuses those sessions. Each request is named after the SiteUser method that makes it, and says
so in an X-Bench-Step header, so the server can tell what each step cost (bench/gunicorn_bench.py).
The server believes it sits behind a TLS-terminating load balancer
(X-Forwarded-Proto: https, as in production), so its cookies are Secure: no client sends those
over http://, so each person carries its own session and CSRF cookies in a Cookie header.
"""

from __future__ import annotations

import itertools
import os
import random
import re
import resource
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode

import gevent
import requests
from gevent.pool import Pool
from locust import FastHttpUser, constant
from locust.env import Environment

SIGN_IN_TIMEOUT = 60  # seconds; PBKDF2 is slow on purpose
READY_TIMEOUT = 60  # seconds for every simulated person to load what it needs before a run


class BenchError(RuntimeError):
    """The benchmark could not measure what it set out to measure."""


@dataclass(frozen=True)
class Site:
    base: str  # http://127.0.0.1:PORT, where gunicorn listens
    paths: dict[str, str | None]  # URL name → path, reversed by the app itself

    @property
    def host(self) -> str:
        return self.base.removeprefix("http://")

    def path(self, name: str) -> str:
        found = self.paths.get(name)
        if found is None:
            raise BenchError(f"The URL {name!r} does not resolve.")
        return found

    def headers(self, cookie: str = "", **extra: str) -> dict[str, str]:
        """What the load balancer would pass on: the request arrived over HTTPS."""
        headers = {"X-Forwarded-Proto": "https", "User-Agent": "groundwork-bench"} | extra
        if cookie:
            headers["Cookie"] = cookie
        return headers

    def unsafe_headers(self, cookie: str, referer_path: str) -> dict[str, str]:
        """A browser's POST: Django checks the Origin of an HTTPS request against the host."""
        origin = f"https://{self.host}"
        return self.headers(
            cookie,
            Origin=origin,
            Referer=origin + referer_path,
            **{"Content-Type": "application/x-www-form-urlencoded"},
        )


@dataclass(frozen=True)
class Visitor:
    username: str
    cookie: str  # "sessionid=…; csrftoken=…"


def sign_in(site: Site, username: str, password: str) -> Visitor:
    """Through the sign-in form, as a person does, once; django-axes sees one success."""
    login = site.path("accounts:login")
    form = requests.get(
        site.base + login, headers=site.headers(), allow_redirects=False, timeout=SIGN_IN_TIMEOUT
    )
    csrf = form.cookies.get("csrftoken")
    fields = dict(form_fields(form.text, containing="password"))
    if form.status_code != 200 or not csrf or "csrfmiddlewaretoken" not in fields:
        raise BenchError(f"{username}: the sign-in page answered {form.status_code}.")
    fields |= {"username": username, "password": password}
    answer = requests.post(
        site.base + login,
        data=fields,
        headers=site.unsafe_headers(f"csrftoken={csrf}", login),
        allow_redirects=False,
        timeout=SIGN_IN_TIMEOUT,
    )
    session = answer.cookies.get("sessionid")
    if answer.status_code != 302 or not session:
        raise BenchError(f"{username}: sign-in answered {answer.status_code}, not a redirect.")
    csrf = answer.cookies.get("csrftoken", csrf)  # rotated at sign-in
    return Visitor(username, f"sessionid={session}; csrftoken={csrf}")


def sign_in_all(site: Site, usernames: list[str], password: str) -> dict[str, Visitor]:
    pool = Pool(4)  # about the server's workers: PBKDF2 is the slow part, on purpose
    visitors = pool.map(lambda username: sign_in(site, username, password), usernames)
    return {visitor.username: visitor for visitor in visitors}


class _Forms(HTMLParser):
    """Each form's fields as a browser submits them untouched: checked boxes, selected options."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self._inside = False
        self._select: dict | None = None
        self._textarea: list | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self.forms.append([])
            self._inside = True
            return
        name = a.get("name")
        if not self._inside or "disabled" in a:
            return
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    value = a.get("value")  # value="" is sent as "", as a browser does
                    self.forms[-1].append((name, "on" if value is None else value))
                return
            self.forms[-1].append((name, a.get("value") or ""))
        elif tag == "select" and name:
            self._select = {"name": name, "first": None, "selected": None}
        elif tag == "option" and self._select is not None:
            value = a.get("value") or ""
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in a:
                self._select["selected"] = value
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._inside = False
        elif tag == "select" and self._select is not None:
            chosen = self._select["selected"]
            if chosen is None:
                chosen = self._select["first"] or ""
            self.forms[-1].append((self._select["name"], chosen))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.forms[-1].append((self._textarea[0], self._textarea[1].removeprefix("\n")))
            self._textarea = None


def form_fields(html: str, *, containing: str) -> list[tuple[str, str]]:
    """The fields of the first form on the page with a field named `containing`."""
    parser = _Forms()
    parser.feed(html)
    for fields in parser.forms:
        if any(name == containing for name, _ in fields):
            return fields
    raise BenchError(f"No form with a field {containing!r} on the page.")


class SiteUser(FastHttpUser):
    """One signed-in person. Each page is one method, one request; a run picks the methods."""

    abstract = True
    wait_time = constant(0)  # closed loop: the next request as soon as the last one answered
    network_timeout = 30.0
    connection_timeout = 10.0
    # Set by user_class() for each run.
    site: Site
    visitors: Iterator[Visitor]
    needs: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()
    then: str = ""  # what `cold` reads after each save
    viewer: Visitor | None = None  # whose pages the coach views are: the coach, for athletes
    ready: list
    problems: list

    def on_start(self) -> None:
        try:
            # The Secure cookies travel in our own Cookie header (see the module's docstring).
            self.client.client.cookiejar = None
            self.visitor = next(self.visitors)
            for need in self.needs:
                getattr(self, f"_load_{need}")()
            self.ready.append(self)
        except Exception as error:
            self.problems.append(f"{type(error).__name__}: {error}")
            raise

    def fetch(
        self,
        name: str,
        path: str,
        *,
        expect: int = 200,
        location: str = "",
        check: Callable[[str], str] | None = None,
        **kwargs,
    ):
        """One request; a failure unless it answers `expect`, redirects to `location` and the
        body passes `check` (which returns what is wrong, or "")."""
        method = kwargs.pop("method", "GET")
        headers = kwargs.pop("headers", None) or self.site.headers(self.visitor.cookie)
        headers = headers | {"X-Bench-Step": name}
        with self.client.request(
            method,
            path,
            name=name,
            headers=headers,
            allow_redirects=False,
            catch_response=True,
            **kwargs,
        ) as response:
            where = (response.headers or {}).get("location", "")
            if response.status_code != expect:
                response.failure(f"{response.status_code}, not {expect}, from {path} {where}")
            elif location and not re.fullmatch(location, where):
                response.failure(f"redirected to {where!r}, not {location!r}")
            elif check is not None and (wrong := check(response.text or "")):
                response.failure(wrong)
            else:
                response.success()
            return response

    # What some pages need first, loaded as each person starts, before the clock runs.
    def _load_log_form(self) -> None:
        page = self.fetch("prepare", self.site.path("sessions:create"))
        self.log_form = form_fields(page.text, containing="session-submission_token")

    def _load_sessions(self) -> None:
        page = self.fetch("prepare", self.site.path("sessions:list"))
        found = sorted(set(re.findall(r'href="(/sessions/\d+/)"', page.text)))
        if not found:
            raise BenchError(f"{self.visitor.username} has no session in their history.")
        self.session_paths = itertools.cycle(random.sample(found, len(found)))

    def _load_athletes(self) -> None:
        page = self.fetch("prepare", self.site.path("insights:dashboard"))
        found = sorted(set(re.findall(r'href="(/coaching/athletes/\d+/)"', page.text)))
        if not found:
            raise BenchError(f"{self.visitor.username} coaches nobody.")
        self.athlete_paths = itertools.cycle(random.sample(found, len(found)))

    # The pages: each request is named after its method.
    def floor(self) -> None:
        self.fetch("floor", "/")

    def baseline(self) -> None:
        self.fetch("baseline", self.site.path("bench_baseline"))

    def drill_list(self) -> None:
        self.fetch("drill_list", self.site.path("exercises:list"))

    def log_form_page(self) -> None:
        self.fetch("log_form_page", self.site.path("sessions:create"))

    def save(self) -> str:
        """A new routine: the log form's fields as served, with a fresh submission token."""
        data = [
            (name, str(uuid.uuid4()) if name == "session-submission_token" else value)
            for name, value in self.log_form
        ]
        # Nothing rated, so the form would ask whether anything hurt: answered in the same
        # tap, "no pain anywhere", which rates every drill 0.
        data.append(("no_pain", "1"))
        path = self.site.path("sessions:create")
        response = self.fetch(
            "save",
            path,
            method="POST",
            data=urlencode(data),
            headers=self.site.unsafe_headers(self.visitor.cookie, path),
            expect=302,
            location=r"/sessions/\d+/",
        )
        return (response.headers or {}).get("location", "")

    def history(self) -> None:
        self.fetch("history", self.site.path("sessions:list"))

    def session_detail(self, path: str = "") -> None:
        self.fetch("session_detail", path or next(self.session_paths))

    def progress(self) -> None:
        self.fetch("progress", self.site.path("insights:progress"))

    def coach_dashboard(self) -> None:
        viewer = self.viewer or self.visitor
        path = self.site.path("insights:dashboard")
        self.fetch("coach_dashboard", path, headers=self.site.headers(viewer.cookie))

    def coach_athlete(self) -> None:
        self.fetch("coach_athlete", next(self.athlete_paths))

    def export(self) -> None:
        def a_year(body: str) -> str:
            rows = body.count("\n") - 1
            return "" if rows >= 1000 else f"{rows} rows: not a year of routines"

        self.fetch("export", self.site.path("sessions:export"), check=a_year)

    def cold(self) -> None:
        """A first view, as an athlete meets it: right after their own save (or their athlete's,
        for a coach's page)."""
        self.save()
        getattr(self, self.then)()

    def flow(self) -> None:
        """An athlete's evening: save a routine, open the history, the new session, progress."""
        new_session = self.save()
        self.history()
        self.session_detail(new_session)
        self.progress()

    def read(self) -> None:
        """One of the pages a person reads, at random."""
        getattr(self, random.choice(self.reads))()


def user_class(
    site: Site,
    visitors: list[Visitor],
    tasks: dict[str, int],
    *,
    needs: tuple[str, ...] = (),
    reads: tuple[str, ...] = (),
    then: str = "",
    viewer: Visitor | None = None,
) -> type[SiteUser]:
    """A SiteUser for one run: these tasks at these weights, people in turn from `visitors`."""
    return type(
        "RunUser",
        (SiteUser,),
        {
            "abstract": False,
            "tasks": {getattr(SiteUser, name): weight for name, weight in tasks.items()},
            "site": site,
            "visitors": itertools.cycle(visitors),
            "needs": needs,
            "reads": reads,
            "then": then,
            "viewer": viewer,
            "ready": [],
            "problems": [],
        },
    )


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _machine_busy_seconds() -> float:
    """CPU seconds all of this machine's cores have spent busy since boot (Linux)."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(value) for value in stat.readline().split()[1:]]
    except OSError:
        return 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle and waiting for I/O
    busy = sum(fields[:8]) - idle  # guest time is already counted in user time
    return busy / os.sysconf("SC_CLK_TCK")


@dataclass
class Measurement:
    """What one timed run saw, request by request, and what it cost the load generator."""

    users: int
    seconds: float = 0.0
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    failures: Counter = field(default_factory=Counter)
    server_errors: Counter = field(default_factory=Counter)  # 5xx answers
    examples: list[str] = field(default_factory=list)
    generator_cpu: float = 0.0  # share of one core the load generator used
    server_cpu: float = 0.0  # cores the server used, all its processes together
    other_cpu: float = 0.0  # cores anything else on the machine used meanwhile
    window: tuple[float, float] = (0.0, 0.0)  # wall-clock time the run was recorded
    step_cpu: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    recording: bool = False

    def on_request(self, name, response_time, response=None, exception=None, **_) -> None:
        if not self.recording or name == "prepare":
            return
        self.times[name].append(response_time)
        status = getattr(response, "status_code", 0) or 0
        if status >= 500:
            self.server_errors[name] += 1
        if exception is not None:
            self.failures[name] += 1
            if len(self.examples) < 5:
                self.examples.append(f"{name}: {exception}")

    def on_user_error(self, exception, **_) -> None:
        if self.recording:
            self.failures["(load script)"] += 1
            if len(self.examples) < 5:
                self.examples.append(f"load script: {type(exception).__name__}: {exception}")

    def count(self, *names: str) -> int:
        return sum(len(self.times[name]) for name in names or list(self.times))

    def errors(self, *names: str) -> int:
        return sum(self.failures[name] for name in names or list(self.failures))

    def rps(self, *names: str) -> float:
        return self.count(*names) / self.seconds if self.seconds else 0.0

    def server_ms_per_request(self) -> float | None:
        """The server's CPU time for one request, all its work included (gunicorn, logging)."""
        count = self.count()
        return self.server_cpu * self.seconds / count * 1000 if count else None

    def read_step_cpu(self, log: str) -> None:
        """Each request's own CPU, as the worker measured it (bench/gunicorn_bench.py)."""
        start, end = self.window
        for line in log.splitlines():
            when, step, cpu = line.split()
            if start <= float(when) <= end:
                self.step_cpu[step].append(float(cpu))

    def cpu_ms(self, *names: str) -> float | None:
        """Server CPU for one request of these steps: what the worker measured around each, plus
        an equal share of what gunicorn spent outside requests (the master, reading requests,
        recycling workers), so that over every step it is the total CPU over the requests."""
        total = self.server_ms_per_request()
        measured = [cpu for values in self.step_cpu.values() for cpu in values]
        if total is None or not measured:
            return total
        own = [cpu for name in names or list(self.step_cpu) for cpu in self.step_cpu[name]]
        if not own:
            return None
        return sum(own) / len(own) + total - sum(measured) / len(measured)

    def percentile(self, p: float, *names: str) -> float | None:
        """Nearest-rank percentile of the response times, in milliseconds."""
        values = sorted(t for name in names or list(self.times) for t in self.times[name])
        if not values:
            return None
        rank = max(1, round(p / 100 * len(values) + 0.4999))
        return values[min(rank, len(values)) - 1]


def measure(
    cls: type[SiteUser],
    *,
    users: int,
    seconds: float,
    warmup: float,
    server_cpu: Callable[[], float] = lambda: 0.0,
) -> Measurement:
    """Start `users` people at once, let them load what they need and warm up, then time a run.

    `server_cpu` gives the CPU seconds the server has used so far.
    """
    env = Environment(user_classes=[cls], host=cls.site.base, catch_exceptions=True)
    measurement = Measurement(users=users)
    env.events.request.add_listener(measurement.on_request)
    env.events.user_error.add_listener(measurement.on_user_error)
    runner = env.create_local_runner()
    try:
        runner.start(users, spawn_rate=users)
        deadline = time.monotonic() + READY_TIMEOUT
        while len(cls.ready) < users:
            if cls.problems:
                raise BenchError(f"A simulated person could not start: {cls.problems[0]}")
            if time.monotonic() > deadline:
                raise BenchError(f"Only {len(cls.ready)} of {users} people started in time.")
            gevent.sleep(0.05)
        gevent.sleep(warmup)
        measurement.recording = True
        cpu, server, busy = _cpu_seconds(), server_cpu(), _machine_busy_seconds()
        started, wall = time.perf_counter(), time.time()
        gevent.sleep(seconds)
        measurement.recording = False
        measurement.seconds = time.perf_counter() - started
        measurement.window = (wall, wall + measurement.seconds)
        measurement.generator_cpu = (_cpu_seconds() - cpu) / measurement.seconds
        measurement.server_cpu = (server_cpu() - server) / measurement.seconds
        machine = (_machine_busy_seconds() - busy) / measurement.seconds
        measurement.other_cpu = max(
            0.0, machine - measurement.server_cpu - measurement.generator_cpu
        )
    finally:
        runner.quit()
    return measurement
