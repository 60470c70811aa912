"""The navigation bar: its links, the current page, and the unread comments beside the menu."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CommentFactory, TrainingSessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_menu_counts_only_others_unread_comments_on_ones_own_sessions(
    athlete_client, athlete, other_athlete, coach
):
    mine = TrainingSessionFactory(athlete=athlete)
    CommentFactory(session=mine, author=coach, body="Ease off.")
    CommentFactory(session=mine, author=coach, body="Good.")
    CommentFactory(session=mine, author=coach, body="Seen.", read_at=timezone.now())
    CommentFactory(session=mine, author=athlete, body="My own reply is never unread.")
    CommentFactory(session=TrainingSessionFactory(athlete=other_athlete), author=coach)

    html = athlete_client.get(reverse("sessions:list")).content.decode()

    assert "2 new comments</a>" in html
    assert '2<span class="visually-hidden"> unread comments</span>' in html


def test_links_mark_the_current_page_and_anonymous_visitors_see_only_drills(client, athlete):
    html = client.get(reverse("exercises:list")).content.decode()
    assert 'class="nav-link active" aria-current="page" href="/drills/">Drills' in html
    assert "Log routine" not in html
    assert 'href="/accounts/login/">Sign in' in html

    client.force_login(UserFactory())
    html = client.get(reverse("sessions:list")).content.decode()
    assert 'class="nav-link active" aria-current="page" href="/sessions/">History' in html
    assert 'class="nav-link" href="/drills/">Drills' in html
    assert "new comment" not in html
