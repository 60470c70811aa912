"""One write path: what pages show follows every change to a log, however it was made.

Each test here is a defect of the page caches this replaced (issue 11): it failed while pages
were cached under versions kept fresh by save() overrides and signals.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from exercises.models import Exercise
from sessions import services
from sessions.models import LogSummary, TrainingSession
from tests.browser_forms import routine_values
from tests.factories import (
    CommentFactory,
    EntryFactory,
    TrainingSessionFactory,
    logged_routine,
    part_field,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged(athlete_client, athlete, drills):
    """A routine saved through the form, as the athlete saves one, yesterday."""
    values = routine_values(athlete_client.get(reverse("sessions:create")))
    yesterday = timezone.localtime() - timedelta(days=1)
    values |= {
        "toe-raises-pain": "2",
        "session-notes": "Calves tight after the hills.",
        "session-performed_at": yesterday.strftime("%Y-%m-%dT%H:%M"),
    }
    assert athlete_client.post(reverse("sessions:create"), values).status_code == 302
    return TrainingSession.objects.get(athlete=athlete)


def drill_names(html: str) -> list[str]:
    return re.findall(r'<h3 class="h6 mb-1">([^<]+)</h3>', html)


def test_the_session_page_follows_an_admins_new_drill_order(athlete_client, logged, drills):
    url = logged.get_absolute_url()
    assert drill_names(athlete_client.get(url).content.decode())[0] == drills[0].name
    last = drills[-1]
    last.position = 0
    last.save()  # as the admin saves it
    assert drill_names(athlete_client.get(url).content.decode())[0] == last.name


def test_a_drill_renamed_by_a_queryset_update_shows_on_the_log_form(athlete_client, drills):
    athlete_client.get(reverse("sessions:create"))
    Exercise.objects.filter(pk=drills[0].pk).update(name="Ball rolling under the arch")
    assert (
        "Ball rolling under the arch"
        in athlete_client.get(reverse("sessions:create")).content.decode()
    )


def test_a_save_with_update_fields_shows_at_once_in_history_and_on_the_session(
    athlete_client, logged
):
    athlete_client.get(reverse("sessions:list"))
    athlete_client.get(logged.get_absolute_url())
    logged.morning_after_pain = 4
    logged.save(update_fields=["morning_after_pain"])
    assert "morning after 4" in athlete_client.get(reverse("sessions:list")).content.decode()
    assert 'value="4" selected' in athlete_client.get(logged.get_absolute_url()).content.decode()


def test_a_queryset_delete_leaves_no_trace_on_the_pages(athlete_client, athlete, logged):
    progress = reverse("insights:progress")
    assert "One routine so far" in athlete_client.get(progress).content.decode()
    TrainingSession.objects.filter(athlete=athlete).delete()
    html = athlete_client.get(progress).content.decode()
    assert "One routine so far" not in html
    assert "Your charts start with your first routine" in html
    assert "No routines logged yet" in athlete_client.get(reverse("sessions:list")).content.decode()


def test_pages_keep_nothing_in_the_cache(athlete_client, athlete, coach, client, logged):
    """A note read back from the cache cost memory per download; a page must not keep any."""
    for name in ("sessions:list", "sessions:create", "insights:progress", "sessions:export"):
        response = athlete_client.get(reverse(name))
        b"".join(response.streaming_content) if response.streaming else response.content
    athlete_client.get(logged.get_absolute_url())
    client.force_login(coach)
    client.get(reverse("insights:dashboard"))
    client.get(reverse("insights:athlete", args=[athlete.pk]))
    assert not cache._cache


def test_a_deleted_account_leaves_nothing_of_the_person_behind(
    athlete_client, athlete, logged, password
):
    athlete_client.get(reverse("sessions:list"))
    athlete_client.get(reverse("sessions:export"))
    response = athlete_client.post(reverse("accounts:delete"), {"password": password})
    assert response.status_code == 302
    assert not LogSummary.objects.filter(athlete_id=athlete.pk).exists()
    assert not TrainingSession.objects.filter(athlete_id=athlete.pk).exists()
    assert not any(b"Calves tight" in repr(value).encode() for value in cache._cache.values())


def test_editing_a_routine_never_writes_the_user_row(athlete_client, logged):
    values = routine_values(athlete_client.get(reverse("sessions:update", args=[logged.pk])))
    with CaptureQueriesContext(connection) as queries:
        athlete_client.post(reverse("sessions:update", args=[logged.pk]), values)
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].startswith("UPDATE") and "accounts_user" in q["sql"].split("SET")[0]
    ]
    assert writes == []


def test_deleting_an_account_costs_the_same_however_many_comments(
    client, athlete, coach, password, django_assert_max_num_queries
):
    session = TrainingSessionFactory(athlete=athlete)
    for _ in range(30):
        CommentFactory(session=session, author=coach)
    client.force_login(coach)
    # 26 queries with no comments and with thirty: none is deleted or counted one by one.
    # (+4, each one set-wide: reminders' deliveries and reply notices, by user and by comment.)
    with django_assert_max_num_queries(32):
        client.post(reverse("accounts:delete"), {"password": password})


def test_the_summary_follows_every_kind_of_write(athlete, drills):
    now = timezone.now()
    session, _ = services.log_routine(
        athlete=athlete,
        session=TrainingSession(performed_at=now - timedelta(hours=2)),
        entries=[services.Entry(exercise=drills[0], pain=6)],
        submission_token=None,
    )
    summary = LogSummary.objects.get(athlete=athlete)
    assert (summary.last_session_id, summary.last_highest_pain) == (session.pk, 6)

    services.set_morning_after(session=session, pain=7)
    assert LogSummary.objects.get(athlete=athlete).recent[0][2] == 7

    entry = session.entries.get()
    entry.pain = 1
    services.update_routine(session=session, entries=[entry])
    assert LogSummary.objects.get(athlete=athlete).last_highest_pain == 1

    services.delete_routine(session=session)
    summary = LogSummary.objects.get(athlete=athlete)
    assert (summary.last_session_id, summary.recent) == (None, [])


def test_refresh_summaries_mends_what_a_data_script_left(athlete, drills):
    session = TrainingSession.objects.create(athlete=athlete, performed_at=timezone.now())
    EntryFactory._meta.model.objects.create(session=session, exercise=drills[0], pain=3)
    assert not LogSummary.objects.filter(athlete=athlete).exists()
    from django.core.management import call_command

    call_command("refresh_summaries", "--missing", verbosity=0)
    assert LogSummary.objects.get(athlete=athlete).last_highest_pain == 3


def test_refresh_summaries_sums_up_parts_a_data_script_wrote(athlete, drills):
    session = logged_routine(
        athlete=athlete,
        performed_at=timezone.now(),
        **{"eccentric-heel-drops": {"variant": "Double leg", "parts": "prescribed"}},
    )
    entry = session.entries.get()
    entry.parts.filter(part__name="Knee bent").update(reps_done=8)  # around the services
    from django.core.management import call_command

    call_command("refresh_summaries", verbosity=0)
    entry.refresh_from_db()
    assert not entry.as_prescribed
    assert entry.parts_text == "Knee straight 3 × 10; Knee bent 3 × 8"


SUMMARY_FIELDS = (
    "last_session_id", "last_performed_at", "last_highest_pain", "recent", "drill_pains",
    "rising_drills", "wall_left_cm", "wall_right_cm", "wall_recent", "variants",
    "usual_morning_pain",
)  # fmt: skip


def summary_values(athlete) -> dict:
    return LogSummary.objects.filter(athlete=athlete).values(*SUMMARY_FIELDS).get()


def test_a_routine_added_to_the_summary_agrees_with_the_summary_worked_out_afresh(
    athlete_client, athlete, drills
):
    """Saving reads the summary and the routine alone (services.add_to_summary): it must come
    to what reading the whole log again does."""
    url = reverse("sessions:create")
    # Toe raises' pain ends 1 → 2 → 4: the last save starts a rising trend.
    routines = ((5, "2", "8.5"), (4, "5", "9"), (3, "1", "10"), (2, "2", "10"), (1, "4", "9.5"))
    for days_ago, pain, wall in routines:
        values = routine_values(athlete_client.get(url))
        when = timezone.localtime() - timedelta(days=days_ago)
        values |= {
            "session-performed_at": when.strftime("%Y-%m-%dT%H:%M"),
            "toe-raises-pain": pain,
            "toe-raises-tight_spots": ["big_toe"],
            "ankle-mobility-wall-wall_distance_left_cm": wall,
        }
        assert athlete_client.post(url, values).status_code == 302
        added = summary_values(athlete)
        services.refresh_summary(athlete.pk)
        assert added == summary_values(athlete)
    assert [pains for _, _, pains in added["rising_drills"]] == [[1, 2, 4]]


def test_each_entry_sums_up_its_parts_when_logged_and_when_edited(athlete_client, logged):
    """Progress reads how the parts went from the entry, not its part rows: the log form and
    the edit keep the entry's as_prescribed and parts_text in step with its parts."""

    def heel_drops():
        entry = logged.entries.get(exercise__slug="eccentric-heel-drops")
        texts = [f"{part.label} {part.done_text}" for part in entry.parts.all()]
        return entry, texts

    entry, texts = heel_drops()
    assert entry.as_prescribed
    assert entry.parts_text == "; ".join(texts) == "Knee straight 3 × 10; Knee bent 3 × 10"

    edit = reverse("sessions:update", args=[logged.pk])
    values = routine_values(athlete_client.get(edit))
    values[part_field("eccentric-heel-drops", "Knee bent", "both", "sets")] = "2"
    assert athlete_client.post(edit, values).status_code == 302
    entry, texts = heel_drops()
    assert not entry.as_prescribed
    assert entry.parts_text == "; ".join(texts) == "Knee straight 3 × 10; Knee bent 2 × 10"
    for entry in logged.entries.all():  # every drill, with parts, timed, or none
        rows = list(entry.parts.all())
        assert entry.parts_text == "; ".join(f"{row.label} {row.done_text}" for row in rows)
        assert entry.as_prescribed == (bool(rows) and all(row.as_prescribed for row in rows))
