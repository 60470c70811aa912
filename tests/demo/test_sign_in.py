"""`make demo`'s logins on the sign-in page: where newcomers look, in development only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from demo.data import DEMO_PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_people(db):
    UserFactory(username="demo-athlete-001")
    UserFactory(username="demo-athlete-002")
    UserFactory(username="demo-coach-01")


def test_in_development_the_sign_in_page_names_a_demo_athlete_and_coach(
    client, settings, demo_people
):
    settings.DEBUG = True
    html = client.get(reverse("accounts:login")).content.decode()

    assert "<code>demo-athlete-001</code> or <code>demo-coach-01</code>" in html
    assert f"<code>{DEMO_PASSWORD}</code>" in html
    assert "demo-athlete-002" not in html


def test_in_production_the_sign_in_page_says_nothing_of_them(client, settings, demo_people):
    settings.DEBUG = False
    html = client.get(reverse("accounts:login")).content.decode()

    assert "demo-athlete" not in html
    assert DEMO_PASSWORD not in html


def test_without_demo_data_there_is_nothing_to_say(client, settings, athlete):
    settings.DEBUG = True
    html = client.get(reverse("accounts:login")).content.decode()

    assert DEMO_PASSWORD not in html


def test_other_pages_say_nothing_of_them(client, settings, demo_people):
    settings.DEBUG = True
    html = client.get(reverse("accounts:signup")).content.decode()

    assert DEMO_PASSWORD not in html
