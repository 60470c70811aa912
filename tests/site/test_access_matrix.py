"""Who may reach what: every URL of sessions, coaching, accounts and reminders × every visitor.

One table drives the test. A URL added to these apps without a row here fails the test.
"""

from __future__ import annotations

import pytest
from django.urls import get_resolver, reverse

from coaching.models import CoachLink, Invitation
from reminders.models import Delivery, Kind, Notice, ReminderPlan
from reminders.tokens import morning_token, unsubscribe_token
from tests.factories import CommentFactory, EntryFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "athlete",
    "other_athlete",
    "coach",
    "unlinked_coach",
    "revoked_coach",
    "staff",
]
NAMESPACES = ["sessions", "insights", "coaching", "accounts", "reminders"]
LOGIN = "login"  # anonymous visitors are sent to sign in


def everyone(status: int) -> dict[str, object]:
    return dict.fromkeys(PERSONAS, status) | {"anonymous": LOGIN}


def only(**statuses) -> dict[str, object]:
    return dict.fromkeys(PERSONAS, 404) | {"anonymous": LOGIN} | statuses


def public(status: int = 200, signed_in: int | None = None) -> dict[str, object]:
    """A page for visitors too; `signed_in` when a signed-in person is sent elsewhere."""
    status_in = status if signed_in is None else signed_in
    return dict.fromkeys(PERSONAS, status_in) | {"anonymous": status}


# url name: (method, kwargs from the world, expected status per persona)
# (url name, method): (kwargs from the world, expected status per persona)
MATRIX = {
    ("sessions:list", "get"): (lambda w: {}, everyone(200)),
    ("sessions:create", "get"): (lambda w: {}, everyone(200)),
    ("sessions:export", "get"): (lambda w: {}, everyone(200)),
    ("insights:progress", "get"): (lambda w: {}, everyone(200)),
    ("sessions:detail", "get"): (lambda w: {"pk": w["session"].pk}, only(athlete=200, coach=200)),
    ("sessions:update", "get"): (lambda w: {"pk": w["session"].pk}, only(athlete=200)),
    # An empty post is invalid: the owner gets the form back with errors.
    ("sessions:update", "post"): (lambda w: {"pk": w["session"].pk}, only(athlete=200)),
    ("sessions:delete", "get"): (lambda w: {"pk": w["session"].pk}, only(athlete=200)),
    ("sessions:delete", "post"): (lambda w: {"pk": w["session"].pk}, only(athlete=302)),
    ("sessions:morning_after", "post"): (lambda w: {"pk": w["session"].pk}, only(athlete=302)),
    ("sessions:comment", "post"): (
        lambda w: {"pk": w["session"].pk},
        only(athlete=302, coach=302),
    ),
    ("insights:dashboard", "get"): (lambda w: {}, everyone(200)),
    ("coaching:sharing", "get"): (lambda w: {}, everyone(200)),
    ("coaching:join", "get"): (lambda w: {}, everyone(200)),
    ("coaching:invite", "post"): (lambda w: {}, everyone(302)),
    ("insights:athlete", "get"): (lambda w: {"athlete_id": w["athlete"].pk}, only(coach=200)),
    ("insights:athlete_progress", "get"): (
        lambda w: {"athlete_id": w["athlete"].pk},
        only(coach=200),
    ),
    ("insights:athlete_export", "get"): (
        lambda w: {"athlete_id": w["athlete"].pk},
        only(athlete=200, coach=200),
    ),
    ("coaching:invite_cancel", "post"): (lambda w: {"pk": w["invitation"].pk}, only(athlete=302)),
    ("coaching:revoke", "get"): (lambda w: {"pk": w["link"].pk}, only(athlete=200)),
    ("coaching:revoke", "post"): (lambda w: {"pk": w["link"].pk}, only(athlete=302)),
    # Anyone holding the code may accept; the athlete is sent back to share it instead, and a
    # coach already linked is told so.
    ("coaching:accept", "get"): (
        lambda w: {"code": w["invitation"].code},
        everyone(200) | {"athlete": 302},
    ),
    ("coaching:accept", "post"): (
        lambda w: {"code": w["invitation"].code},
        everyone(302) | {"coach": 200},
    ),
    ("accounts:profile", "get"): (lambda w: {}, everyone(200)),
    ("sessions:data_export", "get"): (lambda w: {}, everyone(200)),
    ("accounts:delete", "get"): (lambda w: {}, everyone(200)),
    ("accounts:password_change", "get"): (lambda w: {}, everyone(200)),
    ("accounts:password_change_done", "get"): (lambda w: {}, everyone(200)),
    ("accounts:signup", "get"): (lambda w: {}, public(200, signed_in=302)),
    ("accounts:login", "get"): (lambda w: {}, public(200, signed_in=302)),
    ("accounts:logout", "post"): (lambda w: {}, public(302)),
    ("accounts:password_reset", "get"): (lambda w: {}, public(200)),
    ("accounts:password_reset_done", "get"): (lambda w: {}, public(200)),
    ("accounts:password_reset_complete", "get"): (lambda w: {}, public(200)),
    # Reminders: the plan is each person's own; the links in emails work for whoever holds them
    # (their token is the key), and a coach's reply notice is theirs alone.
    ("reminders:plan", "get"): (lambda w: {}, everyone(200)),
    ("reminders:plan", "post"): (lambda w: {}, everyone(200)),  # incomplete: errors shown
    ("reminders:stop_all", "post"): (lambda w: {}, everyone(302)),
    ("reminders:feed_regenerate", "post"): (lambda w: {}, everyone(302)),
    ("reminders:feed", "get"): (lambda w: {"token": w["plan"].feed_token}, public(200)),
    ("reminders:morning", "get"): (lambda w: {"token": w["morning"], "pain": 3}, public(200)),
    ("reminders:morning", "post"): (lambda w: {"token": w["morning"], "pain": 3}, public(302)),
    ("reminders:unsubscribe", "get"): (lambda w: {"token": w["unsubscribe"]}, public(200)),
    ("reminders:unsubscribe", "post"): (lambda w: {"token": w["unsubscribe"]}, public(302)),
    ("reminders:unsubscribe_one_click", "post"): (
        lambda w: {"token": w["unsubscribe"]},
        public(200),
    ),
    ("reminders:notices", "get"): (lambda w: {}, everyone(200)),
    ("reminders:notice_open", "post"): (lambda w: {"pk": w["notice"].pk}, only(coach=302)),
    ("reminders:notices_read", "post"): (lambda w: {}, everyone(302)),
    ("accounts:password_reset_confirm", "get"): (
        lambda w: {"uidb64": "MQ", "token": "no-such-token"},
        public(200),
    ),
}


def test_every_url_has_a_row_in_the_matrix():
    resolver = get_resolver()
    names = set()
    for namespace in NAMESPACES:
        sub = resolver.namespace_dict[namespace][1]
        names |= {f"{namespace}:{name}" for name in sub.reverse_dict if isinstance(name, str)}
    assert names == {name for name, _ in MATRIX}


@pytest.fixture
def world(athlete, coach, unlinked_coach, revoked_coach, staff, drills):
    session = TrainingSessionFactory(athlete=athlete, notes="Private note")
    EntryFactory(session=session, exercise=drills[0], pain=2)
    delivery = Delivery.objects.create(
        user=athlete,
        kind=Kind.MORNING_CHECK,
        slot="2026-03-02",
        due_at=session.performed_at,
        queued_at=session.performed_at,
        session=session,
    )
    reply = CommentFactory(session=session, author=athlete, body="Thanks!")
    return {
        "athlete": athlete,
        "session": session,
        "plan": ReminderPlan.objects.for_user(athlete),
        "morning": morning_token(delivery.pk),
        "unsubscribe": unsubscribe_token(athlete.pk, Kind.WEEKLY_SUMMARY),
        "notice": Notice.objects.create(recipient=coach, comment=reply),
        "invitation": Invitation.objects.create(athlete=athlete),
        "link": CoachLink.objects.get(athlete=athlete, coach=coach),
    }


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "method"), sorted(MATRIX))
def test_access(client, request, world, name, method, persona):
    kwargs, expected = MATRIX[name, method]
    url = reverse(name, kwargs=kwargs(world))
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    data = {"body": "Hello", "morning_after_pain": "1"} if method == "post" else None

    response = getattr(client, method)(url, data)

    if expected[persona] == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected[persona]


def test_a_404_says_nothing_about_whether_the_session_exists(client, world, other_athlete):
    client.force_login(other_athlete)
    hidden = client.get(reverse("sessions:detail", args=[world["session"].pk]))
    missing = client.get(reverse("sessions:detail", args=[world["session"].pk + 1000]))
    assert hidden.status_code == missing.status_code == 404
    assert "Private note" not in hidden.content.decode()
