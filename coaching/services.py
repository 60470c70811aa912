from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import CoachLink, Invitation


def accept_invitation(*, invitation: Invitation, coach) -> bool:
    """Spend the invitation and link the coach, or do neither if another request spent it first."""
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
    return True
