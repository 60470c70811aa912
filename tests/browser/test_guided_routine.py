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
    rolling.get_by_role("button", name="Start 30 s").click()
    expect(rolling.locator("[data-timer]")).to_have_attribute("data-finished", "1")
    expect(rolling.get_by_label("Duration (s)")).to_have_value("30")
    assert page.evaluate("window.__beeps") >= 3
    assert page.evaluate("window.__vibrations.length") == 1
    rolling.get_by_role("group", name="Pain, left").get_by_role("button", name="2").click()
    page.get_by_role("button", name="Next drill").click()

    wall = drill(page, "ankle-mobility-wall")
    wall.get_by_label("Wall distance, left (cm)").fill("9")
    wall.get_by_label("Wall distance, right (cm)").fill("8")
    page.get_by_role("button", name="Next drill").click()

    bands = drill(page, "foot-inversion-eversion")
    tap = bands.get_by_role("button", name="+1 rep")
    for _ in range(20):
        tap.click()
    expect(bands.get_by_text("Set 3 of 3: 0 of 10 reps")).to_be_visible()
    expect(bands.get_by_label("Sets", exact=True)).to_have_value("2")
    page.get_by_role("button", name="Next drill").click()

    drill(page, "toe-raises")
    page.get_by_role("button", name="Skip drill").click()

    heel = drill(page, "eccentric-heel-drops")
    heel.get_by_role("group", name="Pain", exact=True).get_by_role("button", name="3").click()
    heel.get_by_label("Achilles").check()
    page.get_by_role("button", name="Next drill").click()

    trigger = drill(page, "trigger-point-release")
    trigger.get_by_role("button", name="Start 1 min").click()
    expect(trigger.locator("[data-timer]")).to_have_attribute("data-finished", "1")
    page.get_by_role("button", name="Review").click()

    review = page.locator("#guided-review")
    expect(page.locator("#review-heading")).to_be_focused()
    expect(review).to_contain_text("pain left 2/10 · 30 s")
    expect(review).to_contain_text("9 cm left · 8 cm right")
    review.get_by_role("button", name="Change Ankle mobility (wall)").click()
    drill(page, "ankle-mobility-wall").get_by_label("Wall distance, right (cm)").fill("8.5")
    page.get_by_role("button", name="Back to review").click()
    expect(review).to_contain_text("9 cm left · 8.5 cm right")
    expect(review.locator("li", has_text="Toe raises")).to_contain_text("skipped")
    expect(review).to_contain_text("pain 3/10 · 3 × 10 · tight: Achilles")
    page.get_by_role("button", name="Save routine").click()

    expect(page.get_by_text("Routine logged. Nice work.")).to_be_visible()
    expect(page.get_by_text("9 cm left, 8.5 cm right")).to_be_visible()
    session = TrainingSession.objects.get(athlete__username="rosa")
    entries = {e.exercise.slug: e for e in session.entries.select_related("exercise")}
    assert (entries["foot-rolling"].duration_seconds, entries["foot-rolling"].pain_left) == (30, 2)
    assert entries["trigger-point-release"].duration_seconds == 60
    bands_entry = entries["foot-inversion-eversion"]
    assert (bands_entry.sets_done, bands_entry.reps_done) == (2, 10)
    assert not entries["toe-raises"].done
    assert (entries["eccentric-heel-drops"].pain, entries["eccentric-heel-drops"].tight_spots) == (
        3,
        ["achilles"],
    )

    page.goto("/sessions/")
    row = page.locator(".history li").first
    expect(row).to_contain_text("5/6 drills")
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
