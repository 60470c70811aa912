"""`make bench`: realistic data at scale, real load on the real server, and a budget for every page.

1. A fresh SQLite database with a year of demo routines: 100 athletes × 365 days, 4 coaches (one
   of them follows 60 athletes).
2. gunicorn as production runs it (gunicorn.conf.py, debug off, a random secret key, collected
   static files) on a free port of 127.0.0.1, as if behind a TLS-terminating load balancer.
3. locust, in this process, signs people in once each, then measures each page alone for a fixed
   time with the same number of people: warm (the same page again and again) and cold (each
   view right after that person's own save, as an athlete meets it), then an athlete's flow
   (save, history, the new session, progress). The budget is server CPU a request, a multiple
   of the baseline page's (config/baseline.py) in the same run; the baseline is held to a
   multiple of a bare WSGI "hello" (bench/floor.py) under the same gunicorn.
4. A mixed run, 70 % reading and 30 % saving routines, on SQLite and again on PostgreSQL:
   no failed request, no 5xx, no "database is locked" in the server's log.

It writes the tables into bench/results.md (between its markers; notes around them stay) and
prints them. Exit status 0 once it has measured everything, whatever the verdicts (with
--strict, 1 when a row fails or is invalid); 2 when the benchmark itself could not run.
"""

from gevent import monkey

monkey.patch_all()  # before anything opens a socket: locust's people are greenlets

# ruff: noqa: E402
import argparse
import json
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import psutil
import requests
from loadgen import BenchError, Measurement, Site, Visitor, measure, sign_in_all, user_class

ROOT = Path(__file__).resolve().parent.parent
APP_PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "results.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
PASSWORD = "groundwork-demo"  # noqa: S105 - the demo data's printed password
DATA = ["--athletes", "100", "--days", "365", "--coaches", "4", "--lead-coach-athletes", "60"]
LEAD_COACH = "demo-coach-01"
FLOOR_BUDGET = 6  # the baseline's server CPU a request, at most × the floor's
GENERATOR_LIMIT = 0.9  # of one core: beyond it the load generator, not the server, is measured
RESERVED_PORTS = {8000, 8001}  # make run and friends


@dataclass(frozen=True)
class Page:
    label: str
    task: str  # the SiteUser method that requests it
    url_name: str
    budget: float | None  # the most server CPU a request, × the baseline's; None: reported only
    coach: bool = False
    needs: tuple[str, ...] = ()
    shown: str = ""  # the path as the table shows it, when each request asks another one
    cold: bool = False  # measured right after a save too (history, session, progress: the flow)


PAGES = [
    Page("Drill list", "drill_list", "exercises:list", 4, cold=True),
    Page("Log form (GET)", "log_form_page", "sessions:create", 4, cold=True),
    Page("History", "history", "sessions:list", 4),
    Page(
        "Session",
        "session_detail",
        "sessions:list",
        4,
        needs=("sessions",),
        shown="/sessions/<id>/ (the 20 newest, in turn)",
    ),
    Page("Progress", "progress", "insights:progress", 6),
    Page("Coach dashboard, 60 athletes", "coach_dashboard", "insights:dashboard", 6, coach=True),
    Page(
        "Coach: one athlete",
        "coach_athlete",
        "insights:dashboard",
        4,
        coach=True,
        needs=("athletes",),
        shown="/coaching/athletes/<id>/ (25 athletes, in turn)",
    ),
    # A download of the whole log: it streams every row, so it grows with the log by nature.
    # Reported, to see it does not get worse; not a page an athlete waits on before a run.
    Page("CSV export, a year", "export", "sessions:export", None, cold=True),
]
DASHBOARD = PAGES[5]
# The athlete flow: each person saves a routine, then opens the history, the new session and
# progress, over and over. Each step is a first view after that person's save.
FLOW = [
    ("save", "Save a routine (POST)", "sessions:create", 4),
    ("history", "History", "sessions:list", 4),
    ("session_detail", "The new session", "", 4),
    ("progress", "Progress", "insights:progress", 6),
]
# The mixed run: what a person reads (at random), and how often they read or save.
MIXED_READS = ("history", "session_detail", "log_form_page", "drill_list", "progress")
MIXED_WEIGHTS = {"read": 7, "save": 3}


@dataclass
class Row:
    label: str
    path: str
    kind: str  # floor, baseline, warm, cold, flow
    measurement: Measurement | None = None
    steps: tuple[str, ...] = ()  # the requests of the run this row shows; every one when empty
    budget: float | None = None  # server CPU a request, at most × the baseline's
    note: str = ""

    def cpu(self) -> float | None:
        return self.measurement.cpu_ms(*self.steps) if self.measurement else None

    def verdict(self, baseline_cpu: float, floor_cpu: float) -> str:
        m = self.measurement
        if m is None:
            return "SKIP"
        if self.kind == "floor":
            return "—"  # the reference: its CPU a request counts, whatever the load generator did
        if m.generator_cpu >= GENERATOR_LIMIT:
            return "INVALID"
        if m.errors(*self.steps) or sum(m.server_errors[s] for s in self.steps or m.times):
            return "FAIL"
        cpu = self.cpu() or 0.0
        if self.kind == "baseline":
            return "PASS" if floor_cpu and cpu <= FLOOR_BUDGET * floor_cpu else "FAIL"
        if self.budget is None:
            return "—"
        return "PASS" if baseline_cpu and cpu <= self.budget * baseline_cpu else "FAIL"


@dataclass
class MixedRow:
    database: str
    measurement: Measurement | None = None
    server_5xx: int = 0
    locked: int = 0
    note: str = ""

    def verdict(self) -> str:
        m = self.measurement
        if m is None:
            return "FAIL"
        if m.generator_cpu >= GENERATOR_LIMIT:
            return "INVALID"
        failed = m.errors() or sum(m.server_errors.values()) or self.server_5xx or self.locked
        return "FAIL" if failed else "PASS"


@dataclass
class Report:
    started: datetime
    commit: str
    machine: str
    settings: dict[str, str]
    data: str = ""
    rows: list[Row] = field(default_factory=list)
    mixed: list[MixedRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    middleware: str = ""
    seconds: float = 0.0


def step(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def git(*args: str) -> str:
    result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    return result.stdout.strip()


def commit_described() -> str:
    commit = git("rev-parse", "HEAD") or "unknown"
    # The results file is what this run rewrites; any other change means HEAD is not what ran.
    changed = git("status", "--porcelain", "--", ".", ":(exclude)bench/results.md")
    return commit + (" (with uncommitted changes)" if changed else "")


def machine_described() -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def app(env: dict[str, str], *args: str, quiet: bool = False) -> str:
    """Run the app's interpreter in the project: manage.py commands, bench/app.py."""
    result = subprocess.run(
        [str(APP_PYTHON), *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BenchError(f"{' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    if not quiet and result.stdout.strip():
        print(result.stdout.rstrip(), flush=True)
    return result.stdout


def server_environment(database_url: str, workers: int) -> dict[str, str]:
    """Production settings, on loopback, with nothing inherited that could change them."""
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "GUNICORN_", "EMAIL_", "GROUNDWORK_"))
        and key not in {"REDIS_URL", "PORT", "WEB_CONCURRENCY", "DEFAULT_FROM_EMAIL"}
    }
    return inherited | {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # As behind the production load balancer, which terminates TLS and says so in this
        # header: no redirect to HTTPS, HSTS and Secure cookies as in production.
        "DJANGO_SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
        "DATABASE_URL": database_url,
        "WEB_CONCURRENCY": str(workers),
        "GROUNDWORK_BENCHMARK": "1",
        "PYTHONUNBUFFERED": "1",  # each log line reaches the file as it is written
    }


def free_port() -> int:
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port not in RESERVED_PORTS:
            return port


@dataclass
class ServerLog:
    path: Path

    def text(self) -> str:
        return self.path.read_text(errors="replace") if self.path.exists() else ""

    def server_errors(self) -> int:
        """Requests answered 5xx, from the app's one line per request."""
        return len(re.findall(r"groundwork\.requests \S+ \S+ 5\d\d ", self.text()))

    def locked(self) -> int:
        return self.text().count("database is locked")

    def tail(self, lines: int = 30) -> str:
        return "\n".join(self.text().splitlines()[-lines:])


@dataclass
class Server:
    base: str
    pid: int
    cpu_log: Path  # each request's own CPU, by step (bench/gunicorn_bench.py)

    def cpu_seconds(self) -> float:
        """CPU used by gunicorn so far: the master, its live workers and the recycled ones."""
        try:
            master = psutil.Process(self.pid)
            total = sum(master.cpu_times()[:4])  # user, system, and of reaped children
            for worker in master.children():
                with suppress(psutil.NoSuchProcess):
                    total += sum(worker.cpu_times()[:2])
        except psutil.NoSuchProcess:
            return 0.0
        return total


@contextmanager
def server(env: dict[str, str], log: ServerLog, module: str = "config.wsgi"):
    """gunicorn with gunicorn.conf.py, as the image runs it, but bound to loopback only, and
    each request's CPU written down (bench/gunicorn_bench.py)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cpu_log = log.path.with_suffix(".cpu")
    cpu_log.write_text("")
    with log.path.open("w") as output:
        process = subprocess.Popen(
            [str(GUNICORN), "-c", "bench/gunicorn_bench.py", module, "--bind", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env | {"BENCH_CPU_LOG": str(cpu_log)},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                if process.poll() is not None:
                    raise BenchError(f"gunicorn stopped at start:\n{log.tail()}")
                try:
                    answer = requests.get(f"{base}/healthz", timeout=2)
                    if answer.status_code == 200:
                        break
                except requests.RequestException:
                    pass
                if time.monotonic() > deadline:
                    raise BenchError(f"gunicorn did not answer /healthz in 30 s:\n{log.tail()}")
                time.sleep(0.2)
            yield Server(base, process.pid, cpu_log)
        finally:
            process.terminate()  # graceful: workers finish their requests and flush their logs
            try:
                process.wait(timeout=35)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def prepare_database(env: dict[str, str]) -> str:
    """Migrate and add the drills as the image's entrypoint does, then the demo data."""
    subprocess.run(
        ["bin/entrypoint"],
        cwd=ROOT,
        env=env | {"PYTHON": str(APP_PYTHON)},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    output = app(env, "manage.py", "seed_demo", *DATA, quiet=True)
    created = next((line for line in output.splitlines() if line.startswith("Created")), "")
    print(created, flush=True)
    return created


def athletes(count: int) -> list[str]:
    return [f"demo-athlete-{i:03d}" for i in range(1, count + 1)]


def timed(running: Server, label: str, cls, users: int, seconds: float) -> Measurement:
    step(f"{label}: {users} people for {seconds:g} s")
    m = measure(cls, users=users, seconds=seconds, warmup=2, server_cpu=running.cpu_seconds)
    m.read_step_cpu(running.cpu_log.read_text())
    step(
        f"  {m.rps():.1f} requests/s, p95 {m.percentile(95) or 0:.0f} ms, {m.errors()} errors, "
        + ", ".join(f"{name} {m.cpu_ms(name) or 0:.1f}" for name in m.times)
        + f" ms server CPU a request, load generator {m.generator_cpu:.0%} of a core"
    )
    for example in m.examples:
        step(f"  ! {example}")
    return m


def run_floor(report: Report, env: dict[str, str], args) -> None:
    """A bare WSGI "hello" under the same gunicorn: what a request costs before Django."""
    with server(env, ServerLog(WORK / "server-floor.log"), "bench.floor:application") as running:
        cls = user_class(Site(running.base, {}), [Visitor("anyone", "")], {"floor": 1})
        m = timed(running, "Floor (bare WSGI)", cls, args.users, args.seconds)
        report.rows.append(Row("Floor: bare WSGI hello", "bench/floor.py", "floor", m))


def sessions_count(env: dict[str, str]) -> int:
    code = "from sessions.models import TrainingSession as T; print(T.objects.count())"
    return int(app(env, "manage.py", "shell", "-c", code, quiet=True).split()[-1])


def run_pages(report: Report, site: Site, visitors: dict, args, running: Server, env) -> None:
    people = [visitors[name] for name in athletes(args.users)]
    coach = visitors[LEAD_COACH]
    wanted = [p for p in PAGES if not args.only or p.task in args.only]

    def run(label: str, path: str, kind: str, cls, steps=(), budget=None) -> Measurement:
        m = timed(running, f"{label} ({kind})", cls, args.users, args.seconds)
        report.rows.append(Row(label, path, kind, m, steps, budget))
        return m

    def baseline(label: str) -> None:
        cls = user_class(site, people, {"baseline": 1})
        run(label, site.path("bench_baseline"), "baseline", cls, ("baseline",))

    def dashboard_cold(label: str) -> None:
        # Each of the coach's athletes saves a routine, then the coach opens the dashboard.
        cls = user_class(
            site, people, {"cold": 1}, needs=("log_form",), then=DASHBOARD.task, viewer=coach
        )
        path = site.path(DASHBOARD.url_name)
        run(label, path, "cold", cls, (DASHBOARD.task,), DASHBOARD.budget)

    baseline("Baseline")
    for page in wanted:
        path = site.paths.get(page.url_name)
        if path is None:
            step(f"{page.label}: `{page.url_name}` does not resolve, skipped")
            report.rows.append(Row(page.label, page.url_name, "warm", note="does not resolve"))
            continue
        cls = user_class(site, [coach] if page.coach else people, {page.task: 1}, needs=page.needs)
        run(page.label, page.shown or path, "warm", cls, (page.task,), page.budget)

    # Cold: each view right after that person's own save. Saves grow the data from here on.
    if DASHBOARD in wanted:
        dashboard_cold(f"{DASHBOARD.label}, on the bench data ({sessions_count(env)} routines)")
    for page in wanted:
        if page.cold:
            cls = user_class(site, people, {"cold": 1}, needs=("log_form",), then=page.task)
            path = site.path(page.url_name)
            run(page.label, page.shown or path, "cold", cls, (page.task,), page.budget)
    if not args.only or "flow" in args.only:
        cls = user_class(site, people, {"flow": 1}, needs=("log_form",))
        m = run("Athlete flow, every request", "save, history, the session, progress", "flow", cls)
        for task, label, url_name, budget in FLOW:
            path = site.path(url_name) if url_name else "/sessions/<the new one>/"
            report.rows.append(Row(f"Flow: {label}", path, "flow", m, (task,), budget))
    if DASHBOARD in wanted:
        grown = sessions_count(env)
        dashboard_cold(f"{DASHBOARD.label}, grown by the bench's saves ({grown} routines)")
    baseline("Baseline, again")


def run_mixed(label: str, site: Site, visitors: dict, args, server_cpu) -> Measurement:
    reads = tuple(
        name for name in MIXED_READS if name != "progress" or site.paths.get("insights:progress")
    )
    step(
        f"Mixed on {label}: {args.mixed_users} people, "
        f"{MIXED_WEIGHTS['read'] * 10} % reading and {MIXED_WEIGHTS['save'] * 10} % saving, "
        f"for {args.mixed_seconds:g} s"
    )
    cls = user_class(
        site,
        [visitors[name] for name in athletes(args.mixed_users)],
        MIXED_WEIGHTS,
        needs=("log_form", "sessions"),
        reads=reads,
    )
    m = measure(
        cls,
        users=args.mixed_users,
        seconds=args.mixed_seconds,
        warmup=2,
        server_cpu=server_cpu,
    )
    step(
        f"  {m.rps():.1f} requests/s, p99 save {m.percentile(99, 'save') or 0:.0f} ms, "
        f"{m.errors()} errors, load generator {m.generator_cpu:.0%} of a core"
    )
    for example in m.examples:
        step(f"  ! {example}")
    return m


def postgres_answers(env: dict[str, str], url: str) -> bool:
    code = (
        "import sys, psycopg\n"
        "from urllib.parse import urlsplit, urlunsplit\n"
        "url = urlsplit(sys.argv[1])._replace(path='/postgres')\n"
        "psycopg.connect(urlunsplit(url), connect_timeout=3).close()\n"
    )
    result = subprocess.run(
        [str(APP_PYTHON), "-c", code, url], env=env, capture_output=True, check=False
    )
    return result.returncode == 0


def ensure_postgres(env: dict[str, str], url: str) -> bool:
    """Start the machine's PostgreSQL cluster if it is down, as .ci/run does."""
    if postgres_answers(env, url):
        return True
    clusters = Path("/etc/postgresql")
    if not clusters.is_dir() or not shutil.which("pg_ctlcluster"):
        return False
    step(f"PostgreSQL does not answer at {url}; starting the local cluster")
    for version in sorted(p.name for p in clusters.iterdir()):
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"],
            check=False,
        )
    for _ in range(20):
        if postgres_answers(env, url):
            return True
        time.sleep(1)
    return False


def mixed_on(label: str, env: dict, args, report: Report, visitors: dict | None = None) -> None:
    row = MixedRow(label)
    report.mixed.append(row)
    log = ServerLog(WORK / f"server-mixed-{label.lower()}.log")
    with server(env, log) as running:
        site = Site(running.base, json.loads(app(env, "bench/app.py", "paths", quiet=True)))
        if visitors is None:
            step(f"Signing in {args.mixed_users} people on {label}")
            visitors = sign_in_all(site, athletes(args.mixed_users), PASSWORD)
        row.measurement = run_mixed(label, site, visitors, args, running.cpu_seconds)
    row.server_5xx, row.locked = log.server_errors(), log.locked()
    step(f"  server log: {row.server_5xx} answers 5xx, {row.locked} 'database is locked'")


def run(args) -> Report:
    started = time.monotonic()
    report = Report(
        started=datetime.now(UTC),
        commit=commit_described(),
        machine=machine_described(),
        settings={
            "workers": str(args.workers),
            "people per page": str(args.users),
            "seconds per page": f"{args.seconds:g}",
            "mixed": f"{args.mixed_users} people, {args.mixed_seconds:g} s",
        },
    )
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)

    sqlite = f"sqlite:///{WORK / 'bench.sqlite3'}"
    env = server_environment(sqlite, args.workers)
    step("Collecting static files, as the image build does")
    app(env, "manage.py", "collectstatic", "--noinput", quiet=True)
    step("A fresh SQLite database: " + " ".join(DATA))
    seeded_at = time.monotonic()
    report.data = prepare_database(env)
    report.notes.append(f"SQLite: migrated and seeded in {time.monotonic() - seeded_at:.0f} s.")

    run_floor(report, env, args)
    log = ServerLog(WORK / "server-pages.log")
    with server(env, log) as running:
        site = Site(running.base, json.loads(app(env, "bench/app.py", "paths", quiet=True)))
        people = sorted({*athletes(max(args.users, args.mixed_users)), LEAD_COACH})
        step(f"Signing in {len(people)} people, once each, through the sign-in form")
        visitors = sign_in_all(site, people, PASSWORD)
        run_pages(report, site, visitors, args, running, env)
    step("The middleware stack, in process: the baseline page without each middleware")
    report.middleware = app(env, "bench/profile.py", "--middleware", quiet=True).strip()
    if log.server_errors() or log.locked():
        report.notes.append(
            f"Page runs: the server logged {log.server_errors()} answers 5xx and "
            f"{log.locked()} 'database is locked'."
        )

    if not args.skip_mixed:
        # A server of its own, so its log holds this run alone; the sessions are in the database.
        mixed_on("SQLite", env, args, report, visitors)
        pg_env = server_environment(args.postgres_url, args.workers)
        if not ensure_postgres(pg_env, args.postgres_url):
            report.mixed.append(MixedRow("PostgreSQL", note=f"{args.postgres_url} did not answer"))
        else:
            step(f"A fresh PostgreSQL database, {args.postgres_url}: " + " ".join(DATA))
            app(pg_env, "bench/app.py", "createdb", args.postgres_url)
            try:
                seeded_at = time.monotonic()
                prepare_database(pg_env)
                report.notes.append(
                    f"PostgreSQL: migrated and seeded in {time.monotonic() - seeded_at:.0f} s."
                )
                mixed_on("PostgreSQL", pg_env, args, report)
                report.notes.append(
                    "PostgreSQL runs on the same machine: its own processes are part of that "
                    "row's other load."
                )
            finally:
                app(pg_env, "bench/app.py", "dropdb", args.postgres_url)
                step("Dropped the PostgreSQL bench database")
    report.seconds = time.monotonic() - started
    return report


def reference(report: Report, kind: str, what) -> float:
    """The mean over the rows of one kind (the baseline runs at the start and at the end)."""
    values = [what(row) for row in report.rows if row.kind == kind and row.measurement]
    values = [value for value in values if value]
    return sum(values) / len(values) if values else 0.0


def ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def tables(report: Report) -> str:
    base_cpu = reference(report, "baseline", Row.cpu)
    floor_cpu = reference(report, "floor", Row.cpu)
    base_rps = reference(report, "baseline", lambda row: row.measurement.rps())
    runs = [row.cpu() for row in report.rows if row.kind == "baseline" and row.cpu()]
    drift = (max(runs) - min(runs)) / max(runs) if len(runs) > 1 else 0.0
    settings = "; ".join(f"{k}: {v}" for k, v in report.settings.items())
    lines = [
        f"Run {report.started:%Y-%m-%d %H:%M} UTC, {report.seconds / 60:.1f} minutes.",
        "",
        f"- Machine: {report.machine}",
        f"- Commit: `{report.commit}`",
        f"- Data: {report.data or 'not seeded'}",
        f"- Load: {settings}. locust runs in one process (one core at most) on the same machine.",
        "",
        "### Each page, warm and cold, and the athlete flow",
        "",
        f"Budget: server CPU a request at most the given multiple of the baseline's (the mean of "
        f"its two runs, {base_cpu:.1f} ms; they differ by {drift:.0%}); the baseline at most "
        f"{FLOOR_BUDGET}× the floor's. Warm: the same page again and again; cold: each view right "
        "after that person's own save (a coach's: after one of their athletes' saves); flow: "
        "each person saves, opens the history, the new session, then progress. Server CPU is all "
        "of gunicorn's processes, shared out by what each request cost its worker; requests/s "
        "are the row's own requests (a cold row's saves are not counted). Times in milliseconds.",
        "",
        "| Page | Path | Run | Requests/s | × baseline | p50 | p95 | Errors "
        "| Server CPU ms/request | × baseline | Budget | Load generator CPU | Other load "
        "| Result |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|",
    ]
    for row in report.rows:
        m = row.measurement
        verdict = row.verdict(base_cpu, floor_cpu)
        if m is None:
            lines.append(
                f"| {row.label} | `{row.path}` | {row.kind} | — | — | — | — | — | — | — | — "
                f"| — | — | {verdict}: {row.note} |"
            )
            continue
        cpu, rps = row.cpu() or 0.0, m.rps(*row.steps)
        errors = m.errors(*row.steps) + sum(m.server_errors[s] for s in row.steps or m.times)
        if row.kind == "baseline":
            budget = f"≤ {FLOOR_BUDGET}× floor: {cpu / floor_cpu:.1f}×" if floor_cpu else "—"
        else:
            budget = f"≤ {row.budget:g}×" if row.budget else "—"
        lines.append(
            f"| {row.label} | `{row.path}` | {row.kind} | {rps:.1f} "
            f"| {rps / base_rps if base_rps else 0:.2f} | {ms(m.percentile(50, *row.steps))} "
            f"| {ms(m.percentile(95, *row.steps))} | {errors} | {cpu:.1f} "
            f"| {cpu / base_cpu if base_cpu else 0:.2f} | {budget} | {m.generator_cpu:.0%} "
            f"| {m.other_cpu:.1f} cores | {verdict} |"
        )
    lines += [
        "",
        "### Mixed: 70 % reading, 30 % saving routines",
        "",
        "Must have no failed request, no 5xx, and no 'database is locked' in the server's log.",
        "",
        "| Database | People | Seconds | Requests/s | Saves/s | Failed | 5xx (client / log) "
        "| 'database is locked' | p99 save | p99 read | Load generator CPU | Other load "
        "| Result |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in report.mixed:
        m = row.measurement
        if m is None:
            lines.append(
                f"| {row.database} | — | — | — | — | — | — | — | — | — | — | — "
                f"| {row.verdict()}: {row.note} |"
            )
            continue
        reads = [name for name in m.times if name != "save"]
        lines.append(
            f"| {row.database} | {m.users} | {m.seconds:.0f} | {m.rps():.1f} "
            f"| {m.rps('save'):.1f} | {m.errors()} "
            f"| {sum(m.server_errors.values())} / {row.server_5xx} | {row.locked} "
            f"| {ms(m.percentile(99, 'save'))} | {ms(m.percentile(99, *reads))} "
            f"| {m.generator_cpu:.0%} | {m.other_cpu:.1f} cores | {row.verdict()} |"
        )
    if report.middleware:
        lines += [
            "",
            "### The middleware stack",
            "",
            "The baseline page in process (`make bench-profile PROFILE_ARGS=--middleware`, no "
            "gunicorn, no socket), CPU a request with each middleware taken out; its cost is the "
            "difference.",
            "",
            report.middleware,
        ]
    if report.notes:
        lines += ["", *[f"- {note}" for note in report.notes]]
    return "\n".join(lines)


def write_results(text: str) -> None:
    """Replace what lies between the markers; anything written around them stays."""
    block = f"{BEGIN}\n{text}\n{END}"
    if RESULTS.exists() and BEGIN in (current := RESULTS.read_text()) and END in current:
        head, rest = current.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        RESULTS.write_text(head + block + tail)
    else:
        RESULTS.write_text(f"# Benchmark results\n\nWritten by `make bench`.\n\n{block}\n")


def verdicts(report: Report) -> list[str]:
    base_cpu = reference(report, "baseline", Row.cpu)
    floor_cpu = reference(report, "floor", Row.cpu)
    return [row.verdict(base_cpu, floor_cpu) for row in report.rows] + [
        row.verdict() for row in report.mixed
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=12, help="people on each page (12)")
    parser.add_argument("--seconds", type=float, default=10, help="timed seconds per run (10)")
    parser.add_argument("--mixed-users", type=int, default=32)
    parser.add_argument("--mixed-seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 3)))
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get(
            "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/groundwork_bench"
        ),
    )
    parser.add_argument("--only", nargs="*", help="only these pages (SiteUser methods) and `flow`")
    parser.add_argument("--skip-mixed", action="store_true", help="only the page runs")
    parser.add_argument(
        "--no-write", action="store_true", help="print the tables; leave bench/results.md be"
    )
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a row fails or is invalid"
    )
    args = parser.parse_args()
    try:
        report = run(args)
    except BenchError as error:
        print(f"\nThe benchmark could not run: {error}", file=sys.stderr)
        return 2
    text = tables(report)
    if not args.no_write:
        write_results(text)
    print("\n" + text + "\n")
    results = verdicts(report)
    failed = [v for v in results if v in {"FAIL", "INVALID"}]
    print(
        f"{results.count('PASS')} PASS, {len(failed)} FAIL or INVALID, {results.count('SKIP')} "
        f"SKIP. Server logs: {WORK.relative_to(ROOT)}/."
    )
    return 1 if failed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
