from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.middleware import UserTimezoneMiddleware
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def signup_data(**overrides) -> dict[str, str]:
    data = {
        "username": "carla",
        "email": "carla@example.com",
        "display_name": "Carla",
        "time_zone": "America/Denver",
        "password1": "long-run-sunday-42",
        "password2": "long-run-sunday-42",
    }
    return data | overrides


def test_sign_up_creates_the_account_and_signs_in(client):
    response = client.post(reverse("accounts:signup"), signup_data(), follow=True)

    user = User.objects.get(username="carla")
    assert user.time_zone == "America/Denver"
    assert response.context["user"] == user
    assert "Welcome to Groundwork, Carla." in response.content.decode()


def test_sign_up_with_mismatched_passwords_keeps_what_was_typed(client):
    response = client.post(reverse("accounts:signup"), signup_data(password2="something-else"))

    assert response.status_code == 200
    assert not User.objects.filter(username="carla").exists()
    html = response.content.decode()
    assert "didn’t match" in html or "didn't match" in html
    assert 'value="carla@example.com"' in html
    assert 'value="Carla"' in html


def test_sign_up_refuses_an_email_already_in_use_whatever_its_case(client):
    UserFactory(email="carla@example.com")
    response = client.post(reverse("accounts:signup"), signup_data(email="Carla@Example.com"))
    assert response.status_code == 200
    assert "An account with this email already exists" in response.content.decode()


def test_sign_in_and_out(client, athlete, password):
    response = client.post(
        reverse("accounts:login"), {"username": "alice", "password": password}, follow=True
    )
    assert response.context["user"] == athlete

    response = client.post(reverse("accounts:logout"), follow=True)
    assert not response.context["user"].is_authenticated


def test_sign_in_with_a_wrong_password_says_so_and_keeps_the_username(client, athlete):
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": "nope"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Please enter a correct username and password" in html
    assert 'value="alice"' in html


def test_sign_in_sends_the_athlete_back_where_they_were_going(client, athlete, password):
    target = reverse("accounts:profile")
    response = client.post(
        f"{reverse('accounts:login')}?next={target}",
        {"username": "alice", "password": password, "next": target},
    )
    assert response.url == target


def test_password_change(athlete_client, athlete, password):
    response = athlete_client.post(
        reverse("accounts:password_change"),
        {
            "old_password": password,
            "new_password1": "new-trail-shoes-77",
            "new_password2": "new-trail-shoes-77",
        },
    )
    assert response.url == reverse("accounts:password_change_done")
    athlete.refresh_from_db()
    assert athlete.check_password("new-trail-shoes-77")


def test_password_reset_end_to_end(client, athlete):
    response = client.post(reverse("accounts:password_reset"), {"email": "alice@example.com"})
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.com"]
    assert message.subject == "Reset your Groundwork password"

    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", message.body).group(1)
    response = client.get(link, follow=True)  # Django swaps the token for a session marker.
    assert response.context["validlink"]
    set_password_url = response.redirect_chain[-1][0]
    response = client.post(
        set_password_url,
        {"new_password1": "fresh-legs-2026", "new_password2": "fresh-legs-2026"},
    )
    assert response.url == reverse("accounts:password_reset_complete")
    athlete.refresh_from_db()
    assert athlete.check_password("fresh-legs-2026")

    # The link works once.
    assert not client.get(link, follow=True).context["validlink"]


def test_password_reset_for_an_unknown_email_sends_nothing_and_reveals_nothing(client, athlete):
    response = client.post(reverse("accounts:password_reset"), {"email": "who@example.com"})
    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_profile_saves_display_name_and_time_zone(athlete_client, athlete):
    response = athlete_client.post(
        reverse("accounts:profile"),
        {"display_name": "Ally", "email": "alice@example.com", "time_zone": "Asia/Tokyo"},
        follow=True,
    )
    athlete.refresh_from_db()
    assert athlete.display_name == "Ally"
    assert athlete.time_zone == "Asia/Tokyo"
    assert "Profile saved." in response.content.decode()


def test_profile_refuses_an_unknown_time_zone_at_the_field(athlete_client, athlete):
    response = athlete_client.post(
        reverse("accounts:profile"),
        {"display_name": "Ally", "email": "alice@example.com", "time_zone": "Mars/Olympus"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["time_zone"]
    assert 'value="Ally"' in response.content.decode()


def test_requests_run_in_the_signed_in_users_time_zone(athlete, rf):
    athlete.time_zone = "Asia/Tokyo"
    seen = []
    middleware = UserTimezoneMiddleware(
        lambda request: seen.append(timezone.get_current_timezone_name())
    )
    request = rf.get("/")
    request.user = athlete

    middleware(request)

    assert seen == ["Asia/Tokyo"]
    assert timezone.get_current_timezone_name() == "UTC"  # reset after the request


def test_an_expired_session_signs_nobody_in(client, athlete, password):
    client.post(reverse("accounts:login"), {"username": athlete.username, "password": password})
    assert client.get(reverse("sessions:list")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("sessions:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_deactivated_account_is_signed_out_of_its_open_sessions(client, athlete, password):
    client.post(reverse("accounts:login"), {"username": athlete.username, "password": password})
    get_user_model().objects.filter(pk=athlete.pk).update(is_active=False)
    response = client.get(reverse("sessions:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_changed_password_signs_out_other_sessions(client, athlete, password):
    client.post(reverse("accounts:login"), {"username": athlete.username, "password": password})
    athlete.set_password("a-new-long-passphrase-42")
    athlete.save()
    assert client.get(reverse("sessions:list")).status_code == 302
