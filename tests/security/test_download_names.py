"""Issue 12, finding 11: a download's file name is readable whatever the username's script.

Django RFC 2047-encodes a non-Latin-1 header value (=?utf-8?b?…?=), which browsers do not read
in Content-Disposition; RFC 6266's filename* they do.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CoachLinkFactory, TrainingSessionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def yulia(client):
    user = UserFactory(username="юля")
    TrainingSessionFactory(athlete=user)
    client.force_login(user)
    return user


def _expected(extension: str) -> str:
    today = f"{timezone.localdate():%Y-%m-%d}"
    return f"attachment; filename*=utf-8''groundwork-%D1%8E%D0%BB%D1%8F-{today}.{extension}"


@pytest.mark.parametrize(
    ("name", "extension"), [("sessions:export", "csv"), ("sessions:data_export", "json")]
)
def test_a_cyrillic_username_gives_an_rfc_6266_file_name(client, yulia, name, extension):
    response = client.get(reverse(name))

    assert response.status_code == 200
    assert "=?utf-8?" not in response["Content-Disposition"]
    assert response["Content-Disposition"] == _expected(extension)


def test_the_coachs_download_of_a_cyrillic_athlete(client, yulia):
    coach = UserFactory(username="carol")
    CoachLinkFactory(athlete=yulia, coach=coach)
    client.force_login(coach)

    response = client.get(reverse("insights:athlete_export", args=[yulia.pk]))

    assert response["Content-Disposition"] == _expected("csv")


def test_a_latin_username_keeps_the_plain_form(athlete_client):
    response = athlete_client.get(reverse("sessions:export"))
    today = f"{timezone.localdate():%Y-%m-%d}"
    assert response["Content-Disposition"] == f'attachment; filename="groundwork-alice-{today}.csv"'
