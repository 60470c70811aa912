from __future__ import annotations

import re

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from exercises.models import Exercise

pytestmark = pytest.mark.django_db


def change_data(drill: Exercise, **overrides) -> dict:
    """What the admin's change form posts for this drill, with its parts and variants as the
    inlines post them: unticked boxes are absent."""
    data = {}
    for key, value in (model_to_dict(drill, exclude=["id"]) | overrides).items():
        if value is None or value is False:
            continue
        data[key] = "on" if value is True else value
    for prefix, rows in (("parts", drill.parts.all()), ("variants", drill.variants.all())):
        rows = list(rows)
        data |= {
            f"{prefix}-TOTAL_FORMS": str(len(rows)),
            f"{prefix}-INITIAL_FORMS": str(len(rows)),
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
        for index, row in enumerate(rows):
            for key, value in model_to_dict(row).items():
                if value is None or value is False:
                    continue
                data[f"{prefix}-{index}-{key}"] = "on" if value is True else value
    return data


def test_staff_edit_parts_and_variants_as_inlines_with_their_constraints(client, staff, drills):
    client.force_login(staff)
    drill = Exercise.objects.get(slug="eccentric-heel-drops")
    data = change_data(drill)
    data["parts-0-sets"] = "4"
    response = client.post(reverse("admin:exercises_exercise_change", args=[drill.pk]), data)
    assert response.status_code == 302
    assert drill.parts.get(name="Knee straight").sets == 4

    data = change_data(drill)
    data["parts-1-hold_max_seconds"] = "30"  # reps and a hold: refused by the constraint
    response = client.post(reverse("admin:exercises_exercise_change", args=[drill.pk]), data)
    assert response.status_code == 200
    assert "Give sets and reps, or a hold" in response.content.decode()


def test_staff_edit_of_a_drill_shows_on_the_site_at_once(client, staff, drills):
    client.force_login(staff)
    drill = Exercise.objects.get(slug="toe-raises")

    response = client.post(
        reverse("admin:exercises_exercise_change", args=[drill.pk]),
        change_data(drill, instructions="Spread the toes wide.\nLift the big toe alone."),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors

    html = client.get(drill.get_absolute_url()).content.decode()
    assert "Spread the toes wide." in html


def test_every_drill_edit_keeps_a_revision_that_can_be_restored(client, staff, drills):
    client.force_login(staff)
    drill = Exercise.objects.get(slug="toe-raises")
    original = drill.instructions

    client.post(
        reverse("admin:exercises_exercise_change", args=[drill.pk]),
        change_data(drill, instructions="A new cue."),
    )

    latest, first = drill.history.all()[:2]
    assert latest.history_user == staff
    assert latest.diff_against(first).changed_fields == ["instructions"]

    history_page = client.get(reverse("admin:exercises_exercise_history", args=[drill.pk]))
    assert history_page.status_code == 200
    revert_url = reverse(
        "admin:exercises_exercise_simple_history", args=[drill.pk, first.history_id]
    )
    client.post(revert_url, change_data(first.instance))
    drill.refresh_from_db()
    assert drill.instructions == original


def test_admin_lists_drills_in_routine_order_with_editable_position(client, staff, drills):
    client.force_login(staff)
    response = client.get(reverse("admin:exercises_exercise_changelist"))
    html = response.content.decode()
    assert response.status_code == 200
    assert [d.name for d in response.context["cl"].result_list] == [d.name for d in drills]
    assert 'name="form-0-position"' in html


def test_non_staff_user_cannot_reach_the_admin(athlete_client):
    response = athlete_client.get(reverse("admin:exercises_exercise_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_anonymous_visitor_cannot_reach_the_admin(client, db):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def as_browser_sends(drill: Exercise, **overrides) -> dict:
    """The change form as a browser posts it: every textarea's lines end in CRLF."""
    data = change_data(drill, **overrides)
    for field in ("instructions", "progression", "cautions"):
        data[field] = data.get(field, "").replace("\r\n", "\n").replace("\n", "\r\n")
    return data


def change_url(drill: Exercise) -> str:
    return reverse("admin:exercises_exercise_change", args=[drill.pk])


def history_url(drill: Exercise) -> str:
    return reverse("admin:exercises_exercise_history", args=[drill.pk])


def test_the_admin_calls_a_drill_a_drill(client, staff, drills):
    client.force_login(staff)
    drill = drills[0]
    pages = [
        client.get(reverse("admin:index")),
        client.get(reverse("admin:exercises_exercise_changelist")),
        client.get(change_url(drill)),
        client.get(history_url(drill)),
    ]
    for page in pages:
        assert page.status_code == 200
        text = re.sub(r"<[^>]*>", " ", page.content.decode())  # what a reader sees
        assert "xercise" not in text
    assert "Select drill to change" in pages[1].content.decode()
    assert "Change drill" in pages[2].content.decode()


def test_saving_an_untouched_drill_changes_nothing_and_adds_no_revision(client, staff, drills):
    client.force_login(staff)
    drill = Exercise.objects.get(slug="toe-raises")
    stored = Exercise.objects.values().get(pk=drill.pk)
    revisions = drill.history.count()

    response = client.post(change_url(drill), as_browser_sends(drill))

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Exercise.objects.values().get(pk=drill.pk) == stored
    assert drill.history.count() == revisions


def test_an_edit_stores_lf_line_endings_and_its_revision_names_only_what_changed(
    client, staff, drills
):
    client.force_login(staff)
    drill = Exercise.objects.get(slug="toe-raises")
    steps = drill.instructions.splitlines()
    steps[1] = "Lift the big toe alone, slowly."

    client.post(change_url(drill), as_browser_sends(drill, instructions="\n".join(steps)))

    drill.refresh_from_db()
    assert "\r" not in drill.instructions + drill.progression + drill.cautions
    assert drill.instructions.splitlines()[1] == "Lift the big toe alone, slowly."
    latest, before = drill.history.all()[:2]
    assert latest.diff_against(before).changed_fields == ["instructions"]


def test_text_saved_with_crlf_before_is_normalised_without_a_revision(client, staff, drills):
    """A drill an earlier version stored with CRLF: its revisions stay as they are."""
    client.force_login(staff)
    drill = Exercise.objects.get(slug="toe-raises")
    crlf = drill.instructions.replace("\n", "\r\n")
    Exercise.objects.filter(pk=drill.pk).update(instructions=crlf)
    revisions = list(drill.history.values_list("history_id", "instructions"))

    client.post(change_url(drill), as_browser_sends(drill))

    drill.refresh_from_db()
    assert drill.instructions == crlf.replace("\r\n", "\n")
    assert list(drill.history.values_list("history_id", "instructions")) == revisions


def test_a_revert_to_an_earlier_revision_is_a_revision_itself(client, staff, drills):
    client.force_login(staff)
    drill = Exercise.objects.get(slug="toe-raises")
    client.post(change_url(drill), as_browser_sends(drill, cautions="Stop if it pinches."))
    first = drill.history.earliest()
    revert_url = reverse(
        "admin:exercises_exercise_simple_history", args=[drill.pk, first.history_id]
    )

    client.post(revert_url, as_browser_sends(first.instance))

    assert drill.history.count() == 3
    drill.refresh_from_db()
    assert drill.cautions == first.cautions


def test_history_shows_a_line_diff_styled_by_the_sites_own_css(client, staff, drills):
    client.force_login(staff)
    drill = Exercise.objects.get(slug="toe-raises")
    steps = drill.instructions.splitlines()
    unchanged_step = steps[0]
    steps[1] = "Lift the big toe alone, slowly."
    client.post(change_url(drill), as_browser_sends(drill, instructions="\n".join(steps)))

    response = client.get(history_url(drill))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<li class="diff-added">' in html
    assert '<li class="diff-removed">' in html
    assert "<ins>slowly.</ins>" in html
    assert unchanged_step in html  # context around the change
    assert "Created" in html  # the seeded revision, at the bottom
    assert "by no one signed in (seeding, a migration or a script)" in html
    assert f"by {staff}" in html
    assert " style=" not in html
    assert "admin-history" in html
    csp = response.headers["Content-Security-Policy"]
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp


def test_history_says_when_a_revision_changed_nothing_visible(client, staff, drills):
    """A revision an earlier version left for a change of line endings alone."""
    client.force_login(staff)
    drill = Exercise.objects.get(slug="toe-raises")
    drill.instructions = drill.instructions.replace("\n", "\r\n")
    drill.save()

    html = client.get(history_url(drill)).content.decode()

    assert "Nothing visible changed." in html
    assert "diff-added" not in html
