from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

# The pages under "Coaching" in the navigation.
COACH_PAGES = frozenset(
    {
        "insights:dashboard",
        "insights:athlete",
        "insights:athlete_progress",
        "coaching:join",
        "coaching:accept",
    }
)


def navigation(request: HttpRequest) -> dict:
    """What the navigation bar shows about the user, counted only when a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def load() -> dict:
        from .models import Comment

        # One count on the comments' index: kept on no row, so no delete can leave it wrong.
        unread = (
            Comment.objects.filter(session__athlete=user, read_at__isnull=True)
            .exclude(author=user)
            .count()
        )
        return {"unread_comments": unread}

    return {"nav": SimpleLazyObject(load), "coach_pages": COACH_PAGES}
