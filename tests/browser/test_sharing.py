"""The invitation link on the sharing page: Share where the browser can, Copy otherwise, and a
plain link without JavaScript."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coaching.models import Invitation
from tests.factories import UserFactory

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

# Chromium on Linux has no Web Share; a phone's browser does. Stand in for it, and keep what
# the page asked to share.
FAKE_WEB_SHARE = """
window.__shared = [];
navigator.share = function (data) { window.__shared.push(data); return Promise.resolve(); };
navigator.canShare = function () { return true; };
"""


@pytest.fixture
def invitation(transactional_db):
    return Invitation.objects.create(athlete=UserFactory(username="alice"))


def invitation_url(live_server, invitation) -> str:
    return f"{live_server.url}{invitation.get_absolute_url()}"


def test_copy_puts_the_whole_link_on_the_clipboard(open_page, live_server, invitation):
    page = open_page(user=invitation.athlete, **DESKTOP)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(reverse("coaching:sharing"))

    assert not page.get_by_role("button", name="Share link").is_visible()
    page.get_by_role("button", name="Copy link").click()

    page.get_by_role("status").filter(has_text="Link copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == invitation_url(
        live_server, invitation
    )


def test_share_hands_the_link_to_the_phones_share_sheet(open_page, live_server, invitation):
    page = open_page(user=invitation.athlete, **PHONE)
    page.context.add_init_script(FAKE_WEB_SHARE)
    page.goto(reverse("coaching:sharing"))

    page.get_by_role("button", name="Share link").click()

    shared = page.evaluate("window.__shared")
    assert len(shared) == 1
    assert shared[0]["url"] == invitation_url(live_server, invitation)
    assert invitation.display_code in shared[0]["text"]


def test_without_javascript_the_link_is_there_and_no_button_is(open_page, live_server, invitation):
    page = open_page(user=invitation.athlete, java_script_enabled=False, **PHONE)
    page.goto(reverse("coaching:sharing"))

    link = page.get_by_role("link", name=invitation_url(live_server, invitation))
    assert link.is_visible()
    assert link.get_attribute("href") == invitation_url(live_server, invitation)
    assert not page.get_by_role("button", name="Copy link").is_visible()
    assert not page.get_by_role("button", name="Share link").is_visible()
    # The whole link shows on a phone: nothing cut off, no sideways scrolling.
    box = link.bounding_box()
    assert box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
