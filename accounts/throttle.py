"""What a password-reset request counts against (settings.PASSWORD_RESET_*_LIMIT)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from config.client_ip import client_ip
from throttle.limits import Limit


def password_reset_limits(request: HttpRequest) -> list[Limit]:
    """Per email, whether or not an account has it (or the answer would tell), so that no one
    is sent a flood of reset emails; per address, so that no one sends floods to many."""
    email = request.POST.get("email", "").strip().lower()
    return [
        Limit("password-reset:email", email, settings.PASSWORD_RESET_EMAIL_LIMIT),
        Limit("password-reset:address", client_ip(request), settings.PASSWORD_RESET_ADDRESS_LIMIT),
    ]
