"""A name for the code that is running, for the cache's key prefix.

Pages keep what they draw in the cache. A release that draws a page differently must never be
served what the release before it drew, which a Redis shared across a deploy would otherwise
hold: so every key starts with a digest of the project's code and templates and of the versions
of the packages that draw its forms. Any change to any of them starts an empty cache.
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("accounts", "coaching", "config", "exercises", "sessions", "templates")
PACKAGES = ("django", "django-crispy-forms", "crispy-bootstrap5")


def code_version() -> str:
    digest = hashlib.blake2b(digest_size=8)
    for package in PACKAGES:
        digest.update(f"{package}=={metadata.version(package)}\n".encode())
    for folder in APPS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in {".py", ".html"} and "migrations" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()
