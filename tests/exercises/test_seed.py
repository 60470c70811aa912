from __future__ import annotations

import pytest
from django.core.management import call_command

from exercises.models import Exercise
from exercises.services import seed_drills

ROUTINE = [
    "foot-rolling",
    "ankle-mobility-wall",
    "foot-inversion-eversion",
    "toe-raises",
    "eccentric-heel-drops",
    "trigger-point-release",
]

pytestmark = pytest.mark.django_db


def test_seed_adds_the_six_drills_in_routine_order():
    created = seed_drills()

    assert [drill.slug for drill in created] == ROUTINE
    assert list(Exercise.objects.in_routine_order().values_list("slug", flat=True)) == ROUTINE
    assert all(drill.active for drill in created)


def test_seeding_twice_adds_nothing():
    seed_drills()
    assert seed_drills() == []
    assert Exercise.objects.count() == 6


def test_seeding_never_overwrites_an_admins_edit():
    seed_drills()
    Exercise.objects.filter(slug="toe-raises").update(
        instructions="Coach's own cue.", position=9, active=False
    )

    call_command("seed_drills", verbosity=0)

    drill = Exercise.objects.get(slug="toe-raises")
    assert drill.instructions == "Coach's own cue."
    assert drill.position == 9
    assert not drill.active


def test_seeding_restores_only_what_is_missing():
    seed_drills()
    Exercise.objects.filter(slug="foot-rolling").update(name="Ball rolling (my words)")
    Exercise.objects.filter(slug="toe-raises").delete()

    created = seed_drills()

    assert [drill.slug for drill in created] == ["toe-raises"]
    assert Exercise.objects.get(slug="foot-rolling").name == "Ball rolling (my words)"


def test_seeded_drills_start_their_revision_history():
    seed_drills()
    drill = Exercise.objects.get(slug="eccentric-heel-drops")
    assert drill.history.count() == 1


def test_fixture_holds_the_routines_facts():
    seed_drills()
    drills = {drill.slug: drill for drill in Exercise.objects.all()}

    def parts(slug: str) -> list[tuple]:
        return [
            (p.name, p.sets, p.reps, p.hold_min_seconds, p.hold_max_seconds, p.per_side)
            for p in drills[slug].parts.all()
        ]

    def variants(slug: str) -> list[tuple]:
        return [(v.name, v.per_side, v.timing) for v in drills[slug].variants.all()]

    assert drills["foot-rolling"].dosage == "30–60 s, each side (per tight spot)"
    assert variants("foot-rolling") == [
        ("Ball", False, "either"),
        ("Frozen bottle", False, "post_run"),  # after a run only
    ]
    assert "frozen" not in drills["foot-rolling"].progression.lower()
    assert "frozen" in drills["foot-rolling"].cautions.lower()
    assert drills["ankle-mobility-wall"].measure == "wall_distance"
    assert parts("ankle-mobility-wall") == [
        ("Hold at your farthest spot", None, None, 30, 60, True)
    ]
    assert "second toe" in drills["ankle-mobility-wall"].cues
    assert "heel" in drills["ankle-mobility-wall"].cues.lower()
    assert parts("foot-inversion-eversion") == [
        ("Out", 3, 10, None, None, True),
        ("In", 3, 10, None, None, True),
    ]
    assert drills["foot-inversion-eversion"].alternate_parts
    assert parts("toe-raises") == [
        ("Big toe", 1, 10, None, None, False),
        ("Little toes", 1, 10, None, None, False),
        ("Toe by toe", 1, 10, None, None, False),
    ]
    assert drills["eccentric-heel-drops"].measure == "heel_drop_variant"
    assert parts("eccentric-heel-drops") == [
        ("Knee straight", 3, 10, None, None, False),
        ("Knee bent", 3, 10, None, None, False),
    ]
    assert variants("eccentric-heel-drops") == [
        ("Double leg", False, "either"),
        ("Single leg", True, "either"),
    ]
    assert drills["trigger-point-release"].dosage.startswith("1–2 min")
    for drill in drills.values():
        assert len(drill.steps) >= 3, drill.slug
        assert drill.cue_list and drill.caution_list, drill.slug
        assert drill.timing == "pre_run", drill.slug


def test_seeding_never_overwrites_an_admins_parts_or_variants():
    seed_drills()
    heel = Exercise.objects.get(slug="eccentric-heel-drops")
    heel.parts.filter(name="Knee bent").update(sets=2)
    heel.variants.filter(name="Single leg").update(name="One leg")

    seed_drills()

    assert heel.parts.get(name="Knee bent").sets == 2
    assert list(heel.variants.values_list("name", flat=True)) == ["Double leg", "One leg"]
