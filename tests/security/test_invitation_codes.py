"""Issue 12, finding 7: invitation codes cannot be guessed at speed, and a join is announced.

Before, codes could be tried at 52–57/s with no limit; a hit gave read access to an athlete's
pain log without the athlete being told.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from coaching.models import CoachLink, Invitation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(athlete) -> Invitation:
    return Invitation.objects.create(athlete=athlete, code="K7QH3MPA")


@pytest.fixture
def guesser(client):
    client.force_login(UserFactory(username="mallory"))
    return client


def guess(client, code: str, address: str = "203.0.113.7"):
    return client.get(reverse("coaching:accept", args=[code]), REMOTE_ADDR=address)


@override_settings(INVITATION_CODE_USER_LIMIT=10, INVITATION_CODE_ADDRESS_LIMIT=100)
def test_wrong_codes_up_to_the_limit_pause_guessing_even_the_right_code(guesser, invitation):
    for n in range(10):
        assert guess(guesser, f"ZZZZZZ{n:02d}").status_code == 302  # back to "join"

    wrong = guess(guesser, "ZZZZZZZZ")
    right = guess(guesser, invitation.code)

    assert wrong.status_code == 429 and right.status_code == 429
    assert int(right["Retry-After"]) > 3500
    assert "Too many tries" in right.content.decode()


@override_settings(INVITATION_CODE_USER_LIMIT=10, INVITATION_CODE_ADDRESS_LIMIT=100)
def test_the_join_form_counts_the_same(guesser, invitation):
    for _ in range(10):
        guesser.post(reverse("coaching:join"), {"code": "ZZZZ-ZZZZ"}, follow=True)

    response = guesser.post(reverse("coaching:join"), {"code": invitation.code}, follow=True)

    assert response.status_code == 429
    assert not CoachLink.objects.exists()


@override_settings(INVITATION_CODE_USER_LIMIT=100, INVITATION_CODE_ADDRESS_LIMIT=5)
def test_many_accounts_from_one_address_are_counted_together(client, invitation):
    for n in range(5):
        client.force_login(UserFactory(username=f"sock{n}"))
        guess(client, "ZZZZZZZZ")
    client.force_login(UserFactory(username="sock-last"))

    assert guess(client, invitation.code).status_code == 429
    assert guess(client, invitation.code, address="192.0.2.1").status_code == 200


@override_settings(INVITATION_CODE_USER_LIMIT=3, INVITATION_CODE_ADDRESS_LIMIT=100)
def test_a_right_code_is_not_counted(guesser, invitation):
    for _ in range(5):
        assert guess(guesser, invitation.code).status_code == 200


def test_the_athlete_is_emailed_when_a_coach_joins(
    client, athlete, invitation, django_capture_on_commit_callbacks
):
    coach = UserFactory(username="carol", display_name="Coach Carol")
    client.force_login(coach)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("coaching:accept", args=[invitation.code]))

    assert response.status_code == 302
    assert CoachLink.objects.filter(athlete=athlete, coach=coach).exists()
    [email] = mail.outbox
    assert email.to == [athlete.email]
    assert email.subject == "Coach Carol can now read your Groundwork log"
    assert "carol" in email.body
    assert "http://testserver" + reverse("coaching:sharing") in email.body


def test_no_email_when_nothing_was_accepted(
    client, athlete, invitation, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory(username="carol"))
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("coaching:accept", args=[invitation.code]))  # only the question
    assert mail.outbox == []


def test_a_mail_failure_does_not_undo_the_link(
    client, athlete, invitation, django_capture_on_commit_callbacks, settings, caplog
):
    settings.MAILERS = {"default": {"BACKEND": "tests.security.failing_mail.Backend"}}
    coach = UserFactory(username="carol")
    client.force_login(coach)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("coaching:accept", args=[invitation.code]))

    assert response.status_code == 302
    assert CoachLink.objects.filter(athlete=athlete, coach=coach).exists()
    assert "Could not email athlete" in caplog.text
