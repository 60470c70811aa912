from __future__ import annotations

import json

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.urls import reverse

from coaching.models import CoachLink
from sessions.models import Comment, Entry, EntryPart, TrainingSession
from tests.factories import CommentFactory, EntryFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(athlete, coach, drills):
    session = TrainingSessionFactory(athlete=athlete, notes="Tight calves")
    EntryFactory(session=session, exercise=drills[4], pain=3, tight_spots=["achilles"])
    CommentFactory(session=session, author=coach, body="Easy tomorrow")
    return session


def test_download_holds_everything_about_the_athlete(client, athlete, history):
    client.force_login(athlete)
    response = client.get(reverse("sessions:data_export"))

    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["profile"]["username"] == "alice"
    assert data["sessions"][0]["notes"] == "Tight calves"
    assert (
        data["sessions"][0]["entries"][0] | {"drill": "Eccentric heel drops", "pain": 3}
        == (data["sessions"][0]["entries"][0])
    )
    assert data["comments"][0]["body"] == "Easy tomorrow"
    assert data["coach_links"][0]["coach"] == "carol"


def test_download_holds_each_entrys_parts_variant_and_revision(client, athlete, drills):
    session = TrainingSessionFactory(athlete=athlete)
    heel = drills[4]
    entry = EntryFactory(
        session=session,
        exercise=heel,
        variant=heel.variants.get(name="Single leg"),
        exercise_revision=heel.history.latest(),
    )
    EntryPart.objects.create(
        entry=entry, part=heel.parts.get(name="Knee bent"), side="left", sets_done=3,
        reps_done=10, target_sets=3, target_reps=10,
    )  # fmt: skip
    client.force_login(athlete)

    data = json.loads(client.get(reverse("sessions:data_export")).content)

    logged = data["sessions"][0]["entries"][0]
    assert logged["variant"] == "Single leg"
    assert logged["drill_revision"]["id"] == entry.exercise_revision_id
    assert logged["parts"] == [
        {"part": "Knee bent", "side": "left", "sets_done": 3, "reps_done": 10, "seconds": None,
         "target_sets": 3, "target_reps": 10, "target_seconds": None}
    ]  # fmt: skip


def test_download_holds_nothing_of_other_people(client, other_athlete, history):
    client.force_login(other_athlete)
    data = json.loads(client.get(reverse("sessions:data_export")).content)
    assert data["sessions"] == [] and data["comments"] == [] and data["coach_links"] == []


def test_deleting_the_account_needs_the_password(client, athlete, history):
    client.force_login(athlete)
    response = client.post(reverse("accounts:delete"), {"password": "wrong"})
    assert "That is not your password." in response.content.decode()
    assert get_user_model().objects.filter(pk=athlete.pk).exists()


def test_deleting_the_account_removes_sessions_entries_and_coach_links(
    client, athlete, coach, history, password
):
    client.force_login(athlete)
    response = client.post(reverse("accounts:delete"), {"password": password}, follow=True)

    assert "Your account and everything in it are deleted." in response.content.decode()
    assert not response.context["user"].is_authenticated
    assert not get_user_model().objects.filter(pk=athlete.pk).exists()
    assert not TrainingSession.objects.exists()
    assert not Entry.objects.exists()
    assert not Comment.objects.exists()
    assert not CoachLink.objects.exists()
    assert get_user_model().objects.filter(pk=coach.pk).exists()


def test_deleting_the_account_forgets_its_sign_in_attempts(client, athlete, password):
    AccessAttempt.objects.create(
        username="alice", ip_address="203.0.113.9", user_agent="phone", failures_since_start=2
    )
    client.force_login(athlete)
    client.post(reverse("accounts:delete"), {"password": password})
    assert not AccessAttempt.objects.filter(username="alice").exists()


def test_delete_page_warns_before_anything_happens(client, athlete):
    client.force_login(athlete)
    html = client.get(reverse("accounts:delete")).content.decode()
    assert "It cannot be undone." in html
    assert get_user_model().objects.filter(pk=athlete.pk).exists()


def test_password_guesses_on_the_delete_page_count_towards_the_throttle(
    client, athlete, password, settings
):
    client.force_login(athlete)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:delete"), {"password": "guess"})

    response = client.post(reverse("accounts:delete"), {"password": password})

    assert response.status_code == 429
    assert get_user_model().objects.filter(pk=athlete.pk).exists()
