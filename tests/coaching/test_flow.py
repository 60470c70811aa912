from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching.models import CoachLink, Invitation
from coaching.services import accept_invitation
from sessions.models import Comment
from tests.factories import EntryFactory, ExerciseFactory, TrainingSessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def invite(client) -> Invitation:
    client.post(reverse("coaching:invite"))
    return Invitation.objects.latest("created_at")


def test_done_when_invite_accept_flag_comment_read_revoke(client, athlete, drills):
    coach = UserFactory(username="carol", display_name="Coach Carol")
    client.force_login(athlete)
    invitation = invite(client)
    sharing = client.get(reverse("coaching:sharing")).content.decode()
    assert invitation.display_code in sharing
    assert invitation.get_absolute_url() in sharing

    client.force_login(coach)
    assert "Accept" in client.get(invitation.get_absolute_url()).content.decode()
    response = client.post(invitation.get_absolute_url(), follow=True)
    assert "You now coach Alice." in response.content.decode()

    session = TrainingSessionFactory(athlete=athlete)
    EntryFactory(session=session, exercise=drills[4], pain=6)
    dashboard = client.get(reverse("insights:dashboard"))
    assert "Pain 6/10 this week" in dashboard.content.decode()

    client.post(reverse("sessions:comment", args=[session.pk]), {"body": "Ease off the drops."})

    client.force_login(athlete)
    assert client.get(reverse("home")).context["nav"].unread_comments == 1
    detail = client.get(session.get_absolute_url()).content.decode()
    assert "Ease off the drops." in detail
    assert client.get(reverse("home")).context["nav"].unread_comments == 0
    client.post(reverse("sessions:comment", args=[session.pk]), {"body": "Will do, thanks!"})

    link = CoachLink.objects.get(athlete=athlete, coach=coach)
    assert (
        "Remove Coach Carol?"
        in client.get(reverse("coaching:revoke", args=[link.pk])).content.decode()
    )
    client.post(reverse("coaching:revoke", args=[link.pk]))

    client.force_login(coach)
    for url in [
        session.get_absolute_url(),
        reverse("insights:athlete", args=[athlete.pk]),
        reverse("insights:athlete_export", args=[athlete.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert "Alice" not in client.get(reverse("insights:dashboard")).content.decode()


def test_a_coach_sees_nothing_before_the_athlete_agrees(client, athlete):
    stranger = UserFactory()
    session = TrainingSessionFactory(athlete=athlete)
    client.force_login(athlete)
    invite(client)  # created, not yet accepted

    client.force_login(stranger)
    assert client.get(session.get_absolute_url()).status_code == 404
    assert client.get(reverse("insights:athlete", args=[athlete.pk])).status_code == 404


def test_an_invitation_code_works_once(client, athlete):
    client.force_login(athlete)
    invitation = invite(client)
    first, second = UserFactory(), UserFactory()
    client.force_login(first)
    client.post(invitation.get_absolute_url())

    client.force_login(second)
    response = client.post(invitation.get_absolute_url(), follow=True)
    assert "does not work" in response.content.decode()
    assert not CoachLink.objects.filter(coach=second).exists()


def test_an_expired_invitation_is_refused(client, athlete):
    invitation = Invitation.objects.create(
        athlete=athlete, expires_at=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(UserFactory())
    response = client.get(invitation.get_absolute_url(), follow=True)
    assert "may be mistyped, used or expired" in response.content.decode()


def test_the_code_can_be_typed_in_any_case_with_a_dash(client, athlete):
    invitation = Invitation.objects.create(athlete=athlete)
    client.force_login(UserFactory())
    typed = invitation.display_code.lower()
    response = client.post(reverse("coaching:join"), {"code": typed})
    assert response.url == invitation.get_absolute_url()


def test_a_mistyped_code_gets_a_message_at_the_field(client, athlete):
    client.force_login(UserFactory())
    response = client.post(reverse("coaching:join"), {"code": "ABC"})
    assert "A code has 8 letters and digits." in response.content.decode()
    assert 'value="ABC"' in response.content.decode()


def test_an_athlete_cannot_coach_themselves(client, athlete):
    client.force_login(athlete)
    invitation = invite(client)
    response = client.post(invitation.get_absolute_url(), follow=True)
    assert "That is your own invitation" in response.content.decode()
    assert not CoachLink.objects.exists()


def test_an_athlete_can_cancel_an_invitation(client, athlete):
    client.force_login(athlete)
    invitation = invite(client)
    client.post(reverse("coaching:invite_cancel", args=[invitation.pk]))
    assert not Invitation.objects.filter(pk=invitation.pk).exists()


def test_one_person_can_be_athlete_and_coach(client, athlete, other_athlete):
    CoachLink.objects.create(athlete=other_athlete, coach=athlete)
    own = TrainingSessionFactory(athlete=athlete)
    theirs = TrainingSessionFactory(athlete=other_athlete)
    client.force_login(athlete)

    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 200
    assert [row.pk for row in client.get(reverse("sessions:list")).context["page"]] == [own.pk]
    assert reverse("insights:dashboard") in client.get(reverse("home")).content.decode()


def test_a_coach_reads_but_cannot_change_a_session(client, athlete, coach):
    session = TrainingSessionFactory(athlete=athlete)
    client.force_login(coach)
    html = client.get(session.get_absolute_url()).content.decode()
    assert reverse("sessions:update", args=[session.pk]) not in html
    assert client.get(reverse("sessions:update", args=[session.pk])).status_code == 404
    assert client.post(reverse("sessions:delete", args=[session.pk])).status_code == 404


def test_the_coachs_athlete_page_highlights_flagged_sessions(client, athlete, coach):
    calm = TrainingSessionFactory(athlete=athlete, performed_at=timezone.now() - timedelta(days=2))
    EntryFactory(session=calm, exercise=ExerciseFactory(), pain=2)
    sore = TrainingSessionFactory(athlete=athlete)
    EntryFactory(session=sore, exercise=ExerciseFactory(), pain_left=7)
    client.force_login(coach)

    html = client.get(reverse("insights:athlete", args=[athlete.pk])).content.decode()

    cards = html.split('<li class="card mb-2')[1:]
    assert "flagged" in cards[0] and "pain 7" in cards[0]
    assert "flagged" not in cards[1]


def test_comments_show_a_new_marker_once_and_count_only_others(client, athlete, coach):
    session = TrainingSessionFactory(athlete=athlete)
    Comment.objects.create(session=session, author=coach, body="From the coach")
    Comment.objects.create(session=session, author=athlete, body="Mine")
    client.force_login(athlete)

    assert client.get(reverse("home")).context["nav"].unread_comments == 1
    first = client.get(session.get_absolute_url()).content.decode()
    second = client.get(session.get_absolute_url()).content.decode()
    assert "new</span>" in first
    assert "new</span>" not in second


def test_the_athlete_posts_a_first_comment_and_replies_to_a_coach(client, athlete, coach):
    session = TrainingSessionFactory(athlete=athlete)
    client.force_login(athlete)
    assert ">Post comment</button>" in client.get(session.get_absolute_url()).content.decode()

    Comment.objects.create(session=session, author=coach, body="Ease off the heel drops.")
    assert ">Reply</button>" in client.get(session.get_absolute_url()).content.decode()


def test_an_empty_comment_is_refused_at_the_field(client, athlete, coach):
    session = TrainingSessionFactory(athlete=athlete)
    client.force_login(coach)
    response = client.post(reverse("sessions:comment", args=[session.pk]), {"body": ""})
    assert response.status_code == 400
    assert response.context["comment_form"].errors["body"]
    assert not Comment.objects.exists()


def test_a_too_long_comment_is_refused_and_kept_on_the_page(client, athlete, coach):
    session = TrainingSessionFactory(athlete=athlete)
    client.force_login(coach)
    body = "Keep this text. " * 130  # over 2,000 characters
    response = client.post(reverse("sessions:comment", args=[session.pk]), {"body": body})
    assert response.status_code == 400
    assert "at most 2000 characters" in response.content.decode()
    assert body.strip() in response.content.decode()
    assert not Comment.objects.exists()


def test_dashboard_search_by_name(client, coach, athlete):
    other = UserFactory(display_name="Zed")
    CoachLink.objects.create(athlete=other, coach=coach)
    client.force_login(coach)
    response = client.get(reverse("insights:dashboard"), {"q": "ali"})
    # The page reads athletes as plain rows: each summary's athlete is the id and the name.
    assert [row.athlete.pk for row in response.context["page"]] == [athlete.pk]
    assert "Zed" not in response.content.decode()


def test_dashboard_search_keeps_the_words_and_says_what_is_wrong(client, coach, athlete):
    client.force_login(coach)
    words = "x" * 81
    html = client.get(reverse("insights:dashboard"), {"q": words}).content.decode()
    assert f'value="{words}"' in html
    assert 'aria-invalid="true" aria-describedby="id_q_error"' in html
    assert "Ensure this value has at most 80 characters" in html
    assert 'for="id_q">Search athletes by name</label>' in html


def test_a_search_that_finds_nobody_says_so_and_offers_everyone(client, coach, athlete):
    client.force_login(coach)
    html = client.get(reverse("insights:dashboard"), {"q": "zzz"}).content.decode()
    assert "No athlete matches “zzz”." in html
    assert "Show all athletes" in html
    assert "No athletes yet" not in html


def test_dashboard_empty_state_explains_how_to_start(client):
    client.force_login(UserFactory())
    html = client.get(reverse("insights:dashboard")).content.decode()
    assert "No athletes yet" in html
    assert reverse("coaching:join") in html


def test_a_linked_coach_reads_the_athletes_progress(client, athlete, coach, drills):
    session = TrainingSessionFactory(athlete=athlete)
    EntryFactory(session=session, exercise=drills[1], wall_distance_left_cm=9)
    client.force_login(coach)

    response = client.get(reverse("insights:athlete_progress", args=[athlete.pk]))

    assert response.status_code == 200
    assert "Progress of Alice" in response.content.decode()
    assert response.context["report"].figures.session_count == 1


def test_a_coach_already_linked_does_not_spend_the_invitation(client, athlete, coach):
    invitation = Invitation.objects.create(athlete=athlete)
    client.force_login(coach)
    response = client.post(invitation.get_absolute_url())
    assert "You already coach Alice." in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_invitation_spent_by_another_request_first_links_nobody(athlete):
    invitation = Invitation.objects.create(athlete=athlete)
    first, second = UserFactory(), UserFactory()
    stale = Invitation.objects.get(pk=invitation.pk)  # read by both requests before either wrote

    assert accept_invitation(invitation=invitation, coach=first)
    assert not accept_invitation(invitation=stale, coach=second)
    assert list(CoachLink.objects.values_list("coach", flat=True)) == [first.pk]


def test_a_coach_reads_the_athletes_days_and_times_in_the_athletes_zone(client, coach, athlete):
    athlete.time_zone = "Pacific/Auckland"
    athlete.save()
    coach.time_zone = "America/Los_Angeles"
    coach.save()
    session = TrainingSessionFactory(
        athlete=athlete, performed_at=datetime(2025, 6, 9, 20, 0, tzinfo=UTC)
    )  # 08:00 on Tuesday 10 June in Auckland; Monday in Los Angeles
    client.force_login(coach)

    detail = client.get(session.get_absolute_url()).content.decode()
    history = client.get(
        reverse("insights:athlete", args=[athlete.pk]),
        {"date_from": "2025-06-10", "date_to": "2025-06-10"},
    )

    assert "Tuesday 10 June 2025, 08:00" in detail
    assert list(history.context["page"]) == [session]


def test_clearing_filters_on_a_coach_page_stays_on_that_athlete(client, coach, athlete):
    TrainingSessionFactory(athlete=athlete)
    client.force_login(coach)
    url = reverse("insights:athlete", args=[athlete.pk])
    html = client.get(url, {"date_from": "2020-01-01"}).content.decode()
    assert f'href="{url}">Clear filters' in html


def test_without_a_coach_the_athlete_is_offered_sharing_not_a_reply_box(athlete_client, athlete):
    session = TrainingSessionFactory(athlete=athlete)
    html = athlete_client.get(session.get_absolute_url()).content.decode()
    assert "Share your log with a coach" in html
    assert reverse("sessions:comment", args=[session.pk]) not in html

    response = athlete_client.post(
        reverse("sessions:comment", args=[session.pk]), {"body": "Anyone there?"}
    )
    assert response.status_code == 400
    assert not Comment.objects.filter(session=session).exists()


def test_with_a_coach_the_athlete_can_reply(athlete_client, athlete, coach):
    session = TrainingSessionFactory(athlete=athlete)
    html = athlete_client.get(session.get_absolute_url()).content.decode()
    assert reverse("sessions:comment", args=[session.pk]) in html
    assert "Share your log with a coach" not in html
