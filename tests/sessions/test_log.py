from __future__ import annotations

from datetime import timedelta
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.db import IntegrityError, transaction
from django.db.models import CheckConstraint
from django.forms import BaseForm, ModelForm
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from exercises.models import Exercise, routine
from sessions import services
from sessions.bounds import NOTES_MAX_LENGTH
from sessions.log_form import ChecksWithItsModelFields, CleansFromData, DrillCard, RoutineForm
from sessions.models import Entry, EntryPart, LogSummary, TrainingSession
from tests.browser_forms import routine_values
from tests.factories import EntryFactory, TrainingSessionFactory, part_field, variant_id

pytestmark = pytest.mark.django_db
LOG_URL = reverse("sessions:create")


@pytest.fixture
def log_form(athlete_client, drills):
    """The log form as a browser fills it before the athlete changes anything."""
    response = athlete_client.get(LOG_URL)
    assert response.status_code == 200
    return routine_values(response)


def test_log_form_shows_the_six_active_drills_in_routine_order(athlete_client, drills):
    response = athlete_client.get(LOG_URL)
    shown = [form.drill for form in response.context["form"].entry_forms]
    assert shown == drills
    html = response.content.decode()
    assert "0 · no pain" in html and "10 · worst imaginable" in html


def test_log_form_fields_follow_each_drill(athlete_client, drills):
    response = athlete_client.get(LOG_URL)
    fields = {form.drill.slug: set(form.fields) for form in response.context["form"].entry_forms}

    def parts(slug: str) -> set[str]:
        return {name.removeprefix(f"{slug}-") for name in fields_named(slug)}

    def fields_named(slug: str) -> set[str]:
        return {
            part_field(slug, part.name, side, measure)
            for part in Exercise.objects.get(slug=slug).parts.all()
            for side in ("both", "left", "right")
            for measure in ("sets", "reps", "seconds")
        }

    assert {"pain_left", "pain_right", "variant"} <= fields["foot-rolling"]
    assert "pain" not in fields["foot-rolling"]
    rolling = {name for name in fields["foot-rolling"] if name.startswith("part")}
    assert rolling == parts("foot-rolling") & {n for n in rolling if n.endswith("_seconds")}
    assert len(rolling) == 2  # the one part, left and right, in seconds
    assert {"wall_distance_left_cm", "wall_distance_right_cm"} <= fields["ankle-mobility-wall"]
    heel = {name for name in fields["eccentric-heel-drops"] if name.startswith("part")}
    assert len(heel) == 2 * 3 * 2  # two parts, both legs and each leg, sets and reps
    assert {"variant", "pain_left", "pain_right"} <= fields["eccentric-heel-drops"]
    toes = {name for name in fields["toe-raises"] if name.startswith("part")}
    assert len(toes) == 3 * 2 and "pain" in fields["toe-raises"]
    assert "variant" not in fields["toe-raises"]
    assert "wall_distance_left_cm" not in fields["toe-raises"]


def test_log_defaults_to_now_in_the_athletes_time_zone(athlete_client, athlete, drills):
    athlete.time_zone = "Pacific/Auckland"
    athlete.save()
    response = athlete_client.get(LOG_URL)
    shown = routine_values(response)["session-performed_at"]
    expected = timezone.localtime(timezone=athlete.zone).strftime("%Y-%m-%dT%H:%M")
    assert shown[:13] == expected[:13]


def test_done_when_an_athlete_logs_a_routine(athlete_client, athlete, log_form, drills):
    """Pain 3 and a tight Achilles on heel drops, 9 cm / 8 cm on the wall drill."""
    log_form |= {
        "eccentric-heel-drops-pain_left": "3",
        "eccentric-heel-drops-tight_spots": ["achilles"],
        "ankle-mobility-wall-wall_distance_left_cm": "9",
        "ankle-mobility-wall-wall_distance_right_cm": "8",
        "session-notes": "Felt stiff after yesterday's long run.",
    }

    response = athlete_client.post(LOG_URL, log_form, follow=True)

    session = TrainingSession.objects.get(athlete=athlete)
    assert response.redirect_chain[-1][0] == session.get_absolute_url()
    html = response.content.decode()
    assert "Routine logged." in html
    assert "9 cm left, 8 cm right" in html
    assert "Achilles" in html
    assert session.entries.count() == 6
    heel_drops = session.entries.get(exercise__slug="eccentric-heel-drops")
    assert (heel_drops.peak_pain, heel_drops.tight_spots, heel_drops.variant.name) == (
        3,
        ["achilles"],
        "Double leg",
    )
    assert [
        (row.part.name, row.side, row.sets_done, row.reps_done) for row in heel_drops.parts.all()
    ] == [
        ("Knee straight", "both", 3, 10),
        ("Knee bent", "both", 3, 10),
    ]

    history = athlete_client.get(reverse("sessions:list")).content.decode()
    first_row = history.split('class="card mb-2"')[1]
    assert "pain 3" in first_row
    assert "tight: Achilles" in first_row
    assert "6/6 drills" in first_row


def test_time_is_stored_in_utc_and_read_in_the_athletes_zone(athlete_client, athlete, log_form):
    athlete.time_zone = "America/New_York"
    athlete.save()
    log_form["session-performed_at"] = "2026-01-15T06:30"

    athlete_client.post(LOG_URL, log_form)

    session = TrainingSession.objects.get(athlete=athlete)
    assert session.performed_at.isoformat() == "2026-01-15T11:30:00+00:00"
    html = athlete_client.get(session.get_absolute_url()).content.decode()
    assert "Thursday 15 January 2026, 06:30" in html


def test_a_time_in_the_future_is_refused_at_the_field(athlete_client, log_form):
    later = timezone.localtime() + timedelta(hours=2)
    log_form["session-performed_at"] = later.strftime("%Y-%m-%dT%H:%M")
    log_form["toe-raises-notes"] = "Keep me"

    response = athlete_client.post(LOG_URL, log_form)

    assert response.status_code == 200
    assert "That time is in the future" in response.content.decode()
    assert routine_values(response)["toe-raises-notes"] == "Keep me"
    assert not TrainingSession.objects.exists()


def test_a_routine_with_no_drill_done_is_refused(athlete_client, log_form, drills):
    for drill in drills:
        log_form.pop(f"{drill.slug}-done")

    response = athlete_client.post(LOG_URL, log_form)

    assert response.status_code == 200
    assert "a routine with no drill done is not logged" in response.content.decode()
    assert not TrainingSession.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("toe-raises-pain", "11", "Select a valid choice"),
        ("foot-rolling-pain_left", "-1", "Select a valid choice"),
        (("toe-raises", "Big toe", "both", "sets"), "-2", "greater than or equal to 0"),
        ("ankle-mobility-wall-wall_distance_left_cm", "nine", "Enter a number"),
        ("session-run_distance_km", "-5", "greater than or equal to 0"),
        (("toe-raises", "Little toes", "both", "reps"), "-1", "greater than or equal to 0"),
        ("ankle-mobility-wall-wall_distance_right_cm", "-1", "greater than or equal to 0"),
        ("ankle-mobility-wall-wall_distance_left_cm", "41", "less than or equal to 40"),
        ("eccentric-heel-drops-variant", "999999", "Choose one of the variants shown"),
    ],
)
def test_bad_values_get_a_message_at_the_field_and_keep_everything_typed(
    athlete_client, log_form, field, value, message
):
    if isinstance(field, tuple):
        field = part_field(*field)
    seconds = part_field(
        "trigger-point-release", "Pause on each knot, shin and calf", "left", "seconds"
    )
    log_form |= {
        field: value,
        "session-notes": "Windy morning",
        "eccentric-heel-drops-tight_spots": ["calf", "achilles"],
        seconds: "90",
    }

    response = athlete_client.post(LOG_URL, log_form)

    assert response.status_code == 200
    assert message in response.content.decode()
    shown = routine_values(response)
    assert shown[field] == value
    assert shown["session-notes"] == "Windy morning"
    assert shown["eccentric-heel-drops-tight_spots"] == ["calf", "achilles"]
    assert shown[seconds] == "90"
    assert not TrainingSession.objects.exists()


@pytest.mark.parametrize(
    ("changes", "valid"),
    [
        ({}, True),
        ({"ankle-mobility-wall-wall_distance_left_cm": "9.5", "session-run_type": "hills"}, True),
        (
            {
                "ankle-mobility-wall-wall_distance_left_cm": "41",
                "ankle-mobility-wall-wall_distance_right_cm": "-123.45",
                "toe-raises-tight_spot_other": "  ",
                "foot-rolling-pain_left": "11",
            },
            False,
        ),
        (
            {
                "session-run_distance_km": "501",
                "session-timing": "",
                "session-notes": "n" * (NOTES_MAX_LENGTH + 1),
                "toe-raises-done": None,
                "toe-raises-tight_spots": ["heel", "nowhere"],
            },
            False,
        ),
    ],
)
def test_the_forms_build_and_check_their_rows_as_model_forms_do(log_form, changes, valid):
    """The log's forms clean their fields and set and check their instances themselves
    (sessions.log_form: CleansFromData, ChecksWithItsModelFields): the same values, the same
    messages at the same fields, as Django's ModelForm gives."""
    sent = {name: value for name, value in (log_form | changes).items() if value is not None}
    data = QueryDict(urlencode(sent, doseq=True))

    def validated() -> list:
        form = RoutineForm(drills=routine(), data=data)
        form.is_valid()
        return [
            (form.errors.get_json_data(), form.cleaned_data, fields_of(form.instance))
            for form in (form.session_form, *form.entry_forms)
        ]

    ours = validated()
    with (
        mock.patch.object(ChecksWithItsModelFields, "_post_clean", ModelForm._post_clean),
        mock.patch.object(CleansFromData, "_clean_fields", BaseForm._clean_fields),
    ):
        assert validated() == ours
    assert all(not errors for errors, *_ in ours) == valid


def test_cards_draw_a_new_or_edited_form_as_bound_fields_would(athlete, drills):
    """A form not sent back draws its fields from BlankFields (sessions.log_form): the same
    names, ids, labels and values as Django's BoundFields, so the same cards."""
    session = TrainingSessionFactory(athlete=athlete)
    EntryFactory(session=session, exercise=drills[1], pain=3, notes="Tight <calf> & shin")
    entries = {entry.exercise_id: entry for entry in session.entries.prefetch_related("parts")}
    forms = {
        "new": lambda: RoutineForm(drills=routine(), last_variants={}),
        "edited": lambda: RoutineForm(drills=routine(), instance=session, entries=entries),
    }
    bound = property(lambda card: {name: card.form[name] for name in card.form.fields})
    for kind, make in forms.items():
        ours = make().cards_html()
        with mock.patch.object(DrillCard, "fields", bound):
            assert make().cards_html() == ours, kind
        assert "Tight &lt;calf&gt; &amp; shin" in ours or kind == "new"


def fields_of(instance) -> dict:
    """An instance's values, but the new session's token: a new one for each instance."""
    return {
        k: v for k, v in vars(instance).items() if not k.startswith("_") and k != "submission_token"
    }


def test_heel_drops_done_need_their_variant(athlete_client, log_form):
    log_form["eccentric-heel-drops-variant"] = ""
    response = athlete_client.post(LOG_URL, log_form)
    assert "Say which variant you did." in response.content.decode()


def test_a_skipped_drill_is_kept_as_skipped(athlete_client, athlete, log_form):
    log_form.pop("toe-raises-done")
    athlete_client.post(LOG_URL, log_form)
    session = TrainingSession.objects.with_summary().get(athlete=athlete)
    assert (session.drills_done, session.drills_offered) == (5, 6)
    assert not session.entries.get(exercise__slug="toe-raises").done


def test_tapping_save_twice_creates_one_session(athlete_client, athlete, log_form):
    first = athlete_client.post(LOG_URL, log_form)
    second = athlete_client.post(LOG_URL, log_form, follow=True)

    assert TrainingSession.objects.filter(athlete=athlete).count() == 1
    assert first.url == second.redirect_chain[-1][0]
    assert "already saved" in second.content.decode()


def test_the_database_refuses_a_second_session_with_the_same_submission(athlete):
    first = TrainingSessionFactory(athlete=athlete)
    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingSessionFactory(athlete=athlete, submission_token=first.submission_token)


@pytest.mark.parametrize("field", ["pain", "pain_left", "pain_right"])
def test_the_database_holds_pain_in_range(field):
    with pytest.raises(IntegrityError), transaction.atomic():
        EntryFactory(**{field: 11})


@pytest.mark.parametrize("field", ["sets_done", "reps_done", "seconds"])
def test_the_database_holds_counts_in_range(field, drills):
    entry = EntryFactory(exercise=drills[3])
    part = drills[3].parts.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        EntryPart.objects.create(entry=entry, part=part, **{field: -1})


def test_the_database_keeps_one_row_per_part_and_side(drills):
    entry = EntryFactory(exercise=drills[3])
    part = drills[3].parts.first()
    EntryPart.objects.create(entry=entry, part=part, side="both", sets_done=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        EntryPart.objects.create(entry=entry, part=part, side="both", sets_done=1)


def test_same_as_last_time_copies_what_was_done_never_pain_or_notes(
    athlete_client, athlete, log_form
):
    """Issue 13: it copied last time's pain scores, inventing pain data."""
    single = variant_id("eccentric-heel-drops", "Single leg")
    bent_left = part_field("eccentric-heel-drops", "Knee bent", "left", "sets")
    log_form |= {
        "session-timing": "post_run",
        "ankle-mobility-wall-wall_distance_left_cm": "9",
        "ankle-mobility-wall-wall_distance_right_cm": "8",
        "eccentric-heel-drops-variant": single,
        bent_left: "2",
        "eccentric-heel-drops-pain_left": "4",
        "foot-rolling-tight_spots": ["arch"],
        "foot-rolling-pain_right": "2",
        "toe-raises-notes": "Not copied",
    }
    log_form.pop("toe-raises-done")
    athlete_client.post(LOG_URL, log_form)

    response = athlete_client.get(f"{LOG_URL}?repeat=1")

    again = routine_values(response)
    assert again["session-timing"] == "post_run"
    assert again["ankle-mobility-wall-wall_distance_left_cm"] == "9.0"
    assert again["eccentric-heel-drops-variant"] == single
    assert again[bent_left] == "2"
    assert again["eccentric-heel-drops-pain_left"] == ""
    assert again["foot-rolling-pain_right"] == ""
    assert again["foot-rolling-tight_spots"] == []
    assert "toe-raises-done" not in again
    assert again["toe-raises-notes"] == ""
    assert again["session-submission_token"] != log_form["session-submission_token"]


def test_same_as_last_time_with_no_history_says_so(athlete_client, drills):
    response = athlete_client.get(f"{LOG_URL}?repeat=1")
    assert "No earlier session to copy yet" in response.content.decode()


def test_measured_drills_show_the_last_values_as_a_hint(athlete_client, log_form):
    log_form |= {
        "ankle-mobility-wall-wall_distance_left_cm": "9",
        "ankle-mobility-wall-wall_distance_right_cm": "8",
        "eccentric-heel-drops-variant": variant_id("eccentric-heel-drops", "Single leg"),
    }
    athlete_client.post(LOG_URL, log_form)

    html = athlete_client.get(LOG_URL).content.decode()

    assert "Last time: 9 cm left, 8 cm right" in html
    assert "Last time: Single leg" in html


def test_each_entry_records_the_drill_revision_followed(athlete_client, athlete, log_form):
    athlete_client.post(LOG_URL, log_form)
    drill = Exercise.objects.get(slug="toe-raises")
    followed = drill.history.latest()
    drill.name = "Toe yoga"
    drill.instructions = "Completely new instructions."
    drill.save()

    entry = Entry.objects.get(session__athlete=athlete, exercise=drill)
    assert entry.exercise_revision == followed
    assert entry.drill_name == "Toe raises"
    html = athlete_client.get(entry.session.get_absolute_url()).content.decode()
    assert "Toe raises" in html
    assert "Toe yoga" not in html


def test_a_deactivated_drill_leaves_the_form_but_stays_in_old_sessions(
    athlete_client, athlete, log_form
):
    athlete_client.post(LOG_URL, log_form)
    toe_raises = Exercise.objects.get(slug="toe-raises")
    toe_raises.active = False
    toe_raises.save()  # as the admin does: a revision, and so a new drills_version()

    form = athlete_client.get(LOG_URL).context["form"]
    assert "toe-raises" not in [entry.drill.slug for entry in form.entry_forms]
    session = TrainingSession.objects.get(athlete=athlete)
    assert "Toe raises" in athlete_client.get(session.get_absolute_url()).content.decode()


def test_a_drill_with_history_cannot_be_deleted(athlete_client, athlete, log_form):
    from django.db.models import ProtectedError

    athlete_client.post(LOG_URL, log_form)
    with pytest.raises(ProtectedError):
        Exercise.objects.get(slug="toe-raises").delete()


def test_a_part_or_variant_a_log_followed_cannot_be_deleted(athlete_client, athlete, log_form):
    # Found without an index of their own (Entry.exercise says why): still refused.
    from django.db.models import ProtectedError

    athlete_client.post(LOG_URL, log_form)
    entry = Entry.objects.get(exercise__slug="eccentric-heel-drops")
    used = [entry.variant, entry.parts.first().part]
    for row in used:
        with pytest.raises(ProtectedError):
            row.delete()
    assert all(type(row).objects.filter(pk=row.pk).exists() for row in used)


def test_done_when_a_new_user_signs_up_logs_edits_and_a_stranger_gets_404(
    client, drills, other_athlete
):
    client.post(
        reverse("accounts:signup"),
        {
            "username": "nina",
            "email": "nina@example.com",
            "display_name": "Nina",
            "time_zone": "Europe/Paris",
            "password1": "hill-repeats-2026",
            "password2": "hill-repeats-2026",
        },
    )
    values = routine_values(client.get(LOG_URL)) | {
        "eccentric-heel-drops-pain_right": "3",
        "eccentric-heel-drops-tight_spots": ["achilles"],
        "ankle-mobility-wall-wall_distance_left_cm": "9",
        "ankle-mobility-wall-wall_distance_right_cm": "8",
    }
    session_url = client.post(LOG_URL, values).url

    history = client.get(reverse("sessions:list"))
    assert f'href="{session_url}"' in history.content.decode()
    assert "pain 3" in history.content.decode()

    edit_url = reverse("sessions:update", args=[history.context["page"][0].pk])
    edited = routine_values(client.get(edit_url)) | {"session-notes": "Calf better by the end"}
    client.post(edit_url, edited)
    assert "Calf better by the end" in client.get(session_url).content.decode()

    client.force_login(other_athlete)
    assert client.get(session_url).status_code == 404


def test_a_save_refused_half_way_leaves_nothing_and_is_no_duplicate(athlete, drills):
    """Duplicates are found by meeting the unique constraint; any other refusal still fails."""
    session = TrainingSessionFactory.build(athlete=athlete)
    bad_entry = EntryFactory.build(session=None, exercise=drills[0], pain=11)
    with pytest.raises(IntegrityError):
        services.log_routine(
            athlete=athlete, session=session, entries=[bad_entry], submission_token=None
        )
    assert not TrainingSession.objects.filter(athlete=athlete).exists()


def test_the_hint_comes_from_the_latest_session_not_the_latest_logged(
    athlete_client, athlete, drills
):
    wall = Exercise.objects.get(slug="ankle-mobility-wall")
    recent = TrainingSessionFactory(
        athlete=athlete, performed_at=timezone.now() - timedelta(days=1)
    )
    EntryFactory(session=recent, exercise=wall, wall_distance_left_cm=9)
    # Logged afterwards, about a routine done a week earlier.
    older = TrainingSessionFactory(athlete=athlete, performed_at=timezone.now() - timedelta(days=7))
    EntryFactory(session=older, exercise=wall, wall_distance_left_cm=12)

    html = athlete_client.get(LOG_URL).content.decode()

    assert "Last time: 9 cm left" in html


def _year_of_measures(athlete, days: int) -> None:
    wall = Exercise.objects.get(slug="ankle-mobility-wall")
    heel_drops = Exercise.objects.get(slug="eccentric-heel-drops")
    for day in range(days):
        session = TrainingSessionFactory(
            athlete=athlete, performed_at=timezone.now() - timedelta(days=day + 1)
        )
        EntryFactory(session=session, exercise=wall, wall_distance_left_cm=8 + day % 3)
        EntryFactory(session=session, exercise=heel_drops, variant=heel_drops.variants.first())


@pytest.mark.parametrize("days", [3, 120])
def test_the_log_form_runs_a_bounded_number_of_queries(
    athlete_client, athlete, drills, django_assert_max_num_queries, days
):
    _year_of_measures(athlete, days)
    # The session, the user, the drills with their revisions, their parts and variants, the
    # athlete's summary (for the hints and last variants) and the unread count: the same
    # however long the log.
    with django_assert_max_num_queries(7):
        response = athlete_client.get(LOG_URL)
    assert "Last time: 8 cm left" in response.content.decode()


def test_a_valid_save_skips_the_hints_it_would_not_show(athlete_client, log_form):
    with mock.patch.object(LogSummary, "measure_hints") as hints:
        assert athlete_client.post(LOG_URL, log_form).status_code == 302
        assert not hints.called

        log_form["session-performed_at"] = "not a time"
        assert athlete_client.post(LOG_URL, log_form).status_code == 200
        assert hints.called  # the form is shown again, with its hints


def test_every_check_constraint_has_a_field_that_refuses_the_same_values():
    """The routine forms leave these to their fields (FieldsHoldTheChecks); a new constraint
    needs a field that refuses what it refuses, and a row in the test above."""
    checks = {
        constraint.name
        for model in (TrainingSession, Entry, EntryPart)
        for constraint in model._meta.constraints
        if isinstance(constraint, CheckConstraint)
    }
    assert checks == {
        "session_morning_after_pain_0_10",  # not on the log form; MorningAfterForm checks it
        # max_length and clean_performed_at (tests/security/test_text_limits.py, test_dates.py)
        "session_notes_length",
        "session_performed_at_in_range",
        "entry_notes_length",
        "entry_tight_spot_other_length",
        "session_run_distance_not_negative",
        *(f"entry_{field}_0_10" for field in ("pain", "pain_left", "pain_right")),
        *(f"entry_{field}_gte_0" for field in ("wall_distance_left_cm", "wall_distance_right_cm")),
        # The part fields are IntegerFields with min_value=0 (EntryForm).
        *(f"entrypart_{field}_gte_0" for field in ("sets_done", "reps_done", "seconds")),
    }


def test_a_save_runs_a_bounded_number_of_queries(
    athlete_client, log_form, django_assert_max_num_queries
):
    # Sign-in (2), drills with their parts and variants (3), the session, entries, their
    # parts, the transaction, and the athlete's summary: a first routine's worked out afresh
    # (sessions.services.refresh_summary), later ones added to in two queries.
    with django_assert_max_num_queries(21):
        assert athlete_client.post(LOG_URL, log_form).status_code == 302


def test_an_empty_save_is_refused_with_its_errors_not_a_server_error(athlete_client, drills):
    response = athlete_client.post(LOG_URL, {})
    assert response.status_code == 200
    assert "Please check the highlighted field" in response.content.decode()
    assert not TrainingSession.objects.exists()


def test_a_later_save_adds_to_the_summary_without_reading_the_log_again(
    athlete_client, log_form, django_assert_max_num_queries
):
    assert athlete_client.post(LOG_URL, log_form).status_code == 302
    later = routine_values(athlete_client.get(LOG_URL))
    # As above, with the summary read and written once instead of worked out afresh.
    with django_assert_max_num_queries(15):
        assert athlete_client.post(LOG_URL, later).status_code == 302


def test_more_opens_on_the_card_whose_folded_field_is_wrong(athlete_client, log_form):
    """What a card folds behind "More" (sets, reps, measures) opens when it is refused, so
    nothing typed is hidden; the other cards stay folded."""
    name = part_field("toe-raises", "Big toe", "both", "reps")
    log_form[name] = "-3"
    html = athlete_client.post(LOG_URL, log_form).content.decode()

    card = html.split('data-drill="toe-raises"')[1].split("</section>")[0]
    assert '<details class="more" open>' in card
    assert "greater than or equal to 0" in card
    assert html.count('<details class="more" open>') == 1
    # The field names its message, which a screen reader reads with it.
    assert f'aria-describedby="id_{name}_error"' in card
    assert f'id="id_{name}_error">Ensure this value is greater than or equal to 0.' in card


def test_drill_cards_escape_what_the_admin_wrote(athlete_client, drills):
    drill = Exercise.objects.get(slug="toe-raises")
    drill.name = 'Toe <b>raises</b> "now"'
    drill.cautions = "<script>alert(1)</script>"
    drill.save()
    html = athlete_client.get(LOG_URL).content.decode()
    assert "<b>raises</b>" not in html and "<script>alert" not in html
    assert "Toe &lt;b&gt;raises&lt;/b&gt; &quot;now&quot;" in html


def test_a_refused_session_field_names_its_message_and_keeps_what_was_typed(
    athlete_client, log_form
):
    """The session's fields, like the drills', point at their message, which is there."""
    log_form["session-run_distance_km"] = "ten"
    log_form["session-notes"] = "Hills <tomorrow>"
    html = athlete_client.post(LOG_URL, log_form).content.decode()

    card = html.split("data-session-card")[1].split("</section>")[0]
    assert '<details class="session-more" open>' in card
    assert 'value="ten"' in card and "Hills &lt;tomorrow&gt;</textarea>" in card
    assert 'aria-describedby="id_session-run_distance_km_error"' in card
    assert 'id="id_session-run_distance_km_error">Enter a number.</div>' in card


@pytest.mark.parametrize(
    ("typed", "cleaned"),
    [("", None), ("12", 12), ("012", 12), (" 7 ", 7), ("3.0", 3), ("500", 500)],
)
def test_a_part_number_is_cleaned_as_an_integer_field_cleans_it(typed, cleaned):
    from sessions.log_form import PART_FIELDS

    assert PART_FIELDS["reps"].clean(typed) == cleaned


@pytest.mark.parametrize("typed", ["501", "-1", "ten", "1e3", "²"])
def test_a_part_number_out_of_bounds_or_not_a_number_is_refused_as_before(typed):
    from django import forms

    from sessions.log_form import PART_FIELDS

    with pytest.raises(forms.ValidationError) as ours:
        PART_FIELDS["reps"].clean(typed)
    with pytest.raises(forms.ValidationError) as django:
        forms.IntegerField(min_value=0, max_value=500, required=False).clean(typed)
    assert ours.value.messages == django.value.messages


def test_a_routine_with_no_drill_done_is_refused_with_one_message(athlete_client, log_form):
    for name in [key for key in log_form if key.endswith("-done")]:
        del log_form[name]
    html = athlete_client.post(LOG_URL, log_form).content.decode()
    assert html.count("Tick “Done” on at least one drill") == 1
    assert not TrainingSession.objects.exists()
