"""What the benchmark asks the app, run with the app's own interpreter (.venv) and settings.

    python bench/app.py paths          # JSON: each URL name the bench needs → its path, or null
    python bench/app.py createdb URL   # a fresh, empty PostgreSQL database (dropped first)
    python bench/app.py dropdb URL

The load generator lives in another virtualenv, without Django or a database driver; it asks here.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
URL_NAMES = [
    "bench_baseline",
    "accounts:login",
    "healthz",
    "exercises:list",
    "sessions:create",
    "sessions:list",
    "insights:progress",
    "sessions:export",
    "insights:dashboard",
]


def paths() -> dict[str, str | None]:
    """Reversed here rather than written down there, so a renamed URL cannot skew the bench."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.urls import NoReverseMatch, reverse

    found: dict[str, str | None] = {}
    for name in URL_NAMES:
        try:
            found[name] = reverse(name)
        except NoReverseMatch:
            found[name] = None  # not built yet, or not routed: the bench skips its row
    return found


def _maintenance(url: str) -> tuple[str, str]:
    """The server's own `postgres` database, from which another is created or dropped."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or not name.replace("_", "").isalnum():
        raise SystemExit(f"{url}: the database name must be letters, digits and underscores.")
    return urlunsplit(parts._replace(path="/postgres")), name


def createdb(url: str) -> None:
    dropdb(url)
    import psycopg
    from psycopg import sql

    server, name = _maintenance(url)
    with psycopg.connect(server, autocommit=True, connect_timeout=5) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def dropdb(url: str) -> None:
    import psycopg
    from psycopg import sql

    server, name = _maintenance(url)
    with psycopg.connect(server, autocommit=True, connect_timeout=5) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


if __name__ == "__main__":
    match sys.argv[1:]:
        case ["paths"]:
            print(json.dumps(paths()))
        case ["createdb", url]:
            createdb(url)
        case ["dropdb", url]:
            dropdb(url)
        case _:
            raise SystemExit(__doc__)
