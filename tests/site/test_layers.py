"""Apps import one way: the catalogue and accounts at the bottom, consent below the log, the log,
then insights on top (issue 11). A module that reaches up fails here, with its import named."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What each app may import of the others: only apps below it.
ALLOWED = {
    "exercises": set(),
    "accounts": {"throttle"},
    "throttle": set(),
    "coaching": {"accounts", "throttle"},
    "sessions": {"exercises", "accounts", "coaching"},
    "insights": {"exercises", "accounts", "coaching", "sessions"},
    "demo": {"exercises", "accounts", "coaching", "sessions"},
    # On top: reads the log and the dashboard's flags; nothing below imports it.
    "reminders": {"exercises", "accounts", "coaching", "sessions", "insights"},
}


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & ALLOWED.keys()


def test_apps_import_only_the_apps_below_them():
    reaching_up = [
        f"{path.relative_to(ROOT)} imports {sorted(wrong)}"
        for app, allowed in ALLOWED.items()
        for path in (ROOT / app).rglob("*.py")
        if (wrong := imported_apps(path) - allowed - {app})
    ]
    assert reaching_up == []


def test_every_app_says_what_it_owns():
    undocumented = [
        app
        for app in ALLOWED
        if not ast.get_docstring(ast.parse((ROOT / app / "__init__.py").read_text()))
    ]
    assert undocumented == []
