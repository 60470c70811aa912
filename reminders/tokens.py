"""Signed links that work without signing in, each able to do one thing only.

- A morning link names one Delivery: it may set that delivery's routine's morning-after pain,
  once (Delivery.pain_recorded_at spends it), within MORNING_LINK_DAYS.
- An unsubscribe link names one person and one kind of email: it may switch that kind off.
  It never expires: an old email's link must still work.
"""

from __future__ import annotations

from datetime import timedelta

from django.core import signing

MORNING_SALT = "reminders.morning-pain"
UNSUBSCRIBE_SALT = "reminders.unsubscribe"
MORNING_LINK_AGE = timedelta(days=3)


class BadToken(Exception):
    pass


def morning_token(delivery_id: int) -> str:
    return signing.TimestampSigner(salt=MORNING_SALT).sign(str(delivery_id))


def read_morning_token(token: str) -> int:
    """The delivery's id; BadToken when forged, altered or older than MORNING_LINK_AGE."""
    try:
        value = signing.TimestampSigner(salt=MORNING_SALT).unsign(token, max_age=MORNING_LINK_AGE)
        return int(value)
    except (signing.BadSignature, ValueError) as error:
        raise BadToken(str(error)) from error


def unsubscribe_token(user_id: int, kind: str) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(f"{user_id}.{kind}")


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    try:
        user_id, kind = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token).split(".", 1)
        return int(user_id), kind
    except (signing.BadSignature, ValueError) as error:
        raise BadToken(str(error)) from error
