from __future__ import annotations

import re

import pytest
from django.urls import reverse

from exercises.models import Exercise

pytestmark = pytest.mark.django_db


def drill_names_in_order(html: str, drills) -> list[str]:
    positions = sorted((html.index(drill.name), drill.name) for drill in drills)
    return [name for _, name in positions]


def test_home_lists_the_six_drills_in_routine_order(client, drills):
    response = client.get(reverse("home"))

    html = response.content.decode()
    assert response.status_code == 200
    assert drill_names_in_order(html, drills) == [drill.name for drill in drills]
    assert [d.name for d in drills] == [
        "Foot rolling",
        "Ankle mobility (wall)",
        "Foot inversion and eversion",
        "Toe raises",
        "Eccentric heel drops",
        "Trigger-point release",
    ]


def test_home_invites_a_visitor_to_sign_up(client, drills):
    html = client.get(reverse("home")).content.decode()
    assert reverse("accounts:signup") in html
    assert reverse("accounts:login") in html


def test_home_gives_a_signed_in_athlete_a_next_step_not_a_sign_up(athlete_client, drills):
    html = athlete_client.get(reverse("home")).content.decode()
    assert reverse("accounts:signup") not in html
    assert "Sign out" in html


def test_home_explains_an_empty_routine(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "No drills yet" in response.content.decode()


def test_inactive_drills_leave_the_list(client, drills):
    Exercise.objects.filter(slug="toe-raises").update(active=False)
    html = client.get(reverse("exercises:list")).content.decode()
    assert "Toe raises" not in html
    assert "Eccentric heel drops" in html


def test_drill_detail_shows_instructions_dosage_equipment_cautions_progression(client, drills):
    drill = Exercise.objects.get(slug="eccentric-heel-drops")

    response = client.get(drill.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    parts = [f"{part.name}: {part.dosage}" for part in drill.part_list]
    for text in [drill.name, *parts, drill.equipment, *drill.steps]:
        assert text in html or text.replace("'", "&#x27;") in html, text
    for text in [*drill.caution_list, *drill.progression_steps, *drill.cue_list]:
        assert text.replace("'", "&#x27;") in html, text
    assert "Double leg" in html and "Single leg (one side at a time)" in html
    assert "Drill 5 of 6" in html


def test_the_home_page_gives_the_routines_length_from_the_drills_data(client, drills):
    """Issue 13: it said "ten minutes"; the prescribed doses add up to more."""
    from exercises.models import routine_minutes

    low, high = routine_minutes(list(Exercise.objects.active().with_prescription()))
    html = client.get(reverse("home")).content.decode()
    assert f"About {low}–{high} minutes for your feet" in html
    assert low > 10
    Exercise.objects.get(slug="trigger-point-release").parts.update(
        hold_min_seconds=600, hold_max_seconds=600
    )
    assert f"About {low + 18}–{high + 16} minutes" in client.get(reverse("home")).content.decode()


def test_unknown_or_inactive_drill_is_404(client, drills):
    assert client.get(reverse("exercises:detail", args=["no-such-drill"])).status_code == 404
    Exercise.objects.filter(slug="toe-raises").update(active=False)
    assert client.get(reverse("exercises:detail", args=["toe-raises"])).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        reverse("home"),
        reverse("exercises:list"),
        reverse("accounts:login"),
        reverse("accounts:signup"),
        reverse("accounts:password_reset"),
    ],
)
def test_every_page_has_the_shared_frame(client, drills, url):
    html = client.get(url).content.decode()
    assert '<html lang="en">' in html
    assert 'href="#main"' in html  # skip link
    assert re.search(r"<title>[^<]+ · Groundwork</title>", html)
    assert "/static/vendor/bootstrap/bootstrap.min.css" in html
    # Every asset from our own origin. (Not a search for "cdn": the random CSRF token has it.)
    assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", html)


def test_pages_carry_a_content_security_policy_without_inline_script(client, drills):
    response = client.get(reverse("home"))
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode()


def test_profile_requires_sign_in(client, db):
    url = reverse("accounts:profile")
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={url}"
