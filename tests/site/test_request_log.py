from __future__ import annotations

import logging
import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from coaching.models import Invitation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LINE = re.compile(r"^(?P<method>[A-Z]+) (?P<path>\S+) (?P<status>\d{3}) \d+ms user=(?P<user>\S+)$")


@pytest.fixture
def request_log(caplog):
    caplog.set_level(logging.INFO, logger="groundwork.requests")

    def lines() -> list[str]:
        return [r.getMessage() for r in caplog.records if r.name == "groundwork.requests"]

    return lines


def test_one_line_per_request_with_method_path_status_duration_and_user(client, request_log):
    client.get(reverse("exercises:list"))

    [line] = request_log()
    assert LINE.match(line).groupdict() == {
        "method": "GET",
        "path": "/drills/",
        "status": "200",
        "user": "-",
    }


def test_a_signed_in_athlete_is_logged_by_id_only(athlete_client, athlete, request_log):
    athlete_client.get(reverse("accounts:profile"))

    [line] = request_log()
    assert LINE.match(line)["user"] == str(athlete.pk)
    assert athlete.username not in line
    assert athlete.email not in line


def test_the_query_string_is_left_out(client, request_log):
    client.get(reverse("exercises:list"), {"email": "alice@example.com", "token": "abc123"})

    [line] = request_log()
    assert LINE.match(line)["path"] == "/drills/"
    assert "alice" not in line
    assert "abc123" not in line


def test_a_sign_in_logs_neither_the_password_nor_the_form(client, athlete, password, caplog):
    caplog.set_level(logging.DEBUG)
    client.post(reverse("accounts:login"), {"username": "alice", "password": password})

    line = next(r.getMessage() for r in caplog.records if r.name == "groundwork.requests")
    assert LINE.match(line).group("method", "path", "status", "user") == (
        "POST",
        "/accounts/login/",
        "302",
        str(athlete.pk),
    )
    assert password not in caplog.text


def test_the_password_reset_token_in_the_emailed_link_is_masked(client, athlete, request_log):
    uid = urlsafe_base64_encode(force_bytes(athlete.pk))
    token = default_token_generator.make_token(athlete)

    client.get(reverse("accounts:password_reset_confirm", args=[uid, token]))

    [line] = request_log()
    assert token not in line
    assert LINE.match(line)["path"] == f"/accounts/password/reset/{uid}/<token>/"


def test_errors_are_logged_with_their_status(client, request_log):
    client.get("/no-such-page/")

    [line] = request_log()
    assert LINE.match(line)["status"] == "404"


def test_a_forged_newline_in_the_path_cannot_forge_a_second_line(client, request_log):
    client.get("/drills/%0AGET /admin/ 200 1ms user=1")

    [line] = request_log()
    assert "\n" not in line
    assert LINE.match(line)["path"].startswith("/drills/%0A")


def test_a_coach_invitation_code_in_the_link_is_masked(client, athlete, request_log):
    invitation = Invitation.objects.create(athlete=athlete)
    client.force_login(UserFactory())

    client.get(invitation.get_absolute_url())

    [line] = request_log()
    assert invitation.code not in line
    assert LINE.match(line)["path"] == "/coaching/join/<code>/"


def test_the_development_server_prints_one_line_per_request(tmp_path):
    """runserver's own access line is off; ours is the one line."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request
    from pathlib import Path

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = os.environ | {
        "DJANGO_DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0]
    lines = [line for line in output.splitlines() if "/healthz" in line]
    assert len(lines) == 2, output
    assert all(line.startswith("INFO groundwork.requests GET /healthz 200") for line in lines)
