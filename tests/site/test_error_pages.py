from __future__ import annotations

from unittest import mock

import pytest
from django.urls import reverse
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_404_in_the_site_frame(client, settings):
    assert settings.DEBUG is False  # Django shows its own technical page when debugging.

    response = client.get("/no-such-page/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert 'class="navbar-brand fw-semibold" href="/">Groundwork</a>' in html
    assert "css/groundwork.css" in html
    assert reverse("exercises:list") in html
    assert "Not medical advice" in html


def test_the_404_page_knows_who_is_signed_in(athlete_client):
    html = athlete_client.get("/no-such-page/").content.decode()
    assert "Alice" in html
    assert "Sign out" in html


def test_a_crash_shows_the_500_page_in_the_site_style(client):
    client.raise_request_exception = False
    with mock.patch("insights.home.render", side_effect=RuntimeError("boom")):
        response = client.get(reverse("home"))

    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in html
    assert "css/groundwork.css" in html
    assert "boom" not in html


def test_the_500_page_needs_no_request_context(rf):
    # Django renders it with an empty context; it must not lean on a user or a URL lookup.
    response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
