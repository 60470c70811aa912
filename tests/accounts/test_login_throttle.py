from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from config.client_ip import client_ip
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIMIT = settings.AXES_FAILURE_LIMIT


def sign_in(client, password: str, username: str = "alice", address: str = "203.0.113.7", **extra):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **extra,
    )


def fail_until_locked(client, username: str = "alice", address: str = "203.0.113.7", **extra):
    for _ in range(LIMIT - 1):
        response = sign_in(client, "wrong-guess", username, address, **extra)
        assert response.status_code == 200  # the form again, with its error
    return sign_in(client, "wrong-guess", username, address, **extra)


def test_wrong_passwords_up_to_the_limit_lock_even_the_right_one(client, athlete, password):
    response = fail_until_locked(client)
    assert response.status_code == 429

    response = sign_in(client, password)

    html = response.content.decode()
    assert response.status_code == 429
    assert "Sign-in paused" in html
    assert "Please try again in 15 minutes" in html
    assert reverse("accounts:password_reset") in html
    assert response["Retry-After"] == "900"
    assert not response.wsgi_request.user.is_authenticated


def test_the_lockout_page_is_in_the_site_frame(client, athlete):
    html = fail_until_locked(client).content.decode()
    assert "<title>Sign-in paused · Groundwork</title>" in html
    assert 'href="#main"' in html


def test_the_lock_holds_one_username_from_one_address_only(client, athlete, password):
    UserFactory(username="bob")
    fail_until_locked(client)

    assert sign_in(client, password, username="bob").status_code == 302
    client.logout()
    assert sign_in(client, password, address="198.51.100.20").status_code == 302


def test_a_success_before_the_limit_starts_the_count_again(client, athlete, password):
    for _ in range(LIMIT - 1):
        sign_in(client, "wrong-guess")
    assert sign_in(client, password).status_code == 302
    client.logout()

    for _ in range(LIMIT - 1):
        assert sign_in(client, "wrong-guess").status_code == 200
    assert sign_in(client, password).status_code == 302


def test_the_pause_ends_after_the_cool_off(client, athlete, password):
    fail_until_locked(client)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    assert sign_in(client, password).status_code == 302


def test_an_admin_lifts_the_lock(client, athlete, staff, password):
    fail_until_locked(client)
    attempt = AccessAttempt.objects.get(username="alice")

    admin = client.__class__()
    admin.force_login(staff)
    changelist = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert "203.0.113.7" in changelist.content.decode()
    response = admin.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert response.status_code == 302

    assert sign_in(client, password).status_code == 302


def test_the_password_is_never_stored_with_the_attempt(client, athlete):
    fail_until_locked(client)
    attempt = AccessAttempt.objects.get(username="alice")
    assert "wrong-guess" not in attempt.post_data


def test_sign_up_still_signs_the_new_athlete_in(client):
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "carla",
            "email": "carla@example.com",
            "display_name": "Carla",
            "time_zone": "UTC",
            "password1": "long-run-sunday-42",
            "password2": "long-run-sunday-42",
        },
        follow=True,
    )
    assert response.context["user"].username == "carla"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_load_balancer_each_client_is_counted_apart(client, athlete, password):
    balancer = "10.0.0.2"
    response = fail_until_locked(client, address=balancer, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert response.status_code == 429

    other = sign_in(client, password, address=balancer, HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert other.status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "198.51.100.1", "10.0.0.2"),  # no proxy trusted: the header is the client's to forge
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # forged entries sit on the left
        (2, "6.6.6.6, 198.51.100.1, 10.0.0.9", "198.51.100.1"),
        (2, "198.51.100.1", "10.0.0.2"),  # fewer hops than promised: the request went round
    ],
)
def test_the_throttle_counts_the_address_the_trusted_proxies_saw(
    rf, proxies, forwarded_for, expected
):
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", headers={"X-Forwarded-For": forwarded_for})
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        assert client_ip(request) == expected
