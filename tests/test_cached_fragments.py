"""History rows and a session's drills come from the cache: never stale, never someone else's."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse

from sessions.models import TrainingSession

from .browser_forms import routine_values
from .factories import TrainingSessionFactory

pytestmark = pytest.mark.django_db
HISTORY_URL = reverse("sessions:list")
MORNING_AFTER_FORM = re.compile(
    r'<form method="post" action="(?P<action>[^"]+)"[^>]*>\s*'
    r'<input type="hidden" name="csrfmiddlewaretoken" value="(?P<token>\w+)">\s*'
    r'<input type="hidden" name="next" value="(?P<next>[^"]+)">'
)


@pytest.fixture
def logged(athlete_client, athlete, drills):
    """A session logged through the form, as the athlete would."""
    values = routine_values(athlete_client.get(reverse("sessions:create")))
    athlete_client.post(reverse("sessions:create"), values | {"eccentric-heel-drops-pain": "2"})
    return TrainingSession.objects.get(athlete=athlete)


def edit(client, session, **changes) -> None:
    url = reverse("sessions:update", args=[session.pk])
    response = client.post(url, routine_values(client.get(url)) | changes)
    assert response.status_code == 302


def morning_after_forms(response) -> list[dict]:
    return [match.groupdict() for match in MORNING_AFTER_FORM.finditer(response.content.decode())]


def test_history_shows_an_edit_made_after_the_row_was_cached(athlete_client, logged):
    assert "pain 2" in athlete_client.get(HISTORY_URL).content.decode()

    edit(athlete_client, logged, **{"eccentric-heel-drops-pain": "8"})

    html = athlete_client.get(HISTORY_URL).content.decode()
    assert "pain 8" in html
    assert "flagged" in html
    assert "pain 2" not in html


def test_session_page_shows_an_edit_made_after_its_drills_were_cached(athlete_client, logged):
    url = reverse("sessions:detail", args=[logged.pk])
    assert "Pain 8" not in athlete_client.get(url).content.decode()

    edit(athlete_client, logged, **{"eccentric-heel-drops-pain": "8"})

    assert "Pain 8" in athlete_client.get(url).content.decode()


def test_morning_after_saved_from_a_cached_row_carries_a_working_csrf_token(athlete, logged):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(athlete)
    browser.get(HISTORY_URL)  # draws the row into the cache
    page_two = f"{HISTORY_URL}?page=1&date_from=2000-01-01"
    (form,) = morning_after_forms(browser.get(page_two))
    assert form["next"] == "/sessions/?page=1&amp;date_from=2000-01-01"

    response = browser.post(
        form["action"],
        {"csrfmiddlewaretoken": form["token"], "morning_after_pain": "4", "next": page_two},
    )

    assert response.status_code == 302
    assert response.url == page_two
    html = browser.get(HISTORY_URL).content.decode()
    assert "morning after 4" in html
    assert "Add morning-after pain" not in html


def test_comment_form_carries_a_working_csrf_token_once_the_drills_are_cached(athlete, logged):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(athlete)
    url = reverse("sessions:detail", args=[logged.pk])
    browser.get(url)
    html = browser.get(url).content.decode()
    comment_form = html[html.index('action="' + reverse("sessions:comment", args=[logged.pk])) :]
    token = re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', comment_form)[1]

    response = browser.post(
        reverse("sessions:comment", args=[logged.pk]),
        {"csrfmiddlewaretoken": token, "body": "Felt easy."},
    )

    assert response.status_code == 302
    assert "Felt easy." in browser.get(url).content.decode()


def test_coach_and_athlete_each_see_their_own_row_actions(client, athlete, coach, logged):
    coach_url = reverse("coaching:athlete", args=[athlete.pk])
    client.force_login(athlete)
    assert len(morning_after_forms(client.get(HISTORY_URL))) == 1

    client.force_login(coach)
    coach_html = client.get(coach_url).content.decode()
    assert "Add morning-after pain" not in coach_html
    assert "csrfmiddlewaretoken" not in coach_html.split('<ul class="list-unstyled history">')[1]

    client.force_login(athlete)
    assert len(morning_after_forms(client.get(HISTORY_URL))) == 1


def test_history_times_follow_a_change_of_time_zone(athlete_client, athlete, coach):
    athlete.time_zone = "Europe/Berlin"
    athlete.save()
    TrainingSessionFactory(athlete=athlete, performed_at=datetime(2026, 3, 2, 6, 30, tzinfo=UTC))
    coach_client = Client()
    coach_client.force_login(coach)
    coach_url = reverse("coaching:athlete", args=[athlete.pk])
    assert "Mon 2 Mar 2026, 07:30" in athlete_client.get(HISTORY_URL).content.decode()
    assert "Mon 2 Mar 2026, 07:30" in coach_client.get(coach_url).content.decode()

    athlete.time_zone = "Asia/Tokyo"
    athlete.save()

    assert "Mon 2 Mar 2026, 15:30" in athlete_client.get(HISTORY_URL).content.decode()
    assert "Mon 2 Mar 2026, 15:30" in coach_client.get(coach_url).content.decode()


def test_session_page_shows_each_reader_their_own_actions(client, athlete, coach, logged):
    url = reverse("sessions:detail", args=[logged.pk])
    edit_url = reverse("sessions:update", args=[logged.pk])
    for reader, owns in [(athlete, True), (coach, False), (athlete, True)]:
        client.force_login(reader)
        html = client.get(url).content.decode()
        assert (edit_url in html) is owns
        assert ('name="morning_after_pain"' in html) is owns
        assert ("Alice (times in" in html) is not owns


def test_session_page_follows_the_athletes_name_and_time_zone(client, athlete, coach):
    athlete.time_zone = "Europe/Berlin"
    athlete.save()
    session = TrainingSessionFactory(
        athlete=athlete, performed_at=datetime(2026, 3, 2, 6, 30, tzinfo=UTC)
    )
    url = reverse("sessions:detail", args=[session.pk])
    client.force_login(coach)
    html = client.get(url).content.decode()
    assert "Alice (times in Europe/Berlin)" in html
    assert "Monday 2 March 2026, 07:30" in html

    athlete.display_name = "Alice M."
    athlete.time_zone = "Asia/Tokyo"
    athlete.save()

    html = client.get(url).content.decode()
    assert "Alice M. (times in Asia/Tokyo)" in html
    assert "Monday 2 March 2026, 15:30" in html


def test_morning_after_saved_from_a_cached_session_page(athlete, logged):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(athlete)
    url = reverse("sessions:detail", args=[logged.pk])
    browser.get(url)  # draws the page's top into the cache
    html = browser.get(url).content.decode()
    action = reverse("sessions:morning_after", args=[logged.pk])
    form = html[html.index(f'action="{action}"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', form)[1]

    response = browser.post(action, {"csrfmiddlewaretoken": token, "morning_after_pain": "3"})

    assert response.status_code == 302
    assert '<option value="3" selected>' in browser.get(url).content.decode()
