"""Opening the app on a phone: the front page answers "what now?" and the log form is light."""

from __future__ import annotations

import gzip

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CoachLinkFactory, CommentFactory, TrainingSessionFactory, UserFactory

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

# Issue 14: a first visit to the log form, compressed, under 60 KiB.
LOG_FORM_BUDGET = 60 * 1024


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_front_page_shows_today_and_unread_comments_without_opening_the_menu(
    open_page, drills, device
):
    athlete, coach = UserFactory(), UserFactory(display_name="Coach Kim")
    CoachLinkFactory(athlete=athlete, coach=coach)
    session = TrainingSessionFactory(athlete=athlete, performed_at=timezone.now())
    CommentFactory(session=session, author=coach, body="Nice and steady.")

    page = open_page(user=athlete, **device)
    page.goto(reverse("home"))

    assert page.get_by_role("heading", name="Routine done today").is_visible()
    assert page.get_by_text("1 new comment from your coach.").is_visible()
    # Beside the menu button on a phone, on "History" in the open bar on a desktop: never
    # only inside a closed menu.
    if device is PHONE:
        assert page.locator(".unread-pill").is_visible()
        assert not page.get_by_role("link", name="History").is_visible()
    else:
        assert page.get_by_role("link", name="History 1 unread comment").is_visible()
    page.get_by_role("link", name="Read it").click()
    page.get_by_text("Nice and steady.").wait_for()


def test_a_first_visit_to_the_log_form_is_under_60_kib_compressed(open_page, drills):
    page = open_page(user=UserFactory(), **PHONE)
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(reverse("sessions:create"))
    page.wait_for_load_state("load")

    sent = 0
    for response in responses:
        if response.headers.get("content-encoding") == "gzip":
            # The page itself, gzipped by the app: its body as it came over the wire.
            sent += response.request.sizes()["responseBodySize"]
        else:
            # Static files: in production WhiteNoise sends the gzip file collectstatic wrote
            # (level 9); the test server serves them plain, so compress them as it would.
            sent += len(gzip.compress(response.body(), compresslevel=9))
    kinds = {response.request.resource_type for response in responses}
    assert {"document", "stylesheet"} <= kinds
    assert sent < LOG_FORM_BUDGET, f"{sent:,} bytes for a first visit to the log form"
