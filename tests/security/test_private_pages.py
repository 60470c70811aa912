"""Issue 12, finding 13: pages for a signed-in person are kept out of every cache."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", ["home", "sessions:list", "insights:progress", "coaching:sharing", "accounts:profile"]
)
def test_signed_in_pages_are_private_and_not_stored(athlete_client, drills, name):
    response = athlete_client.get(reverse(name))

    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives
    assert "public" not in directives


def test_the_coachs_view_of_an_athlete_is_private(client, athlete, coach):
    client.force_login(coach)
    response = client.get(reverse("insights:athlete", args=[athlete.pk]))
    assert {"private", "no-store"} <= set(map(str.strip, response["Cache-Control"].split(",")))


def test_the_download_stays_private_as_well(athlete_client):
    response = athlete_client.get(reverse("sessions:export"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_public_home_page_is_left_as_it_was(client, drills):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
