from __future__ import annotations

import pytest

from exercises.services import seed_drills

from .factories import PASSWORD, CoachLinkFactory, UserFactory


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
