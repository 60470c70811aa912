"""The pain model: the one place that says what a pain score means.

Every flag, highlight and hint reads these rules: the coach's dashboard, the history and
session pages, and the progress hints. Pure functions of scores; no database here.
"""

from __future__ import annotations

PAIN_MIN, PAIN_MAX = 0, 10
# Pain at or above this is worth a coach's eyes (the dashboard's flag, the history's highlight).
FLAG_AT = 5
# Comfortable enough to move on: pain during at most this, and no worse the morning after.
COMFORTABLE_MAX = 3
# Step back: the latest pain above this, or a morning after worse than during.
STEP_BACK_ABOVE = 5


def is_flagged(pain: int | None) -> bool:
    return pain is not None and pain >= FLAG_AT


def morning_after_worse(*, during: int | None, after: int | None) -> bool:
    """The next morning hurt more than the session: the load was not tolerated.

    With either score unrated there is nothing to compare, so nothing is flagged.
    """
    return during is not None and after is not None and after > during


def too_much(*, during: int | None, after: int | None) -> bool:
    """Reason to step back: too much pain during, or a morning after worse than during."""
    return (during is not None and during > STEP_BACK_ABOVE) or morning_after_worse(
        during=during, after=after
    )


def comfortable(*, during: int | None, after: int | None) -> bool:
    """Known to be easy: rated, low, and no worse the next morning (unrated is not known)."""
    return (
        during is not None
        and during <= COMFORTABLE_MAX
        and not morning_after_worse(during=during, after=after)
    )


def band(pain: int | None) -> str:
    """How a score is shown: "low" up to comfortable, "high" past the step-back line."""
    if pain is None:
        return ""
    if pain <= COMFORTABLE_MAX:
        return "low"
    return "mid" if pain <= STEP_BACK_ABOVE else "high"
