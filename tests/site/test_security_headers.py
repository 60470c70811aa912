from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_carries_a_self_only_content_security_policy(client):
    policy = client.get(reverse("home"))["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_pages_refuse_frames_sniffing_foreign_referrers_and_openers(client):
    response = client.get(reverse("home"))

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@override_settings(SECURE_HSTS_SECONDS=31_536_000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_https_responses_tell_browsers_to_stay_on_https(client):
    response = client.get(reverse("home"), secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


@override_settings(SECURE_SSL_REDIRECT=True)
def test_plain_http_is_sent_to_https(client):
    response = client.get(reverse("exercises:list"))

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/drills/"


@override_settings(SECURE_SSL_REDIRECT=True)
def test_the_health_check_answers_over_plain_http(client):
    # Docker's HEALTHCHECK asks from inside the container, where there is no TLS.
    assert client.get(reverse("healthz")).status_code == 200


@override_settings(
    SECURE_SSL_REDIRECT=True, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")
)
def test_behind_a_load_balancer_its_https_header_is_believed(client):
    response = client.get(reverse("exercises:list"), headers={"X-Forwarded-Proto": "https"})

    assert response.status_code == 200


def test_the_session_cookie_is_secure_and_hidden_from_scripts(client, athlete, password):
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": password})

    cookie = response.cookies["sessionid"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_the_csrf_cookie_is_secure(client):
    response = client.get(reverse("accounts:login"))

    assert response.cookies["csrftoken"]["secure"] is True
