from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from sessions.export import HEADER
from sessions.models import EntryPart
from tests.factories import EntryFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[dict[str, str]]:
    assert isinstance(response, StreamingHttpResponse)
    text = response.getvalue().decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def logged(athlete, drills):
    athlete.time_zone = "America/Los_Angeles"
    athlete.save()
    session = TrainingSessionFactory(
        athlete=athlete,
        performed_at=datetime(2026, 3, 10, 14, 5, tzinfo=UTC),
        notes='=HYPERLINK("http://evil.test")',
        morning_after_pain=2,
    )
    EntryFactory(session=session, exercise=drills[1], wall_distance_left_cm=9)
    heel = EntryFactory(
        session=session,
        exercise=drills[4],
        pain_left=3,
        tight_spots=["achilles"],
        tight_spot_other="@outer heel",
        notes="+1 set, -2 reps",
        variant=drills[4].variants.get(name="Single leg"),
        exercise_revision=drills[4].history.latest(),
    )
    straight, bent = drills[4].parts.all()
    EntryPart.objects.bulk_create(
        EntryPart(entry=heel, part=part, side=side, sets_done=3, reps_done=reps)
        for part, reps in ((straight, 10), (bent, 8))
        for side in ("left", "right")
    )
    return session


def test_athlete_downloads_their_whole_log_one_row_per_entry(client, athlete, logged):
    client.force_login(athlete)
    response = client.get(reverse("sessions:export"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="groundwork-alice-')
    rows = read_csv(response)
    assert list(rows[0]) == HEADER
    assert len(rows) == 2
    wall, heel = rows
    assert wall["drill"] == "Ankle mobility (wall)"
    assert wall["wall_distance_left_cm"] == "9.0"
    assert heel["pain_left"] == "3"
    assert heel["variant"] == "Single leg"
    assert heel["parts"] == (
        "Knee straight, left: 3 × 10; Knee straight, right: 3 × 10; "
        "Knee bent, left: 3 × 8; Knee bent, right: 3 × 8"
    )
    assert heel["drill_revision"] == str(
        logged.entries.get(exercise__slug="eccentric-heel-drops").exercise_revision_id
    )
    assert heel["morning_after_pain"] == "2"


def test_times_are_iso_8601_in_the_athletes_time_zone(client, athlete, logged):
    client.force_login(athlete)
    rows = read_csv(client.get(reverse("sessions:export")))
    assert rows[0]["performed_at"] == "2026-03-10T07:05:00-07:00"


def test_cells_that_a_spreadsheet_would_run_are_neutralised(client, athlete, logged):
    client.force_login(athlete)
    heel = read_csv(client.get(reverse("sessions:export")))[1]
    assert heel["session_notes"] == '\'=HYPERLINK("http://evil.test")'
    assert heel["entry_notes"] == "'+1 set, -2 reps"
    assert heel["tight_spots"] == "Achilles; @outer heel"  # not at the start: harmless


def test_non_ascii_text_survives(client, athlete, drills):
    session = TrainingSessionFactory(athlete=athlete, notes="Schön, très bien — 足首")
    EntryFactory(session=session, exercise=drills[0])
    client.force_login(athlete)
    rows = read_csv(client.get(reverse("sessions:export")))
    assert rows[0]["session_notes"] == "Schön, très bien — 足首"


def test_an_athlete_export_holds_only_their_own_log(client, athlete, other_athlete, logged):
    client.force_login(other_athlete)
    assert read_csv(client.get(reverse("sessions:export"))) == []


def test_a_linked_coach_downloads_the_athletes_log(client, athlete, coach, logged):
    client.force_login(coach)
    rows = read_csv(client.get(reverse("insights:athlete_export", args=[athlete.pk])))
    assert len(rows) == 2


def test_export_streams_in_a_fixed_number_of_queries(
    client, athlete, drills, django_assert_max_num_queries
):
    for _ in range(30):
        session = TrainingSessionFactory(athlete=athlete)
        for drill in drills:
            EntryFactory(session=session, exercise=drill)
    client.force_login(athlete)
    # Sign-in (2), the parts of the whole log, its entries, and slack for the savepoint.
    with django_assert_max_num_queries(6):
        rows = read_csv(client.get(reverse("sessions:export")))
    assert len(rows) == 180


def test_a_drill_renamed_since_keeps_the_name_the_athlete_logged_it_under(client, athlete, drills):
    drill = drills[0]
    session = TrainingSessionFactory(athlete=athlete)
    EntryFactory(session=session, exercise=drill, exercise_revision=drill.history.latest())
    EntryFactory(session=session, exercise=drills[1], exercise_revision=None)
    old_name = drill.name
    drill.name = "Plantar rolling"
    drill.save()
    client.force_login(athlete)

    first, second = read_csv(client.get(reverse("sessions:export")))

    assert first["drill"] == old_name
    assert second["drill"] == drills[1].name  # no revision recorded: the drill's own name
