from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.cache import cache

from exercises.services import seed_drills
from tools.screenshots import CHROMIUM

from .factories import PASSWORD, CoachLinkFactory, UserFactory

NO_BROWSER = f"no Chromium at {CHROMIUM} (apt-get install chromium)"


def pytest_collection_modifyitems(config, items) -> None:
    """Skip the browser tests where there is no Chromium, unless they are required (CI)."""
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("GROUNDWORK_BROWSER_TESTS") == "required":
        raise pytest.UsageError(f"Browser tests are required but there is {NO_BROWSER}.")
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.skip(reason=NO_BROWSER))


def pytest_terminal_summary(terminalreporter) -> None:
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if "browser" in r.keywords]
    if skipped:
        terminalreporter.write_sep(
            "!", f"{len(skipped)} BROWSER TESTS SKIPPED: {NO_BROWSER}", yellow=True, bold=True
        )


@pytest.fixture
def password() -> str:
    return PASSWORD


def pytest_report_header(config) -> str:
    """Say which database the suite runs on: CI runs it twice, on SQLite and on PostgreSQL."""
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"


@pytest.fixture
def drills(db):
    """The six drills of the routine, seeded as `make run` seeds them."""
    seed_drills()
    from exercises.models import Exercise

    return list(Exercise.objects.in_routine_order())


@pytest.fixture
def athlete(db):
    return UserFactory(username="alice", display_name="Alice")


@pytest.fixture
def other_athlete(db):
    return UserFactory(username="bob", display_name="Bob")


@pytest.fixture
def staff(db):
    return UserFactory(username="sam", display_name="Sam", is_staff=True, is_superuser=True)


@pytest.fixture
def athlete_client(client, athlete):
    client.force_login(athlete)
    return client


@pytest.fixture
def coach(db, athlete):
    """A coach whom the athlete has let in."""
    coach = UserFactory(username="carol", display_name="Coach Carol")
    CoachLinkFactory(athlete=athlete, coach=coach)
    return coach


@pytest.fixture
def unlinked_coach(db, other_athlete):
    """A coach of somebody else, not of the athlete."""
    coach = UserFactory(username="dave", display_name="Coach Dave")
    CoachLinkFactory(athlete=other_athlete, coach=coach)
    return coach


@pytest.fixture
def revoked_coach(db, athlete):
    """A coach whom the athlete let in, then removed."""
    coach = UserFactory(username="erin", display_name="Coach Erin")
    CoachLinkFactory(athlete=athlete, coach=coach).revoke()
    return coach


@pytest.fixture(autouse=True)
def clear_cache() -> None:
    """Each test starts with an empty cache: what one test cached must not answer another."""
    cache.clear()
