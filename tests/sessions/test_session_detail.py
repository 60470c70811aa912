"""The session page's drills: what each card says, escaped, as the template drew it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from sessions.models import Comment, EntryPart, TrainingSession
from tests.factories import CommentFactory, EntryFactory, ExerciseFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


def test_each_drill_card_says_how_it_went(athlete_client, athlete):
    session = TrainingSessionFactory(athlete=athlete)
    EntryFactory(
        session=session,
        exercise=ExerciseFactory(name="Toe raises", position=1),
        pain=2,
        tight_spots=["arch"],
        tight_spot_other="<b>outer</b> ankle",
        notes="Fine\n<script>x</script>",
    )
    EntryFactory(
        session=session, exercise=ExerciseFactory(name="Heel drops", position=2), pain_left=7
    )
    EntryFactory(session=session, exercise=ExerciseFactory(name="Rolling", position=3), done=False)

    html = athlete_client.get(session.get_absolute_url()).content.decode()

    assert '<div class="stat-value">2/3</div>' in html
    assert '<span class="pain pain-high">7/10</span>' in html  # the highest pain, and Pain, left
    assert '<span class="badge text-bg-danger">Pain 7</span>' in html
    assert "border-danger flagged" in html
    assert "bg-body-tertiary" in html and "Skipped" in html
    assert "<dt>Tight</dt><dd>Arch, &lt;b&gt;outer&lt;/b&gt; ankle</dd>" in html
    assert "Fine<br>&lt;script&gt;x&lt;/script&gt;" in html
    assert html.index("Toe raises") < html.index("Heel drops") < html.index("Rolling")


def test_a_part_done_short_of_its_target_shows_the_target(athlete_client, athlete, drills):
    session = TrainingSessionFactory(athlete=athlete)
    drill = drills[0]
    part = drill.parts.first()
    entry = EntryFactory(session=session, exercise=drill)
    EntryPart.objects.create(
        entry=entry, part=part, sets_done=1, reps_done=5, target_sets=3, target_reps=10
    )

    html = athlete_client.get(session.get_absolute_url()).content.decode()

    missed = '1 × 5 <span class="text-body-secondary">(of 3 × 10)</span>'
    assert f"<dt>{part.name}</dt><dd>{missed}</dd>" in html


def test_the_header_gives_the_times_in_the_athletes_zone(client, athlete, coach):
    athlete.time_zone = "Asia/Tokyo"
    athlete.save()
    session = TrainingSessionFactory(
        athlete=athlete, performed_at=datetime(2026, 3, 1, 20, 5, tzinfo=UTC)
    )
    logged = datetime(2026, 3, 1, 21, 0, 30, tzinfo=UTC)
    TrainingSession.objects.filter(pk=session.pk).update(created_at=logged, updated_at=logged)

    client.force_login(coach)  # the athlete's times, whoever reads them
    html = client.get(session.get_absolute_url()).content.decode()
    assert "<title>Session of 2 Mar 2026" in html
    assert '<time datetime="2026-03-02T05:05:00+09:00">Monday 2 March 2026, 05:05</time>' in html
    assert "Logged 2 Mar 2026, 06:00." in html

    edited = datetime(2026, 3, 9, 1, 2, tzinfo=UTC)
    TrainingSession.objects.filter(pk=session.pk).update(updated_at=edited)
    html = client.get(session.get_absolute_url()).content.decode()
    assert "Logged 2 Mar 2026, 06:00 · edited 9 Mar 2026, 10:02." in html


def test_comments_come_oldest_first_each_with_its_author(client, athlete, coach):
    """sessions.views.session_comments sorts in Python and reads only the coaches among the
    authors: the athlete was read with the session."""
    session = TrainingSessionFactory(athlete=athlete)
    start = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
    for minutes, author, body in (
        (2, athlete, "Will do"),
        (0, coach, "Ease off"),
        (5, coach, "Good"),
    ):
        comment = CommentFactory(session=session, author=author, body=body)
        Comment.objects.filter(pk=comment.pk).update(created_at=start + timedelta(minutes=minutes))
    url = reverse("sessions:detail", args=[session.pk])

    client.force_login(athlete)
    html = client.get(url).content.decode()
    assert html.index("Ease off") < html.index("Will do") < html.index("Good")
    assert html.count("Coach Carol</strong>\n          (coach)") == 2
    assert "You</strong>" in html

    client.force_login(coach)
    html = client.get(url).content.decode()
    assert f"{athlete}</strong>" in html and html.count("You</strong>") == 2
