"""Issue 12, finding 2: no date can break an athlete's pages.

A routine "done" on 0001-01-01 in Asia/Tokyo was stored as 1 BC on PostgreSQL (a 500 on SQLite),
after which every page reading the log failed; far-off history filter dates overflowed.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from sessions.models import TrainingSession
from tests.browser_forms import routine_values
from tests.factories import TrainingSessionFactory

pytestmark = pytest.mark.django_db
LOG_URL = reverse("sessions:create")


@pytest.fixture
def tokyo_athlete(athlete):
    athlete.time_zone = "Asia/Tokyo"
    athlete.save()
    return athlete


@pytest.mark.parametrize("when", ["0001-01-01T00:00", "1899-12-31T23:59", "1900-01-01T08:00"])
def test_a_routine_before_1900_is_refused_at_the_field(athlete_client, tokyo_athlete, drills, when):
    values = routine_values(athlete_client.get(LOG_URL))
    values["session-performed_at"] = when

    response = athlete_client.post(LOG_URL, values)

    assert response.status_code == 200
    assert response.context["form"].session_form.errors["performed_at"] == [
        "That is too long ago. Check the year."
    ]
    assert when in response.content.decode()  # the input is kept
    assert not TrainingSession.objects.exists()


def test_the_athletes_pages_still_work_after_refusing_it(athlete_client, tokyo_athlete, drills):
    values = routine_values(athlete_client.get(LOG_URL))
    values["session-performed_at"] = "0001-01-01T00:00"
    athlete_client.post(LOG_URL, values)

    assert athlete_client.get(reverse("sessions:list")).status_code == 200
    assert athlete_client.get(reverse("sessions:data_export")).status_code == 200


@pytest.mark.parametrize(
    "when",
    [
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(1899, 12, 31, 23, tzinfo=UTC),
        datetime(2100, 1, 1, tzinfo=UTC),
    ],
)
def test_the_database_refuses_a_time_out_of_range(athlete, when):
    session = TrainingSessionFactory(athlete=athlete)
    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingSession.objects.filter(pk=session.pk).update(performed_at=when)


@pytest.mark.parametrize(
    "query",
    [
        {"date_to": "9999-12-31"},
        {"date_from": "0001-01-01"},
        {"date_from": "0001-01-01", "date_to": "9999-12-31"},
        {"date_from": "9999-12-31"},
    ],
)
def test_far_off_filter_dates_on_the_history(athlete_client, tokyo_athlete, query):
    TrainingSessionFactory(athlete=tokyo_athlete)

    response = athlete_client.get(reverse("sessions:list"), query)

    assert response.status_code == 200


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "America/Los_Angeles"])
def test_far_off_filter_dates_on_the_coachs_view(client, athlete, coach, zone):
    athlete.time_zone = zone
    athlete.save()
    session = TrainingSessionFactory(athlete=athlete)
    client.force_login(coach)
    url = reverse("insights:athlete", args=[athlete.pk])

    everything = client.get(url, {"date_from": "0001-01-01", "date_to": "9999-12-31"})

    assert everything.status_code == 200
    assert list(everything.context["page"]) == [session]


UPDATE_SQL = "UPDATE {table} SET performed_at = %s WHERE id = %s"


def _sneak_in_year_one(session) -> None:
    """A row written before the bounds existed: drop the check as an old schema had none."""
    table = TrainingSession._meta.db_table
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks block ALTER
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT session_performed_at_in_range")
            cursor.execute(
                UPDATE_SQL.format(table=table),
                ["0001-01-01 00:00:00+09:00", session.pk],
            )
    else:
        with connection.constraint_checks_disabled(), connection.cursor() as cursor:
            cursor.execute("PRAGMA ignore_check_constraints = 1")
            cursor.execute(
                UPDATE_SQL.format(table=table),
                ["0001-01-01 00:00:00", session.pk],
            )
            cursor.execute("PRAGMA ignore_check_constraints = 0")


def test_check_data_lists_a_row_out_of_range(athlete):
    good = TrainingSessionFactory(athlete=athlete)
    bad = TrainingSessionFactory(athlete=athlete)
    _sneak_in_year_one(bad)

    with pytest.raises(CommandError, match="1 row"):
        call_command("check_data", stdout=(out := io.StringIO()))

    assert f"Session {bad.pk} of alice" in out.getvalue()
    assert f"Session {good.pk} " not in out.getvalue()


def test_check_data_passes_a_clean_database(athlete):
    TrainingSessionFactory(athlete=athlete)
    out = io.StringIO()
    call_command("check_data", stdout=out)
    assert "All rows are within bounds." in out.getvalue()
