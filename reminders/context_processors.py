from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def notices(request: HttpRequest) -> dict:
    """Athletes' replies a coach has not opened, counted only when a template shows them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> dict:
        from .models import unread_notice_count

        return {"unread": unread_notice_count(user)}

    return {"reply_notices": SimpleLazyObject(count)}
