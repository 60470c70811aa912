from __future__ import annotations

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
