"""The emails as received by a real SMTP server, and their links clicked through the test client."""

from __future__ import annotations

import re
import time as time_module
from datetime import UTC, datetime, time, timedelta

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from reminders.models import Delivery, Kind, ReminderPlan
from reminders.tasks import schedule
from reminders.tokens import morning_token

from ..factories import UserFactory, logged_routine
from .conftest import header_link, html_part, links, run_queued_tasks, text_part

pytestmark = pytest.mark.django_db

SUNDAY_0730_BERLIN = datetime(2026, 3, 29, 5, 30, tzinfo=UTC)


@pytest.fixture
def greta(db):
    user = UserFactory(username="greta", display_name="Greta", time_zone="Europe/Berlin")
    ReminderPlan.objects.filter(user=ReminderPlan.objects.for_user(user).user).update(
        sunday=time(7, 0),
        before_run=True,
        morning_check=True,
        morning_check_at=time(7, 30),
        weekly_summary=True,
    )
    return user


@pytest.fixture
def morning_email(greta, drills, clock, smtp_server):
    routine = logged_routine(
        athlete=greta,
        performed_at=datetime(2026, 3, 28, 17, 0, tzinfo=UTC),
        **{"toe-raises": {"pain": 2}},
    )
    clock.now = SUNDAY_0730_BERLIN
    schedule()
    run_queued_tasks()
    [message] = [m for m in smtp_server.messages if "this morning" in m["Subject"]]
    return message, routine


def test_every_email_has_text_html_the_name_and_one_click_unsubscribe(morning_email, smtp_server):
    message, _ = morning_email
    # As sent: a plain URL that a mail app can read, not RFC 2047 encoded words.
    raw = next(r for r in smtp_server.raw if b"this morning" in r)
    assert re.search(rb"\r\nList-Unsubscribe: <http://\S+/one-click/>\r\n", raw)
    assert message["To"] == "greta@example.com"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].startswith("<http")
    assert "Hi Greta," in text_part(message)
    assert "Hi Greta," in html_part(message)


def test_the_morning_email_holds_eleven_links_from_0_to_10(morning_email):
    message, _ = morning_email
    pain_links = [path for path in links(message) if "/morning/" in path]
    assert [int(path.rstrip("/").rsplit("/", 1)[1]) for path in pain_links] == list(range(11))
    assert html_part(message).count("/reminders/morning/") == 11


def test_a_tap_records_the_morning_after_pain_once(morning_email):
    message, routine = morning_email
    pain_links = [path for path in links(message) if "/morning/" in path]
    visitor = Client()  # not signed in, as from a phone's mail app

    # A link scanner, or the person, opening the link records nothing.
    page = visitor.get(pain_links[4])
    assert page.status_code == 200
    assert "Record 4/10" in page.content.decode()
    routine.refresh_from_db()
    assert routine.morning_after_pain is None

    # The one tap on the page records it, and says what it means.
    response = visitor.post(pain_links[4], follow=True)
    routine.refresh_from_db()
    assert routine.morning_after_pain == 4
    body = response.content.decode()
    assert "Morning-after pain recorded: <strong>4/10</strong>" in body
    assert "That is acceptable." in body

    # A second tap, on another number, changes nothing and offers to change it after sign-in.
    response = visitor.post(pain_links[9], follow=True)
    routine.refresh_from_db()
    assert routine.morning_after_pain == 4
    body = response.content.decode()
    assert "recorded: <strong>4/10</strong>" in body
    assert routine.get_absolute_url() in body
    assert visitor.get(routine.get_absolute_url()).url.startswith(reverse("accounts:login"))


def test_the_unsubscribe_link_stops_that_kind_of_message_only(greta, morning_email, clock):
    message, _ = morning_email
    # The mail client's one-click POST (RFC 8058): no cookie, no CSRF token.
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        header_link(message), "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded"
    )
    assert response.status_code == 200

    plan = ReminderPlan.objects.get(user=greta)
    assert plan.morning_check is False
    assert plan.before_run is True
    assert plan.weekly_summary is True

    # The next Sunday: the run reminder comes; no morning check, though a routine was logged.
    logged_routine(athlete=greta, performed_at=datetime(2026, 4, 4, 17, 0, tzinfo=UTC))
    next_sunday = datetime(2026, 4, 5, 4, 30, tzinfo=UTC)
    for clock.now in (next_sunday, next_sunday + timedelta(hours=1)):
        schedule()
    kinds = Delivery.objects.filter(slot="2026-04-05").values_list("kind", flat=True)
    assert list(kinds) == [Kind.BEFORE_RUN]


def test_the_unsubscribe_link_in_the_body_asks_first_then_stops(greta, morning_email):
    message, _ = morning_email
    [page_link] = [path for path in links(message) if "/unsubscribe/" in path]
    visitor = Client()

    page = visitor.get(page_link)
    assert "Stop these emails for Greta?" in page.content.decode()
    assert ReminderPlan.objects.get(user=greta).morning_check is True

    response = visitor.post(page_link, follow=True)
    assert "You will get no more of these emails" in response.content.decode()
    assert ReminderPlan.objects.get(user=greta).morning_check is False


def test_the_one_click_address_opened_in_a_browser_shows_the_page(morning_email):
    message, _ = morning_email
    response = Client().get(header_link(message))
    assert response.status_code == 302
    assert response.url == header_link(message).removesuffix("one-click/")


def test_an_expired_or_altered_morning_link_records_nothing(morning_email, monkeypatch):
    message, routine = morning_email
    link = next(path for path in links(message) if "/morning/" in path)
    altered = link.replace("/morning/", "/morning/x")
    assert Client().post(altered).status_code == 404

    four_days_later = time_module.time() + timedelta(days=4).total_seconds()
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: four_days_later)
        response = Client().post(link)
    assert response.status_code == 404
    assert "does not work any more" in response.content.decode()
    routine.refresh_from_db()
    assert routine.morning_after_pain is None


def test_a_token_for_another_delivery_kind_or_a_missing_one_is_404(greta, clock):
    clock.now = datetime(2026, 3, 29, 4, 30, tzinfo=UTC)
    [delivery_id] = schedule()  # the run reminder: not a morning check
    url = reverse("reminders:morning", args=[morning_token(delivery_id), 3])
    assert Client().get(url).status_code == 404
    url = reverse("reminders:morning", args=[morning_token(delivery_id + 99), 3])
    assert Client().get(url).status_code == 404
