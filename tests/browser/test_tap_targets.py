"""On a phone and on a touch-screen laptop, every control can be hit with a thumb: each tap
target is at least 44 × 44 px.

Links inside running text are exempt, as WCAG 2.5.8 exempts inline targets; a checkbox or
radio counts with its label, which takes the tap too.
"""

from __future__ import annotations

import pytest

from coaching.models import CoachLink
from tests.factories import UserFactory

from .conftest import DESKTOP, PHONE
from .test_accessibility import PAGES, some_routines

pytestmark = pytest.mark.browser
MIN_PX = 44

SMALL_TARGETS = """(min) => {
  const small = [];
  const controls = document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, summary");
  for (const el of controls) {
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || el.closest("[hidden]")) continue;
    let rect = el.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) continue;  // folded away, or a skip link until focused
    const parent = el.parentElement;
    const inText = el.tagName === "A" && style.display === "inline" && parent &&
      [...parent.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (inText) continue;
    if (el.type === "checkbox" || el.type === "radio") {
      const target = el.closest(".form-check, label") || el.labels[0];
      if (target) rect = target.getBoundingClientRect();
    }
    if (rect.width < min - 0.5 || rect.height < min - 0.5) {
      const name = (el.getAttribute("aria-label") || el.textContent || el.name || el.id || "")
        .trim().replace(/\\s+/g, " ").slice(0, 40);
      const size = `${Math.round(rect.width)}×${Math.round(rect.height)}`;
      small.push(`${el.tagName.toLowerCase()} "${name}" ${size}`);
    }
  }
  return small;
}"""


@pytest.mark.parametrize(
    "name", [name for name, row in PAGES.items() if not row.then and not row.staff]
)
@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_control_is_big_enough_for_a_thumb(open_page, drills, name, device):
    row = PAGES[name]
    user = athlete = None
    if row.signed_in:
        # The navigation's profile link shows the name: a short one is the smallest target.
        user = athlete = UserFactory(display_name="Jo")
        if row.coach:
            athlete = UserFactory()
            CoachLink.objects.create(athlete=athlete, coach=user)
        if row.with_routines:
            some_routines(athlete)
    page = open_page(user=user, **device)
    assert page.goto(row.url(athlete) if callable(row.url) else row.url).status == 200
    page.locator("details").evaluate_all("(all) => all.forEach((d) => { d.open = true; })")
    small = page.evaluate(SMALL_TARGETS, MIN_PX)
    assert not small, "\n".join(small)
