"""Everything Groundwork holds about one person, as plain data for a download."""

from __future__ import annotations

from django.db.models import Prefetch, Q

from coaching.models import CoachLink, Invitation

from .models import Comment, Entry, EntryPart, TrainingSession

ENTRY_FIELDS = [
    "done", "pain", "pain_left", "pain_right", "tight_spots", "tight_spot_other",
    "wall_distance_left_cm", "wall_distance_right_cm", "notes",
]  # fmt: skip
PART_FIELDS = [
    "side", "sets_done", "reps_done", "seconds", "target_sets", "target_reps", "target_seconds",
]  # fmt: skip


def entry_data(entry) -> dict:
    revision = entry.exercise_revision
    return (
        {
            "drill": entry.exercise.name,
            "drill_revision": None
            if revision is None
            else {"id": revision.history_id, "date": revision.history_date, "name": revision.name},
            "variant": entry.variant.name if entry.variant else None,
        }
        | {name: getattr(entry, name) for name in ENTRY_FIELDS}
        | {
            "parts": [
                {"part": row.part.name} | {name: getattr(row, name) for name in PART_FIELDS}
                for row in entry.parts.all()
            ]
        }
    )


def personal_data(user) -> dict:
    sessions = (
        TrainingSession.objects.filter(athlete=user)
        .order_by("performed_at", "pk")
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=Entry.objects.select_related(
                    "exercise", "exercise_revision", "variant"
                ).prefetch_related(
                    Prefetch("parts", queryset=EntryPart.objects.select_related("part"))
                ),
            ),
        )
    )
    links = CoachLink.objects.filter(Q(athlete=user) | Q(coach=user)).select_related(
        "athlete", "coach"
    )
    comments = (
        Comment.objects.filter(Q(author=user) | Q(session__athlete=user))
        .select_related("author")
        .order_by("created_at", "pk")
    )
    return {
        "profile": {
            "username": user.username,
            "email": user.email,
            "display_name": user.display_name,
            "time_zone": user.time_zone,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "sessions": [
            {
                "id": session.pk,
                "performed_at": session.performed_at,
                "timing": session.timing,
                "run_type": session.run_type,
                "run_distance_km": session.run_distance_km,
                "notes": session.notes,
                "morning_after_pain": session.morning_after_pain,
                "created_at": session.created_at,
                "updated_at": session.updated_at,
                "entries": [entry_data(entry) for entry in session.entries.all()],
            }
            for session in sessions
        ],
        "comments": [
            {
                "session_id": comment.session_id,
                "author": comment.author.username,
                "body": comment.body,
                "created_at": comment.created_at,
            }
            for comment in comments
        ],
        "coach_links": [
            {
                "athlete": link.athlete.username,
                "coach": link.coach.username,
                "created_at": link.created_at,
                "revoked_at": link.revoked_at,
            }
            for link in links
        ],
        "invitations": [
            {"code": inv.code, "created_at": inv.created_at, "expires_at": inv.expires_at}
            for inv in Invitation.objects.filter(athlete=user)
        ],
    }
