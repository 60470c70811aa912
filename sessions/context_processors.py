from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Subquery
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def navigation(request: HttpRequest) -> dict:
    """What the navigation bar needs about the user, in one query, made only if shown."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def load() -> dict:
        from coaching.models import CoachLink

        from .models import Comment

        unread = (
            Comment.objects.filter(session__athlete=OuterRef("pk"), read_at__isnull=True)
            .exclude(author=OuterRef("pk"))
            .values("session__athlete")
            .annotate(n=Count("pk"))
            .values("n")
        )
        coaching = CoachLink.objects.active().filter(coach=OuterRef("pk"))
        row = (
            get_user_model()
            .objects.filter(pk=user.pk)
            .annotate(unread=Subquery(unread), coaches=Exists(coaching))
            .values("unread", "coaches")
            .first()
        ) or {}
        return {"unread_comments": row.get("unread") or 0, "is_coach": bool(row.get("coaches"))}

    return {"nav": SimpleLazyObject(load)}
