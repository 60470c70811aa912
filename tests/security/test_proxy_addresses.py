"""Issue 12, finding 10: a forged X-Forwarded-For neither escapes sign-in throttling nor is the
only line of defence.

With DJANGO_TRUSTED_PROXY_COUNT=1 and gunicorn's port open to all, a fresh forged address per try
gave 25 wrong passwords with no lockout.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def sign_in(client, password: str, forwarded_for: str):
    return client.post(
        reverse("accounts:login"),
        {"username": "alice", "password": password},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@override_settings(TRUSTED_PROXY_COUNT=1, LOGIN_USERNAME_FAILURE_LIMIT=20)
def test_a_fresh_forged_address_per_guess_is_paused_after_the_username_limit(
    client, athlete, password
):
    answers = [sign_in(client, "wrong-guess", f"198.51.100.{n}").status_code for n in range(25)]

    assert answers[:20] == [200] * 20
    assert set(answers[20:]) == {429}
    locked = sign_in(client, password, "192.0.2.99")  # the right password, from a new address
    assert locked.status_code == 429
    assert not locked.wsgi_request.user.is_authenticated


@override_settings(TRUSTED_PROXY_COUNT=1, LOGIN_USERNAME_FAILURE_LIMIT=20)
def test_the_username_limit_is_well_above_the_per_address_one(client, athlete, password):
    """A stranger needs 20 failures, not 5, to lock an athlete out everywhere."""
    for n in range(10):
        sign_in(client, "wrong-guess", f"198.51.100.{n}")
    assert sign_in(client, password, "192.0.2.99").status_code == 302


def gunicorn_settings(monkeypatch, **environ) -> dict:
    for name in ("HOST", "PORT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("gunicorn_conf", ROOT / "gunicorn.conf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return vars(module)


def test_gunicorn_binds_loopback_unless_told(monkeypatch):
    assert gunicorn_settings(monkeypatch)["bind"] == ["127.0.0.1:8000"]
    everywhere = gunicorn_settings(monkeypatch, HOST="0.0.0.0", PORT="9000")  # noqa: S104
    assert everywhere["bind"] == ["0.0.0.0:9000"]


def test_the_image_listens_on_all_interfaces_and_the_readme_warns():
    assert "HOST=0.0.0.0" in (ROOT / "Dockerfile").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "-p 127.0.0.1:8000:8000" in readme
    assert "-p 8000:8000" not in readme.replace("-p 127.0.0.1:8000:8000", "")
    assert "The risk of `DJANGO_TRUSTED_PROXY_COUNT`" in readme
