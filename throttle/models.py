from __future__ import annotations

from django.db import models
from django.utils import timezone


class Hit(models.Model):
    """One counted try (a reset email asked for, a wrong invitation code) by one key.

    In the database, not the cache: without Redis each gunicorn worker has a cache of its own,
    and a limit counted apart in each would be the limit times the workers.
    """

    scope = models.CharField(max_length=40)
    # A keyed hash of the address, email or user id: the table holds no personal data.
    key = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["scope", "key", "at"], name="throttle_hit_lookup_idx"),
            models.Index(fields=["scope", "at"], name="throttle_hit_expiry_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.scope} at {self.at:%Y-%m-%d %H:%M:%S}"
