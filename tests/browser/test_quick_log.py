"""A routine done as prescribed, with no pain, is saved in at most three taps on a phone."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sessions.models import Entry, TrainingSession
from tests.factories import UserFactory

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_routine_rated_no_pain_is_saved_in_three_taps_or_fewer(open_page, drills, device):
    athlete = UserFactory()
    page = open_page(user=athlete, **device)
    page.goto(reverse("sessions:create"))

    page.get_by_role("button", name="Save routine").click()  # tap 1
    page.get_by_role("button", name="No pain anywhere").click()  # tap 2

    page.get_by_text("Routine logged.").wait_for()
    session = TrainingSession.objects.get(athlete=athlete)
    entries = Entry.objects.filter(session=session, done=True)
    assert entries.count() == len(drills)
    assert set(entries.values_list("peak_pain", flat=True)) == {0}


def test_the_whole_routine_fits_in_about_three_phone_screens(open_page, drills):
    """Each drill a compact card: name, dose, done, pain; the rest one tap away behind "More"."""
    page = open_page(user=UserFactory(), **PHONE)
    page.goto(reverse("sessions:create"))

    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 2600, f"the log form is {height} px tall at 390 px"
    # Rated on the page itself, without opening anything.
    page.get_by_role("group", name="Pain, left").first.get_by_text("2", exact=True).click()
    assert page.locator("details.more[open]").count() == 0
    assert page.get_by_label("Done", exact=True).first.is_visible()
