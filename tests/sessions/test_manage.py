"""Session detail, edit, delete and morning-after: works for the owner, 404 for anyone else."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from exercises.models import Exercise
from sessions.models import Entry, TrainingSession
from tests.browser_forms import routine_values
from tests.factories import EntryFactory, ExerciseFactory, TrainingSessionFactory, part_field

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged(athlete_client, athlete, drills):
    """A session logged through the form, as the athlete would."""
    values = routine_values(athlete_client.get(reverse("sessions:create")))
    yesterday = timezone.localtime() - timedelta(days=1)
    values |= {
        "session-performed_at": yesterday.strftime("%Y-%m-%dT%H:%M"),
        "eccentric-heel-drops-pain_left": "3",
        "eccentric-heel-drops-tight_spots": ["achilles"],
        "ankle-mobility-wall-wall_distance_left_cm": "9",
        "ankle-mobility-wall-wall_distance_right_cm": "8",
    }
    athlete_client.post(reverse("sessions:create"), values)
    return TrainingSession.objects.get(athlete=athlete)


def owner_urls(session) -> list[str]:
    return [
        reverse("sessions:detail", args=[session.pk]),
        reverse("sessions:update", args=[session.pk]),
        reverse("sessions:delete", args=[session.pk]),
    ]


def test_owner_can_view_edit_and_see_the_delete_confirmation(athlete_client, logged):
    for url in owner_urls(logged):
        assert athlete_client.get(url).status_code == 200, url


def test_another_athletes_session_is_404_for_every_action(client, other_athlete, logged):
    client.force_login(other_athlete)
    for url in owner_urls(logged):
        assert client.get(url).status_code == 404, url
    for url in owner_urls(logged)[1:]:
        assert client.post(url, {}).status_code == 404, url
    assert TrainingSession.objects.filter(pk=logged.pk).exists()
    morning_after = reverse("sessions:morning_after", args=[logged.pk])
    assert client.post(morning_after, {"morning_after_pain": "1"}).status_code == 404
    assert TrainingSession.objects.filter(pk=logged.pk, morning_after_pain=None).exists()


def test_staff_cannot_read_an_athletes_session_on_the_site(client, staff, logged):
    client.force_login(staff)
    assert client.get(reverse("sessions:detail", args=[logged.pk])).status_code == 404


def test_a_missing_session_is_the_same_404(athlete_client, logged):
    assert athlete_client.get(reverse("sessions:detail", args=[logged.pk + 99])).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        reverse("sessions:list"),
        reverse("sessions:create"),
        reverse("sessions:detail", args=[1]),
        reverse("sessions:update", args=[1]),
        reverse("sessions:delete", args=[1]),
    ],
)
def test_anonymous_visitor_is_sent_to_sign_in_and_back(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={url}"


def test_detail_shows_what_was_logged(athlete_client, logged):
    html = athlete_client.get(logged.get_absolute_url()).content.decode()
    assert "6/6" in html
    assert "3/10" in html
    assert "9 cm left, 8 cm right" in html
    assert "Achilles" in html
    assert "Double leg" in html
    assert "Knee straight</dt><dd>3 × 10" in html and "Knee bent</dt><dd>3 × 10" in html
    revision = logged.entries.get(exercise__slug="toe-raises").exercise_revision
    assert "Instructions followed: the version of" in html
    assert f"(revision #{revision.history_id})" in html


def test_edit_changes_the_session_and_keeps_every_entry(athlete_client, logged):
    url = reverse("sessions:update", args=[logged.pk])
    values = routine_values(athlete_client.get(url))
    assert values["eccentric-heel-drops-pain_left"] == "3"
    values |= {"eccentric-heel-drops-pain_left": "5", "session-notes": "Edited later"}

    response = athlete_client.post(url, values, follow=True)

    assert "Session updated." in response.content.decode()
    logged.refresh_from_db()
    assert logged.notes == "Edited later"
    assert logged.entries.count() == 6
    heel_drops = logged.entries.get(exercise__slug="eccentric-heel-drops")
    assert heel_drops.pain_left == 5
    assert heel_drops.parts.count() == 2  # the parts are kept, not doubled
    assert TrainingSession.objects.count() == 1


def test_edit_with_bad_input_keeps_the_input_and_changes_nothing(athlete_client, logged):
    url = reverse("sessions:update", args=[logged.pk])
    values = routine_values(athlete_client.get(url))
    values |= {
        part_field("toe-raises", "Big toe", "both", "reps"): "lots",
        "session-notes": "Half-typed",
    }

    response = athlete_client.post(url, values)

    assert response.status_code == 200
    assert routine_values(response)["session-notes"] == "Half-typed"
    logged.refresh_from_db()
    assert logged.notes == ""


def test_edit_keeps_the_drill_revision_logged_against(athlete_client, logged):
    entry = logged.entries.get(exercise__slug="toe-raises")
    original_revision = entry.exercise_revision_id
    drill = entry.exercise
    drill.instructions = "Revised instructions."
    drill.save()

    url = reverse("sessions:update", args=[logged.pk])
    athlete_client.post(url, routine_values(athlete_client.get(url)))

    entry.refresh_from_db()
    assert entry.exercise_revision_id == original_revision


def test_delete_asks_first_then_removes_the_session_and_entries(athlete_client, logged):
    url = reverse("sessions:delete", args=[logged.pk])
    confirm = athlete_client.get(url)
    assert "This cannot be undone." in confirm.content.decode()
    assert TrainingSession.objects.filter(pk=logged.pk).exists()

    response = athlete_client.post(url, follow=True)

    assert response.redirect_chain[-1][0] == reverse("sessions:list")
    assert "Session deleted." in response.content.decode()
    assert not TrainingSession.objects.filter(pk=logged.pk).exists()
    assert not Entry.objects.filter(session_id=logged.pk).exists()


def test_morning_after_pain_from_the_session_page(athlete_client, logged):
    url = reverse("sessions:morning_after", args=[logged.pk])
    response = athlete_client.post(url, {"morning_after_pain": "2"}, follow=True)
    assert response.redirect_chain[-1][0] == logged.get_absolute_url()
    assert "Morning-after pain 2/10 saved." in response.content.decode()


def test_morning_after_needs_a_post(athlete_client, logged):
    url = reverse("sessions:morning_after", args=[logged.pk])
    assert athlete_client.get(url).status_code == 405


def test_detail_of_a_session_runs_a_bounded_number_of_queries(
    athlete_client, athlete, django_assert_max_num_queries
):
    session = TrainingSessionFactory(athlete=athlete)
    for _ in range(6):
        EntryFactory(session=session)
    # Sign-in, the session, its entries, parts and comments, unread, and whether a coach reads.
    with django_assert_max_num_queries(8):
        assert athlete_client.get(session.get_absolute_url()).status_code == 200


def test_editing_an_old_session_does_not_add_drills_added_since(athlete_client, logged):
    ExerciseFactory(name="New drill", position=7)
    url = reverse("sessions:update", args=[logged.pk])
    values = routine_values(athlete_client.get(url))
    values.pop(f"{Exercise.objects.get(name='New drill').slug}-done", None)

    athlete_client.post(url, values)

    assert logged.entries.count() == 6


def test_an_entry_logged_before_its_drill_had_variants_can_be_edited_without_one(
    athlete_client, logged
):
    """Migrated foot-rolling entries have no variant: nobody recorded ball or bottle."""
    rolling = logged.entries.get(exercise__slug="foot-rolling")
    rolling.variant = None
    rolling.save()
    url = reverse("sessions:update", args=[logged.pk])
    values = routine_values(athlete_client.get(url)) | {"session-notes": "Edited"}

    assert athlete_client.post(url, values).status_code == 302
    rolling.refresh_from_db()
    assert rolling.variant is None
    assert rolling.parts.count() == 2
