"""Issue 12, finding 5: a stolen session cannot guess the current password without limit."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = reverse("accounts:password_change")
LIMIT = settings.AXES_FAILURE_LIMIT


def change(client, old_password: str):
    new = "a-new-long-run-passphrase-9"
    return client.post(
        URL,
        {"old_password": old_password, "new_password1": new, "new_password2": new},
        REMOTE_ADDR="203.0.113.7",
    )


def test_a_wrong_current_password_shows_the_form_again(athlete_client):
    response = change(athlete_client, "wrong-guess")
    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]


def test_wrong_guesses_up_to_the_limit_pause_the_change(athlete_client, athlete, password):
    for _ in range(LIMIT - 1):
        assert change(athlete_client, "wrong-guess").status_code == 200
    locked = change(athlete_client, "wrong-guess")

    assert locked.status_code == 429
    assert locked["Retry-After"] == str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    # Even the right password waits: a guess that hits tells nothing during the pause.
    right = change(athlete_client, password)
    assert right.status_code == 429
    athlete.refresh_from_db()
    assert athlete.check_password(password)


def test_the_right_password_still_changes_it(athlete_client, athlete, password):
    response = change(athlete_client, password)
    assert response.status_code == 302
    athlete.refresh_from_db()
    assert athlete.check_password("a-new-long-run-passphrase-9")
