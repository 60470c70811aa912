from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

# No 0/O or 1/I/L: a code read aloud or typed on a phone should not be misread.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
INVITATION_LIFETIME = timedelta(days=7)


def new_invitation_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    return "".join(ch for ch in raw.upper() if ch.isalnum())


def invitation_expiry():
    return timezone.now() + INVITATION_LIFETIME


class CoachLinkQuerySet(models.QuerySet):
    def active(self) -> CoachLinkQuerySet:
        return self.filter(revoked_at__isnull=True)


class CoachLink(models.Model):
    """An athlete's consent for a coach to read their logs, until the athlete revokes it."""

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_links"
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="athlete_links"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = CoachLinkQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["athlete", "coach"],
                condition=models.Q(revoked_at__isnull=True),
                name="coachlink_one_active_per_pair",
            ),
            models.CheckConstraint(
                condition=~models.Q(athlete=models.F("coach")), name="coachlink_not_self"
            ),
        ]
        indexes = [models.Index(fields=["coach", "athlete"], name="coachlink_coach_idx")]

    def __str__(self) -> str:
        return f"{self.coach} coaches {self.athlete}"

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])


class InvitationQuerySet(models.QuerySet):
    def pending(self) -> InvitationQuerySet:
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A single-use code an athlete gives a coach; accepting it creates a CoachLink."""

    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_invitations"
    )
    code = models.CharField(max_length=CODE_LENGTH, unique=True, default=new_invitation_code)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=invitation_expiry)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation {self.display_code} from {self.athlete}"

    def get_absolute_url(self) -> str:
        return reverse("coaching:accept", kwargs={"code": self.code})

    @property
    def display_code(self) -> str:
        return f"{self.code[:4]}-{self.code[4:]}"

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
