"""Headless Chromium against a live server. Skipped (and reported) where Chromium is missing."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest
from django.test import Client
from playwright.sync_api import Browser, Page, sync_playwright

from tools.screenshots import CHROMIUM, CHROMIUM_ARGS, WIDTHS

# Sync Playwright runs an event loop in this thread; the test's own database calls are still
# plain synchronous ones, so Django's async-safety guard would refuse them without this.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

PHONE = {
    "viewport": dict(zip(("width", "height"), WIDTHS["phone"], strict=True)),
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP = {"viewport": dict(zip(("width", "height"), WIDTHS["desktop"], strict=True))}

# Count beeps and vibrations, which a headless browser cannot show.
RECORD_FEEDBACK = """
window.__beeps = 0; window.__vibrations = [];
navigator.vibrate = function (pattern) { window.__vibrations.push(pattern); return true; };
const Context = window.AudioContext || window.webkitAudioContext;
if (Context) {
  const create = Context.prototype.createOscillator;
  Context.prototype.createOscillator = function () {
    window.__beeps += 1;
    return create.call(this);
  };
}
"""


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser, live_server, transactional_db) -> Iterator[Callable[..., Page]]:
    """Open a page in a fresh context; fail the test on a script error or a CSP refusal."""
    contexts, problems = [], []

    def open_(*, user=None, **context_options) -> Page:
        context = browser.new_context(base_url=live_server.url, **(context_options or DESKTOP))
        context.add_init_script(RECORD_FEEDBACK)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies["sessionid"]
            context.add_cookies(
                [{"name": "sessionid", "value": cookie.value, "url": live_server.url}]
            )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(5000)
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        page.on(
            "console",
            lambda message: (
                problems.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        return page

    yield open_
    for context in contexts:
        context.close()
    assert problems == []
