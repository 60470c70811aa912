"""`make bench`: realistic data at scale, real load on the real server, and a budget for every page.

1. A fresh SQLite database with a year of demo routines: 100 athletes × 365 days, 4 coaches (one
   of them follows 60 athletes).
2. gunicorn as production runs it (gunicorn.conf.py, debug off, a random secret key, collected
   static files) on a free port of 127.0.0.1, as if behind a TLS-terminating load balancer.
3. locust, in this process, signs people in once each, then measures each page alone for a fixed
   time with the same number of people. The budget: every page serves at least a third of the
   requests per second of the baseline page (config/baseline.py) in the same run.
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
from loadgen import BenchError, Measurement, Site, measure, sign_in_all, user_class

ROOT = Path(__file__).resolve().parent.parent
APP_PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "results.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
PASSWORD = "groundwork-demo"  # noqa: S105 - the demo data's printed password
DATA = ["--athletes", "100", "--days", "365", "--coaches", "4", "--lead-coach-athletes", "60"]
LEAD_COACH = "demo-coach-01"
BUDGET = 1 / 3  # of the baseline's requests per second
GENERATOR_LIMIT = 0.9  # of one core: beyond it the load generator, not the server, is measured
RESERVED_PORTS = {8000, 8001}  # make run and friends


@dataclass(frozen=True)
class Page:
    label: str
    task: str  # the SiteUser method that requests it
    url_name: str
    coach: bool = False
    needs: tuple[str, ...] = ()
    shown: str = ""  # the path as the table shows it, when each request asks another one


PAGES = [
    Page("Baseline", "baseline", "bench_baseline"),
    Page("Drill list", "drill_list", "exercises:list"),
    Page("Log form (GET)", "log_form_page", "sessions:create"),
    Page("History", "history", "sessions:list"),
    Page(
        "Session detail",
        "session_detail",
        "sessions:list",
        needs=("sessions",),
        shown="/sessions/<id>/ (the 20 newest, in turn)",
    ),
    Page("Progress", "progress", "sessions:progress"),
    Page("Coach dashboard, 60 athletes", "coach_dashboard", "coaching:dashboard", coach=True),
    Page(
        "Coach: one athlete",
        "coach_athlete",
        "coaching:dashboard",
        coach=True,
        needs=("athletes",),
        shown="/coaching/athletes/<id>/ (25 athletes, in turn)",
    ),
    Page("CSV export, a year", "export", "sessions:export"),
    # Last: the routines it saves would otherwise change what the pages above read.
    Page("Save a routine (POST)", "save", "sessions:create", needs=("log_form",)),
    # Once more at the end: other work on the machine may have changed since the start.
    Page("Baseline, again", "baseline", "bench_baseline"),
]
# The mixed run: what a person reads (at random), and how often they read or save.
MIXED_READS = ("history", "session_detail", "log_form_page", "drill_list", "progress")
MIXED_WEIGHTS = {"read": 7, "save": 3}


@dataclass
class PageRow:
    page: Page
    path: str
    measurement: Measurement | None = None
    note: str = ""

    def verdict(self, baseline_rps: float) -> str:
        m = self.measurement
        if m is None:
            return "SKIP"
        if m.generator_cpu >= GENERATOR_LIMIT:
            return "INVALID"
        if m.errors() or sum(m.server_errors.values()):
            return "FAIL"
        if self.page.task == "baseline":
            return "PASS"
        return "PASS" if baseline_rps and m.rps() / baseline_rps >= BUDGET else "FAIL"


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
    rows: list[PageRow] = field(default_factory=list)
    mixed: list[MixedRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
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
def server(env: dict[str, str], log: ServerLog):
    """gunicorn with gunicorn.conf.py, as the image runs it, but bound to loopback only."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with log.path.open("w") as output:
        process = subprocess.Popen(
            [str(GUNICORN), "config.wsgi", "--bind", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
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
            yield Server(base, process.pid)
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


def run_pages(report: Report, site: Site, visitors: dict, args, server_cpu) -> None:
    people = [visitors[name] for name in athletes(args.users)]
    coach = [visitors[LEAD_COACH]]
    for page in PAGES:
        path = site.paths.get(page.url_name)
        row = PageRow(page, page.shown or path or "")
        report.rows.append(row)
        if path is None:
            row.note = f"`{page.url_name}` does not resolve yet: skipped"
            step(f"{page.label}: {row.note}")
            continue
        if args.only and page.task not in args.only and page.task != "baseline":
            row.note = "not asked for in this run"
            continue
        step(f"{page.label}: {args.users} people for {args.seconds:g} s")
        cls = user_class(site, coach if page.coach else people, {page.task: 1}, needs=page.needs)
        row.measurement = measure(
            cls, users=args.users, seconds=args.seconds, warmup=2, server_cpu=server_cpu
        )
        m = row.measurement
        step(
            f"  {m.rps():.1f} requests/s, p95 {m.percentile(95) or 0:.0f} ms, "
            f"{m.errors()} errors, server {m.server_ms_per_request() or 0:.1f} ms CPU a request, "
            f"load generator {m.generator_cpu:.0%} of a core"
        )
        for example in m.examples:
            step(f"  ! {example}")


def run_mixed(label: str, site: Site, visitors: dict, args, server_cpu) -> Measurement:
    reads = tuple(
        name for name in MIXED_READS if name != "progress" or site.paths.get("sessions:progress")
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
        f"  {m.rps():.1f} requests/s, p99 save {m.percentile(99, 'save routine') or 0:.0f} ms, "
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

    log = ServerLog(WORK / "server-pages.log")
    with server(env, log) as running:
        site = Site(running.base, json.loads(app(env, "bench/app.py", "paths", quiet=True)))
        people = sorted({*athletes(max(args.users, args.mixed_users)), LEAD_COACH})
        step(f"Signing in {len(people)} people, once each, through the sign-in form")
        visitors = sign_in_all(site, people, PASSWORD)
        run_pages(report, site, visitors, args, running.cpu_seconds)
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


def baseline_rps(report: Report) -> float:
    """The mean of the baseline's runs, at the start and at the end."""
    runs = [
        row.measurement.rps()
        for row in report.rows
        if row.page.task == "baseline" and row.measurement
    ]
    return sum(runs) / len(runs) if runs else 0.0


def baseline_drift(report: Report) -> float:
    runs = [
        row.measurement.rps()
        for row in report.rows
        if row.page.task == "baseline" and row.measurement
    ]
    return (max(runs) - min(runs)) / max(runs) if len(runs) > 1 and max(runs) else 0.0


def ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def tables(report: Report) -> str:
    base_rps = baseline_rps(report)
    settings = "; ".join(f"{k}: {v}" for k, v in report.settings.items())
    lines = [
        f"Run {report.started:%Y-%m-%d %H:%M} UTC, {report.seconds / 60:.1f} minutes.",
        "",
        f"- Machine: {report.machine}",
        f"- Commit: `{report.commit}`",
        f"- Data: {report.data or 'not seeded'}",
        f"- Load: {settings}. locust runs in one process (one core at most) on the same machine.",
        "",
        "### Each page alone",
        "",
        f"Budget: at least {BUDGET:.2f} × the baseline's requests/s (the mean of its two runs, "
        f"{base_rps:.1f}; they differ by {baseline_drift(report):.0%}). Times in milliseconds. "
        "Server CPU is all of gunicorn's processes; other load is what the rest of the machine "
        "used meanwhile.",
        "",
        "| Page | Path | Requests/s | p50 | p95 | p99 | Errors | × baseline "
        "| Server CPU ms/request | Load generator CPU | Other load | Result |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in report.rows:
        m = row.measurement
        verdict = row.verdict(base_rps)
        if m is None:
            lines.append(
                f"| {row.page.label} | `{row.path or row.page.url_name}` | — | — | — | — | — "
                f"| — | — | — | — | {verdict}: {row.note} |"
            )
            continue
        ratio = m.rps() / base_rps if base_rps else 0.0
        errors = m.errors() + sum(m.server_errors.values())
        lines.append(
            f"| {row.page.label} | `{row.path}` | {m.rps():.1f} | {ms(m.percentile(50))} "
            f"| {ms(m.percentile(95))} | {ms(m.percentile(99))} | {errors} | {ratio:.2f} "
            f"| {m.server_ms_per_request() or 0:.1f} | {m.generator_cpu:.0%} "
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
        reads = [name for name in m.times if name != "save routine"]
        lines.append(
            f"| {row.database} | {m.users} | {m.seconds:.0f} | {m.rps():.1f} "
            f"| {m.rps('save routine'):.1f} | {m.errors()} "
            f"| {sum(m.server_errors.values())} / {row.server_5xx} | {row.locked} "
            f"| {ms(m.percentile(99, 'save routine'))} | {ms(m.percentile(99, *reads))} "
            f"| {m.generator_cpu:.0%} | {m.other_cpu:.1f} cores | {row.verdict()} |"
        )
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
    base_rps = baseline_rps(report)
    return [row.verdict(base_rps) for row in report.rows] + [r.verdict() for r in report.mixed]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=12, help="people on each page (12)")
    parser.add_argument("--seconds", type=float, default=15, help="timed seconds per page (15)")
    parser.add_argument("--mixed-users", type=int, default=32)
    parser.add_argument("--mixed-seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 3)))
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get(
            "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/groundwork_bench"
        ),
    )
    parser.add_argument("--only", nargs="*", help="only these pages (SiteUser methods)")
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
