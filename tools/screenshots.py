"""Screenshot pages at phone and desktop width, to judge them by eye before calling them done.

Usage: .venv/bin/python tools/screenshots.py http://127.0.0.1:8000/ [more URLs] [--login user:pass]
PNGs land in screenshots/ (git-ignored).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--login", help="username:password to sign in first")
    parser.add_argument("--out", default="screenshots")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for label, (width, height) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            if args.login:
                username, password = args.login.split(":", 1)
                base = re.match(r"https?://[^/]+", args.urls[0]).group(0)
                page.goto(f"{base}/accounts/login/")
                page.fill("#id_username", username)
                page.fill("#id_password", password)
                page.click("button[type=submit]")
            for url in args.urls:
                page.goto(url)
                name = re.sub(r"[^a-z0-9]+", "-", url.split("://", 1)[1].lower()).strip("-")
                path = out / f"{name}-{label}.png"
                page.screenshot(path=str(path), full_page=True)
                print(path)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
