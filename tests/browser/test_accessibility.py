"""axe-core finds nothing serious or critical on the pages athletes use. A page is one more row."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page

from coaching.models import CoachLink
from exercises.models import Exercise
from tests.factories import UserFactory, logged_routine

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser
BLOCKING = {"serious", "critical"}


def go_to_review(page: Page) -> None:
    """Through every drill, tapping a rep on the way, to the review."""
    next_drill = page.get_by_role("button", name="Next drill")
    next_drill.click()
    next_drill.click()
    page.get_by_role("button", name="+1 rep").click()
    for _ in range(3):
        next_drill.click()
    page.get_by_role("button", name="Review").click()


def open_every_table(page: Page) -> None:
    page.locator("details").evaluate_all("(all) => all.forEach((d) => { d.open = true; })")


@dataclass(frozen=True)
class Row:
    url: str | Callable[[object], str]  # or made from the athlete whose data the page shows
    signed_in: bool = True
    with_routines: bool = True
    then: Callable[[Page], None] | None = None
    coach: bool = False  # the visitor coaches an athlete with routines, instead of logging
    staff: bool = False  # an admin, editing drills


def drill_history(athlete) -> str:
    """The admin's History of a drill edited once, so it shows a change."""
    drill = Exercise.objects.get(slug="eccentric-heel-drops")
    drill.cautions = drill.cautions + "\nStop if the Achilles hurts more the next morning."
    drill.save()
    return reverse("admin:exercises_exercise_history", args=[drill.pk])


def create_invitation(page: Page) -> None:
    page.get_by_role("button", name="Create an invitation").click()
    page.get_by_role("button", name="Copy link").wait_for()


def latest_session(athlete) -> str:
    return athlete.training_sessions.newest_first().first().get_absolute_url()


def morning_link(_visitor) -> str:
    """The morning email's link for an athlete's latest routine, opened without signing in."""
    from reminders.models import Delivery, Kind
    from reminders.tokens import morning_token

    athlete = UserFactory()
    some_routines(athlete)
    session = athlete.training_sessions.newest_first().first()
    delivery = Delivery.objects.create(
        user=athlete,
        kind=Kind.MORNING_CHECK,
        slot="a11y",
        due_at=timezone.now(),
        queued_at=timezone.now(),
        session=session,
    )
    return reverse("reminders:morning", args=[morning_token(delivery.pk), 4])


PAGES = {
    "home": Row(reverse("home"), signed_in=False),
    "home, signed in": Row(reverse("home")),
    "drill detail": Row(reverse("exercises:detail", args=["eccentric-heel-drops"])),
    "log form": Row(reverse("sessions:create")),
    "guided mode": Row(f"{reverse('sessions:create')}?guided=1"),
    "guided review": Row(f"{reverse('sessions:create')}?guided=1", then=go_to_review),
    "history": Row(reverse("sessions:list"), then=open_every_table),
    "progress": Row(reverse("insights:progress"), then=open_every_table),
    "progress, empty": Row(reverse("insights:progress"), with_routines=False),
    "session detail": Row(latest_session),
    "sharing": Row(reverse("coaching:sharing")),
    "sharing, an invitation open": Row(reverse("coaching:sharing"), then=create_invitation),
    "coach dashboard": Row(reverse("insights:dashboard"), coach=True),
    "coach's athlete history": Row(
        lambda athlete: reverse("insights:athlete", args=[athlete.pk]), coach=True
    ),
    "coach's athlete progress": Row(
        lambda athlete: reverse("insights:athlete_progress", args=[athlete.pk]),
        coach=True,
        then=open_every_table,
    ),
    "coach's view of a session": Row(latest_session, coach=True),
    "reminders": Row(reverse("reminders:plan")),
    "morning link": Row(morning_link, signed_in=False),
    "coach's replies, empty": Row(reverse("reminders:notices"), coach=True),
    "admin drill history": Row(drill_history, staff=True, with_routines=False),
}


def some_routines(athlete) -> None:
    """Enough to draw every chart on the progress page."""
    for days_ago, leg, pain in [(9, "double", 2), (5, "double", 3), (1, "single", 6)]:
        logged_routine(
            athlete=athlete,
            performed_at=timezone.now() - timedelta(days=days_ago),
            morning_after_pain=2,
            **{
                "foot-rolling": {"pain_left": pain, "tight_spots": ["arch", "calf"]},
                "ankle-mobility-wall": {
                    "pain": 1,
                    "wall_distance_left_cm": 8 + days_ago % 3,
                    "wall_distance_right_cm": 7,
                },
                "eccentric-heel-drops": {
                    "pain_left": pain,
                    "variant": f"{leg.capitalize()} leg",
                    "parts": "prescribed",
                },
                "toe-raises": {"done": False, "tight_spot_other": "Outer ankle"},
            },
        )


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_accessibility_problem(open_page, drills, axe, name, device):
    row = PAGES[name]
    user = athlete = None
    if row.signed_in:
        user = athlete = UserFactory(is_staff=row.staff, is_superuser=row.staff)
        if row.coach:
            athlete = UserFactory()
            CoachLink.objects.create(athlete=athlete, coach=user)
        if row.with_routines:
            some_routines(athlete)
    page = open_page(user=user, **device)
    response = page.goto(row.url(athlete) if callable(row.url) else row.url)
    assert response.status == 200
    if row.then:
        row.then(page)

    results = axe.run(page)

    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    assert not blocking, "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(" ".join(node["target"]) for node in v["nodes"])
        for v in blocking
    )
