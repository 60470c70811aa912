"""Issue 12, finding 1: every free-text field has a length limit, in the form and the database."""

from __future__ import annotations

import pytest
from django.db import DataError, IntegrityError, transaction
from django.urls import reverse

from exercises.models import DRILL_TEXT_MAX_LENGTH, Exercise
from sessions.bounds import COMMENT_MAX_LENGTH, NOTES_MAX_LENGTH
from sessions.models import Comment, Entry, TrainingSession
from tests.browser_forms import routine_values
from tests.factories import CommentFactory, EntryFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db
LOG_URL = reverse("sessions:create")


@pytest.fixture
def log_form(athlete_client, drills):
    return routine_values(athlete_client.get(LOG_URL))


def test_session_notes_past_the_limit_are_refused_at_the_field_and_kept(athlete_client, log_form):
    long_notes = "x" * (NOTES_MAX_LENGTH + 1)
    log_form["session-notes"] = long_notes

    response = athlete_client.post(LOG_URL, log_form)

    assert response.status_code == 200
    errors = response.context["form"].session_form.errors["notes"]
    assert errors == [f"Ensure this value has at most {NOTES_MAX_LENGTH} characters (it has 2001)."]
    assert long_notes in response.content.decode()  # the input is kept
    assert not TrainingSession.objects.exists()


def test_drill_notes_past_the_limit_are_refused_at_the_field(athlete_client, log_form):
    log_form["toe-raises-notes"] = "x" * (NOTES_MAX_LENGTH + 1)

    response = athlete_client.post(LOG_URL, log_form)

    assert response.status_code == 200
    forms = {form.drill.slug: form for form in response.context["form"].entry_forms}
    assert "at most 2000 characters" in forms["toe-raises"].errors["notes"][0]
    assert not TrainingSession.objects.exists()


def test_notes_at_the_limit_are_saved(athlete_client, athlete, log_form):
    log_form["session-notes"] = "x" * NOTES_MAX_LENGTH

    assert athlete_client.post(LOG_URL, log_form).status_code == 302
    assert len(TrainingSession.objects.get(athlete=athlete).notes) == NOTES_MAX_LENGTH


def test_a_long_comment_is_refused_and_kept(athlete_client, athlete, coach):
    session = TrainingSessionFactory(athlete=athlete)
    body = "y" * (COMMENT_MAX_LENGTH + 1)

    response = athlete_client.post(reverse("sessions:comment", args=[session.pk]), {"body": body})

    assert response.status_code == 400
    assert "at most 2000 characters" in response.context["comment_form"].errors["body"][0]
    assert body in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("factory", "field", "limit"),
    [
        (TrainingSessionFactory, "notes", NOTES_MAX_LENGTH),
        (EntryFactory, "notes", NOTES_MAX_LENGTH),
        (EntryFactory, "tight_spot_other", 80),
        (CommentFactory, "body", COMMENT_MAX_LENGTH),
    ],
)
def test_the_database_refuses_what_the_forms_refuse(drills, factory, field, limit):
    """Admin, scripts and update() go around the forms; the constraint does not."""
    row = factory(exercise=drills[0]) if factory is EntryFactory else factory()
    # PostgreSQL's varchar refuses an over-long CharField itself, with a DataError.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        type(row).objects.filter(pk=row.pk).update(**{field: "z" * (limit + 1)})


def test_drill_texts_are_bounded_in_the_database(drills):
    with pytest.raises(IntegrityError), transaction.atomic():
        Exercise.objects.filter(pk=drills[0].pk).update(
            instructions="z" * (DRILL_TEXT_MAX_LENGTH + 1)
        )


def test_entry_model_field_carries_the_limit():
    assert Entry._meta.get_field("notes").max_length == NOTES_MAX_LENGTH
