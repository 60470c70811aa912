"""Issue 12, finding 6: password reset is throttled per email and per client address.

Before, 30 requests in 0.4 s sent 30 emails to one person.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from throttle.models import Hit

pytestmark = pytest.mark.django_db

URL = reverse("accounts:password_reset")


def ask(client, email: str = "alice@example.com", address: str = "203.0.113.7"):
    return client.post(URL, {"email": email}, REMOTE_ADDR=address)


@override_settings(PASSWORD_RESET_EMAIL_LIMIT=3, PASSWORD_RESET_ADDRESS_LIMIT=100)
def test_thirty_requests_send_three_emails(client, athlete):
    answers = [ask(client, address=f"198.51.100.{n}").status_code for n in range(30)]

    assert answers[:3] == [302, 302, 302]
    assert set(answers[3:]) == {429}
    assert len(mail.outbox) == 3


@override_settings(PASSWORD_RESET_EMAIL_LIMIT=3, PASSWORD_RESET_ADDRESS_LIMIT=100)
def test_the_refusal_says_how_long_to_wait(client, athlete):
    for _ in range(3):
        ask(client)
    response = ask(client)

    assert response.status_code == 429
    assert 3500 < int(response["Retry-After"]) <= 3600
    assert "Too many tries" in response.content.decode()
    assert "try again in 60 minutes" in response.content.decode()


@override_settings(PASSWORD_RESET_EMAIL_LIMIT=3, PASSWORD_RESET_ADDRESS_LIMIT=100)
def test_the_email_is_counted_however_it_is_written(client, athlete):
    for email in ("alice@example.com", "ALICE@example.com", " Alice@Example.com "):
        assert ask(client, email).status_code == 302
    assert ask(client, "alice@EXAMPLE.com").status_code == 429


@override_settings(PASSWORD_RESET_EMAIL_LIMIT=3, PASSWORD_RESET_ADDRESS_LIMIT=100)
def test_an_email_without_an_account_is_counted_the_same(client):
    """Or the 429 would tell which emails have accounts."""
    for _ in range(3):
        assert ask(client, "nobody@example.com").status_code == 302
    assert ask(client, "nobody@example.com").status_code == 429


@override_settings(PASSWORD_RESET_EMAIL_LIMIT=100, PASSWORD_RESET_ADDRESS_LIMIT=5)
def test_one_address_cannot_mail_many_people(client, athlete, other_athlete):
    for n in range(5):
        assert ask(client, f"person{n}@example.com").status_code == 302
    assert ask(client, "bob@example.com").status_code == 429
    assert ask(client, "bob@example.com", address="192.0.2.1").status_code == 302


@override_settings(PASSWORD_RESET_EMAIL_LIMIT=3, PASSWORD_RESET_ADDRESS_LIMIT=100)
def test_the_limit_lifts_after_the_window(client, athlete):
    for _ in range(3):
        ask(client)
    assert ask(client).status_code == 429
    Hit.objects.update(at=Hit.objects.values("at")[:1][0]["at"] - timedelta(minutes=61))

    assert ask(client).status_code == 302
    assert len(mail.outbox) == 4


def test_the_form_still_works_by_get(client):
    assert client.get(URL).status_code == 200
