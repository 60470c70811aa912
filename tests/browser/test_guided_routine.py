"""A runner signs up, is guided through the six drills on a sped-up clock, and finds the session."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from sessions.models import TrainingSession
from tests.factories import UserFactory

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser
FAST = "&time_scale=0.01"  # a one-minute hold lasts 0.6 s


def sign_up(page, username: str) -> None:
    page.goto("/accounts/signup/")
    page.fill("#id_username", username)
    page.fill("#id_email", f"{username}@example.com")
    page.fill("#id_password1", "a-long-enough-passphrase")
    page.fill("#id_password2", "a-long-enough-passphrase")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text(f"Welcome to Groundwork, {username}.")).to_be_visible()


def drill(page, slug: str):
    card = page.locator(f"[data-drill='{slug}']")
    expect(card).to_be_visible()
    expect(page.locator("[data-drill]:visible")).to_have_count(1)
    return card


def pain(card, label: str, score: str) -> None:
    """Tap a score on a drill's row of pain buttons (radio inputs drawn as buttons)."""
    card.get_by_role("group", name=label, exact=True).get_by_text(score, exact=True).click()


def count_reps(card, reps: int) -> None:
    tap = card.get_by_role("button", name="+1 rep")
    for _ in range(reps):
        tap.click()


@pytest.mark.parametrize("device", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_guided_routine_from_sign_up_to_history_and_progress(open_page, drills, device):
    page = open_page(**device)
    sign_up(page, "rosa")
    page.get_by_role("link", name="Start routine").click()
    expect(page).to_have_url("/sessions/log/?guided=1")
    page.goto(page.url + FAST)
    expect(page.locator("#guided-position")).to_have_text("Drill 1 of 6")

    rolling = drill(page, "foot-rolling")
    expect(rolling.get_by_text("Roll slowly from heel to toes")).to_be_visible()
    rolling.get_by_text("Cautions").click()  # one tap away
    expect(rolling.get_by_text("never use it to warm up before a run")).to_be_visible()
    rolling.get_by_role("button", name="Start 30 s each side").click()
    timer = rolling.locator("[data-timer]")
    expect(timer).to_have_attribute("data-switched", "true")
    expect(timer).to_have_attribute("data-finished", "1")
    expect(timer).to_contain_text("Both sides done")
    assert page.evaluate("window.__beeps") >= 5  # two at "switch feet", three at the end
    assert page.evaluate("window.__vibrations.length") == 2
    pain(rolling, "Pain, left", "2")
    page.get_by_role("button", name="Next drill").click()

    wall = drill(page, "ankle-mobility-wall")
    expect(wall.get_by_text("second toe")).to_be_visible()
    wall.get_by_label("Wall distance, left (cm)").fill("9")
    wall.get_by_label("Wall distance, right (cm)").fill("8")
    page.get_by_role("button", name="Next drill").click()

    bands = drill(page, "foot-inversion-eversion")
    step = bands.locator("[data-step]")
    side = bands.locator("[data-side-prompt]")
    expect(side).to_have_text("Left foot")
    expect(step).to_have_text("Out, set 1 of 3")
    count_reps(bands, 10)
    expect(step).to_have_text("In, set 1 of 3")  # out, then in, is one set
    bands.get_by_role("button", name="Set done").click()
    expect(step).to_have_text("Out, set 2 of 3")
    for _ in range(4):
        bands.get_by_role("button", name="Set done").click()
    expect(side).to_have_text("Now the right foot")
    expect(step).to_have_text("Out, set 1 of 3")
    for _ in range(6):
        bands.get_by_role("button", name="Set done").click()
    expect(bands.locator("[data-step]")).to_contain_text("All done")
    page.get_by_role("button", name="Next drill").click()

    toes = drill(page, "toe-raises")
    for pattern in ("Big toe", "Little toes", "Toe by toe"):
        expect(toes.locator("[data-step]")).to_have_text(pattern)
        count_reps(toes, 10)
    pain(toes, "Pain", "1")
    page.get_by_role("button", name="Next drill").click()

    heel = drill(page, "eccentric-heel-drops")
    heel.get_by_label("Single leg").check()
    step = heel.locator("[data-step]")
    expect(heel.locator("[data-side-prompt]")).to_have_text("Left foot")
    expect(step).to_have_text("Knee straight, set 1 of 3")
    for label in (
        "Knee straight, set 2 of 3",
        "Knee straight, set 3 of 3",
        "Knee bent, set 1 of 3",
    ):
        heel.get_by_role("button", name="Set done").click()
        expect(step).to_have_text(label)
    count_reps(heel, 10)
    expect(step).to_have_text("Knee bent, set 2 of 3")
    count_reps(heel, 8)
    heel.get_by_role("button", name="Set done").click()  # stopped at 8 reps
    heel.get_by_role("button", name="Set done").click()
    expect(heel.locator("[data-side-prompt]")).to_have_text("Now the right foot")
    for _ in range(6):
        heel.get_by_role("button", name="Set done").click()
    pain(heel, "Pain, left", "3")
    pain(heel, "Pain, right", "2")
    heel.get_by_text("More: tight spots and notes").click()
    heel.get_by_label("Achilles").check()
    page.get_by_role("button", name="Next drill").click()

    trigger = drill(page, "trigger-point-release")
    trigger.get_by_role("button", name="Start 1 min each side").click()
    expect(trigger.locator("[data-timer]")).to_have_attribute("data-finished", "1")
    page.get_by_role("button", name="Review").click()

    review = page.locator("#guided-review")
    expect(page.locator("#review-heading")).to_be_focused()
    expect(review.locator("[data-review='foot-rolling']")).to_have_text(
        "Ball · Roll and pause on tight spots, left 30 s · Roll and pause on tight spots, "
        "right 30 s · pain left 2/10"
    )
    expect(review).to_contain_text("9 cm left · 8 cm right")
    review.get_by_role("button", name="Change Ankle mobility (wall)").click()
    drill(page, "ankle-mobility-wall").get_by_label("Wall distance, right (cm)").fill("8.5")
    page.get_by_role("button", name="Back to review").click()
    expect(review).to_contain_text("9 cm left · 8.5 cm right")
    expect(review.locator("[data-review='eccentric-heel-drops']")).to_have_text(
        "Single leg · Knee straight, left 3 × 10 · Knee straight, right 3 × 10 · "
        "Knee bent, left 3 × 8 · Knee bent, right 3 × 10 · pain left 3/10, right 2/10 · "
        "tight: Achilles"
    )
    expect(review.locator("[data-review='toe-raises']")).to_have_text(
        "Big toe 1 × 10 · Little toes 1 × 10 · Toe by toe 1 × 10 · pain 1/10"
    )
    page.get_by_role("button", name="Save routine").click()

    expect(page.get_by_text("Routine logged. Nice work.")).to_be_visible()
    expect(page.get_by_text("9 cm left, 8.5 cm right")).to_be_visible()
    session = TrainingSession.objects.get(athlete__username="rosa")
    entries = {e.exercise.slug: e for e in session.entries.select_related("exercise", "variant")}

    def parts(slug: str) -> list[tuple]:
        return [
            (row.part.name, row.side, row.sets_done, row.reps_done, row.seconds)
            for row in entries[slug].parts.select_related("part")
        ]

    rolling_part = "Roll and pause on tight spots"
    assert parts("foot-rolling") == [
        (rolling_part, "left", None, None, 30),
        (rolling_part, "right", None, None, 30),
    ]
    assert entries["foot-rolling"].pain_left == 2
    assert [row[4] for row in parts("trigger-point-release")] == [60, 60]
    assert parts("foot-inversion-eversion") == [
        ("Out", "left", 3, 10, None),
        ("Out", "right", 3, 10, None),
        ("In", "left", 3, 10, None),
        ("In", "right", 3, 10, None),
    ]
    assert [row[2:4] for row in parts("toe-raises")] == [(1, 10)] * 3
    heel_entry = entries["eccentric-heel-drops"]
    assert heel_entry.variant.name == "Single leg"
    assert parts("eccentric-heel-drops") == [
        ("Knee straight", "left", 3, 10, None),
        ("Knee straight", "right", 3, 10, None),
        ("Knee bent", "left", 3, 8, None),
        ("Knee bent", "right", 3, 10, None),
    ]
    assert (heel_entry.pain_left, heel_entry.pain_right, heel_entry.tight_spots) == (
        3,
        2,
        ["achilles"],
    )

    page.goto("/sessions/")
    row = page.locator(".history li").first
    expect(row).to_contain_text("6/6 drills")
    expect(row).to_contain_text("tight: Achilles")

    page.goto("/sessions/progress/")
    expect(page.locator("[data-stat='this-week']")).to_have_text("1 routine")
    expect(page.locator("[data-chart='calendar'] .day-today")).to_have_attribute("data-count", "1")
    expect(page.get_by_text("Measured once so far: 9 cm left, 8.5 cm right.")).to_be_visible()
    expect(page.get_by_text("Eccentric heel drops: rated once so far, 3/10")).to_be_visible()


def test_without_javascript_guided_mode_is_the_whole_log_form(open_page, drills):
    user = UserFactory()
    page = open_page(user=user, java_script_enabled=False, **DESKTOP)
    page.goto("/sessions/log/?guided=1")

    expect(page.get_by_text("Guided mode needs JavaScript.")).to_be_visible()
    expect(page.locator("[data-drill]:visible")).to_have_count(6)
    page.get_by_role("button", name="Save routine").click()
    # Nothing rated: the form asks once whether anything hurt.
    page.get_by_role("button", name="No pain anywhere").click()

    expect(page.get_by_text("Routine logged. Nice work.")).to_be_visible()
    assert TrainingSession.objects.filter(athlete=user).count() == 1


def test_enter_in_a_field_moves_on_instead_of_saving_half_a_routine(open_page, drills):
    page = open_page(user=UserFactory(), **PHONE)
    page.goto("/sessions/log/?guided=1" + FAST)
    page.get_by_role("button", name="Next drill").click()

    drill(page, "ankle-mobility-wall").get_by_label("Wall distance, left (cm)").fill("9")
    page.keyboard.press("Enter")

    drill(page, "foot-inversion-eversion")
    assert not TrainingSession.objects.exists()
