"""Pages that summarise a whole log are cached; whatever changes the log shows at once."""

from __future__ import annotations

import gc
import re
from datetime import UTC, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from accounts.services import delete_account
from exercises.models import Exercise
from sessions.models import Comment

from .factories import EntryFactory, logged_routine

pytestmark = pytest.mark.django_db
PROGRESS_URL = reverse("sessions:progress")
User = get_user_model()


def log_today(athlete, **entries):
    return logged_routine(athlete=athlete, performed_at=timezone.now(), **entries)


def test_a_second_look_at_progress_is_served_from_the_cache(
    athlete_client, athlete, drills, django_assert_max_num_queries
):
    log_today(athlete, **{"foot-rolling": {"pain_left": 3}})
    first = athlete_client.get(PROGRESS_URL).content.decode()
    with django_assert_max_num_queries(4):  # session, user, unread comments, drills' version
        second = athlete_client.get(PROGRESS_URL).content.decode()
    assert without_csrf_tokens(second) == without_csrf_tokens(first)


def without_csrf_tokens(html: str) -> str:
    """Each response masks the token anew."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_progress_shows_a_routine_logged_since_the_last_look(athlete_client, athlete, drills):
    log_today(athlete, **{"foot-rolling": {"pain_left": 3}})
    assert "One routine so far." in athlete_client.get(PROGRESS_URL).content.decode()

    session = logged_routine(
        athlete=athlete, performed_at=timezone.now() - timedelta(days=1), **{"toe-raises": {}}
    )
    html = athlete_client.get(PROGRESS_URL).content.decode()
    assert "One routine so far." not in html
    assert 'data-stat="streak">2 <span class="stat-unit">days' in html

    session.delete()
    assert "One routine so far." in athlete_client.get(PROGRESS_URL).content.decode()


def test_progress_shows_an_edited_entry(athlete_client, athlete, drills):
    session = log_today(athlete, **{"foot-rolling": {"pain_left": 3}})
    assert (
        "Foot rolling: rated once so far, 3/10" in athlete_client.get(PROGRESS_URL).content.decode()
    )

    entry = session.entries.get()
    entry.pain_left = 6
    entry.save()
    assert (
        "Foot rolling: rated once so far, 6/10" in athlete_client.get(PROGRESS_URL).content.decode()
    )


def test_progress_shows_a_drill_renamed_by_an_admin(athlete_client, athlete, drills):
    log_today(athlete, **{"foot-rolling": {"pain_left": 3}})
    athlete_client.get(PROGRESS_URL)

    drill = Exercise.objects.get(slug="foot-rolling")
    drill.name = "Ball rolling"
    drill.save()
    assert "Ball rolling: rated once so far" in athlete_client.get(PROGRESS_URL).content.decode()


def test_coach_and_athlete_each_see_their_own_progress_page(client, athlete, coach, drills):
    session = log_today(athlete)
    EntryFactory(session=session, exercise=drills[0], pain_left=2)
    client.force_login(athlete)
    own = client.get(PROGRESS_URL).content.decode()
    assert "Your progress" in own

    client.force_login(coach)
    html = client.get(reverse("coaching:athlete_progress", args=[athlete.pk])).content.decode()
    assert "Progress of Alice" in html
    assert "Your progress" not in html
    assert "Start routine" not in html


def test_progress_follows_the_athletes_new_time_zone(athlete_client, athlete, drills):
    log_today(athlete, **{"foot-rolling": {"pain_left": 3}})
    before = today_on_calendar(athlete_client.get(PROGRESS_URL).content.decode())

    # A zone whose date differs from UTC's right now: far east late in the UTC day, else far west.
    far = "Pacific/Kiritimati" if timezone.now().hour >= 10 else "Pacific/Pago_Pago"
    athlete.time_zone = far
    athlete.save()
    after = today_on_calendar(athlete_client.get(PROGRESS_URL).content.decode())
    assert before == f"{timezone.localdate(timezone=UTC):%Y-%m-%d}"
    assert after == f"{timezone.localdate(timezone=athlete.zone):%Y-%m-%d}" != before


def today_on_calendar(html: str) -> str:
    return re.search(r'day-today"[^>]*data-day="([\d-]+)"', html).group(1)


EXPORT_URL = reverse("sessions:export")


def test_a_second_download_comes_from_the_cache_and_matches_the_first(
    athlete_client, athlete, drills, django_assert_max_num_queries
):
    log_today(athlete, **{"foot-rolling": {"pain_left": 3}, "toe-raises": {"pain": 1}})
    first = athlete_client.get(EXPORT_URL)
    assert first.streaming
    body = first.getvalue()
    with django_assert_max_num_queries(3):  # session, user, drills' version
        second = athlete_client.get(EXPORT_URL)
    assert second.getvalue() == body
    assert second["Content-Disposition"] == first["Content-Disposition"]
    assert second["Content-Type"] == "text/csv; charset=utf-8"


def test_a_download_shows_a_routine_logged_since_the_last(athlete_client, athlete, drills):
    log_today(athlete, **{"foot-rolling": {"pain_left": 3}})
    assert len(athlete_client.get(EXPORT_URL).getvalue().splitlines()) == 2

    log_today(athlete, **{"toe-raises": {"notes": "new"}})
    lines = athlete_client.get(EXPORT_URL).getvalue().decode().splitlines()
    assert len(lines) == 3
    assert lines[-1].endswith(",new")


def test_a_download_broken_off_half_way_is_not_kept(athlete_client, athlete, drills):
    log_today(athlete, **{"foot-rolling": {"pain_left": 3}, "toe-raises": {"pain": 1}})
    broken = athlete_client.get(EXPORT_URL)
    lines = iter(broken.streaming_content)
    next(lines)  # the header line, then the connection drops: the rest is never asked for
    del lines, broken
    gc.collect()

    whole = athlete_client.get(EXPORT_URL)
    assert whole.streaming  # worked out afresh, not the half file
    assert len(whole.getvalue().splitlines()) == 3


def test_coach_downloads_the_same_file_the_athlete_does(client, athlete, coach, drills):
    log_today(athlete, **{"foot-rolling": {"pain_left": 3}})
    client.force_login(athlete)
    own = client.get(EXPORT_URL).getvalue()
    client.force_login(coach)
    coached = client.get(reverse("coaching:athlete_export", args=[athlete.pk]))
    assert coached.getvalue() == own


def test_the_unread_count_follows_new_and_read_comments(client, athlete, coach):
    session = log_today(athlete)
    client.force_login(athlete)
    assert client.get(reverse("home")).context["nav"]["unread_comments"] == 0

    Comment.objects.create(session=session, author=coach, body="Ease off the drops.")
    assert client.get(reverse("home")).context["nav"]["unread_comments"] == 1

    # The page that marks the comment read already counts it read.
    page = client.get(session.get_absolute_url())
    assert page.context["nav"]["unread_comments"] == 0
    assert "unread comment" not in page.content.decode()
    assert client.get(reverse("home")).context["nav"]["unread_comments"] == 0


def test_a_deleted_coachs_comments_leave_the_athletes_unread_count(client, athlete, coach):
    session = log_today(athlete)
    Comment.objects.create(session=session, author=coach, body="Ease off the drops.")
    client.force_login(athlete)
    assert client.get(reverse("home")).context["nav"]["unread_comments"] == 1

    delete_account(user=coach)  # the comment goes with its author, by cascade
    assert client.get(reverse("home")).context["nav"]["unread_comments"] == 0


def test_saving_a_profile_read_before_a_routine_keeps_the_routine_on_show(
    athlete_client, athlete, drills
):
    log_today(athlete, **{"foot-rolling": {"pain_left": 3}})
    assert "One routine so far." in athlete_client.get(PROGRESS_URL).content.decode()

    read_earlier = User.objects.get(pk=athlete.pk)
    logged_routine(
        athlete=athlete, performed_at=timezone.now() - timedelta(days=1), **{"toe-raises": {}}
    )
    read_earlier.email = "alice@example.org"
    read_earlier.save()  # as the profile page saves the user it read at the request's start

    html = athlete_client.get(PROGRESS_URL).content.decode()
    assert "One routine so far." not in html
    assert User.objects.get(pk=athlete.pk).email == "alice@example.org"


def test_an_entry_changed_on_its_own_shows_on_the_session_page_and_in_history(
    athlete_client, athlete, drills
):
    session = log_today(athlete, **{"foot-rolling": {"pain_left": 3}})
    assert "pain 3" in athlete_client.get(reverse("sessions:list")).content.decode()
    athlete_client.get(session.get_absolute_url())

    entry = session.entries.get()
    entry.pain_left = 6
    entry.save()
    assert "pain 6" in athlete_client.get(reverse("sessions:list")).content.decode()
    assert "6/10" in athlete_client.get(session.get_absolute_url()).content.decode()
