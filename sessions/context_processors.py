from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

UNREAD_SECONDS = 24 * 60 * 60


def navigation(request: HttpRequest) -> dict:
    """What the navigation bar shows about the user, counted only when a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def load() -> dict:
        from .models import Comment

        # Every page shows it: counted once for each version of the log (comments renew it).
        key = f"unread-comments:{user.pk}:{user.log_version}"
        unread = cache.get(key)
        if unread is None:
            unread = (
                Comment.objects.filter(session__athlete=user, read_at__isnull=True)
                .exclude(author=user)
                .count()
            )
            cache.set(key, unread, UNREAD_SECONDS)
        return {"unread_comments": unread}

    return {"nav": SimpleLazyObject(load)}
