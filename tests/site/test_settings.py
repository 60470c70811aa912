from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_with(args: list[str], **env: str) -> subprocess.CompletedProcess:
    """Run a command in the project as a fresh process sees it: only the environment given."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        args,
        cwd=ROOT,
        env=clean | {"DJANGO_SETTINGS_MODULE": "config.settings"} | env,
        capture_output=True,
        text=True,
        check=False,
    )


def load_settings(**env: str) -> subprocess.CompletedProcess:
    code = "from django.conf import settings; print(settings.DEBUG)"
    return run_with([sys.executable, "-c", code], **env)


def read_settings(*names: str, **env: str) -> dict:
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}, default=str))"
    )
    result = run_with([sys.executable, "-c", code], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def production(**env: str) -> dict[str, str]:
    """The environment of a real deployment: a long random key, the site's name, an SMTP host.

    The database is SQLite in memory: some model checks ask the database for its features.
    """
    return {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "groundwork.example.com",
        "EMAIL_HOST": "smtp.example.com",
        "DATABASE_URL": "sqlite:///:memory:",
    } | env


def test_production_refuses_to_start_without_a_secret_key():
    result = load_settings()
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_a_placeholder_secret_key():
    result = load_settings(DJANGO_SECRET_KEY="change-me")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is missing or is a placeholder" in result.stderr


def test_debug_is_off_unless_asked_for():
    result = load_settings(DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_local_development_starts_without_a_key():
    result = load_settings(DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_a_malformed_boolean_is_an_error_not_a_guess():
    result = load_settings(DJANGO_DEBUG="maybe")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr


HARDENING = (
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "SECURE_PROXY_SSL_HEADER",
)


def test_production_is_https_only_with_a_year_of_hsts():
    assert read_settings(*HARDENING, **production()) == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_PROXY_SSL_HEADER": None,
    }


def test_the_operator_sets_hsts_and_the_redirect():
    env = production(DJANGO_HSTS_SECONDS="600", DJANGO_SECURE_SSL_REDIRECT="0")
    found = read_settings("SECURE_HSTS_SECONDS", "SECURE_SSL_REDIRECT", **env)
    assert found == {"SECURE_HSTS_SECONDS": 600, "SECURE_SSL_REDIRECT": False}


def test_local_development_works_over_plain_http():
    found = read_settings(*HARDENING, DJANGO_DEBUG="1")
    assert found["SECURE_SSL_REDIRECT"] is False
    assert found["SECURE_HSTS_SECONDS"] == 0
    assert found["SESSION_COOKIE_SECURE"] is False
    assert found["CSRF_COOKIE_SECURE"] is False


def test_a_load_balancers_https_header_is_trusted_once_named():
    env = production(DJANGO_SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto")
    found = read_settings("SECURE_PROXY_SSL_HEADER", **env)
    assert found == {"SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"]}


def test_a_malformed_proxy_header_is_an_error_not_a_guess():
    result = load_settings(**production(DJANGO_SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https"))
    assert result.returncode != 0
    assert "DJANGO_SECURE_PROXY_SSL_HEADER must be an HTTP header name" in result.stderr


def test_the_deploy_check_reports_nothing_under_production_settings():
    result = run_with(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **production(),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_sign_in_locks_after_five_failures_for_a_quarter_hour_unless_told_otherwise():
    names = ("AXES_FAILURE_LIMIT", "AXES_COOLOFF_TIME")
    assert read_settings(*names, **production()) == {
        "AXES_FAILURE_LIMIT": 5,
        "AXES_COOLOFF_TIME": "0:15:00",
    }
    env = production(DJANGO_LOGIN_FAILURE_LIMIT="10", DJANGO_LOGIN_COOLOFF_MINUTES="60")
    assert read_settings(*names, **env) == {
        "AXES_FAILURE_LIMIT": 10,
        "AXES_COOLOFF_TIME": "1:00:00",
    }


def test_without_redis_sessions_live_in_the_database():
    found = read_settings("CACHES", "SESSION_ENGINE", **production())
    assert found["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    assert found["SESSION_ENGINE"] == "accounts.session_store"  # the database store


def test_redis_url_shares_the_cache_but_never_holds_the_sessions():
    env = production(REDIS_URL="redis://cache.internal:6379/0")
    found = read_settings("CACHES", "SESSION_ENGINE", **env)
    assert found["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert found["CACHES"]["default"]["LOCATION"] == "redis://cache.internal:6379/0"
    assert found["SESSION_ENGINE"] == "accounts.session_store"  # the database store


def env_example() -> dict[str, str]:
    """.env.example as `docker run --env-file` reads it: KEY=value lines, values taken literally."""
    lines = (ROOT / ".env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line.strip() and not line.startswith("#"))


def test_every_variable_the_code_reads_is_in_env_example_and_the_readme():
    pattern = re.compile(r"""(?:env_\w+\(|os\.environ\.get\(|os\.environ\[)\s*["']([A-Z_]+)["']""")
    sources = [ROOT / "config" / "settings.py", ROOT / "gunicorn.conf.py"]
    read = {name for path in sources for name in pattern.findall(path.read_text())}
    readme = (ROOT / "README.md").read_text()

    assert {"DJANGO_SECRET_KEY", "REDIS_URL", "PORT"} <= read  # the pattern finds them
    assert read - env_example().keys() == set()
    assert {name for name in read if f"`{name}`" not in readme} == set()


def test_the_example_environment_passes_the_deploy_check_once_given_a_key():
    # Its PostgreSQL need not exist here: some model checks would connect to it.
    env = env_example() | {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": "sqlite:///:memory:",
    }

    result = run_with(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], **env
    )

    assert result.returncode == 0, result.stdout + result.stderr
