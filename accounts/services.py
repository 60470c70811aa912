from __future__ import annotations

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db import transaction


@transaction.atomic
def delete_account(*, user) -> None:
    """Remove a person and everything held about them.

    Sessions, entries, comments, coach links and invitations go with the user row (CASCADE); the
    sign-in throttle's records hold the username, address and browser, so they go too.
    """
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=user.get_username()).delete()
    user.delete()
