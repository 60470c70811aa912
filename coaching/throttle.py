"""What a wrong invitation code counts against (settings.INVITATION_CODE_*_LIMIT)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from config.client_ip import client_ip
from throttle.limits import Limit


def code_guess_limits(request: HttpRequest) -> list[Limit]:
    """Per user and per address: a code that works opens an athlete's pain log, so codes must
    not be guessable at speed by one account, nor by many accounts from one place."""
    return [
        Limit("invitation-code:user", str(request.user.pk), settings.INVITATION_CODE_USER_LIMIT),
        Limit(
            "invitation-code:address", client_ip(request), settings.INVITATION_CODE_ADDRESS_LIMIT
        ),
    ]
