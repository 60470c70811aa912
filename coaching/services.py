from __future__ import annotations

import logging
from functools import partial

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import CoachLink, Invitation

logger = logging.getLogger(__name__)


def accept_invitation(*, invitation: Invitation, coach, sharing_url: str = "") -> bool:
    """Spend the invitation and link the coach, or do neither if another request spent it first.

    The athlete is emailed once the link is saved: whoever holds a code can read their pain
    log, and they should hear of it, from us, when that starts.
    """
    with transaction.atomic():
        spent = (
            Invitation.objects.pending()
            .filter(pk=invitation.pk)
            .update(accepted_by=coach, accepted_at=timezone.now())
        )
        if not spent:
            return False
        try:
            with transaction.atomic():
                CoachLink.objects.create(athlete=invitation.athlete, coach=coach)
        except IntegrityError:
            pass  # the coach was linked by another invitation at the same moment
        transaction.on_commit(
            partial(tell_athlete, athlete=invitation.athlete, coach=coach, sharing_url=sharing_url)
        )
    return True


def tell_athlete(*, athlete, coach, sharing_url: str) -> None:
    """Email the athlete that a coach now reads their log; a mail failure undoes nothing."""
    if not athlete.email:
        return
    context = {"athlete": athlete, "coach": coach, "sharing_url": sharing_url}
    try:
        send_mail(
            subject=f"{coach} can now read your Groundwork log",
            message=render_to_string("coaching/coach_joined_email.txt", context),
            from_email=None,
            recipient_list=[athlete.email],
        )
    except Exception:
        logger.exception("Could not email athlete %s that coach %s joined", athlete.pk, coach.pk)
