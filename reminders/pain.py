"""What a morning-after pain score means, in words. One small function on purpose: it is the
place to point at the shared pain model when there is one."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PainReading:
    level: str  # "safe", "acceptable" or "too_much"
    headline: str
    advice: str


def read_pain(pain: int) -> PainReading:
    """0–3 safe, 4–5 acceptable, above 5 too much."""
    if pain <= 3:
        return PainReading(
            "safe", "That is in the safe zone.", "Carry on with the routine and your running."
        )
    if pain <= 5:
        return PainReading(
            "acceptable",
            "That is acceptable.",
            "Keep going, but keep an eye on it: it should settle by tomorrow morning.",
        )
    return PainReading(
        "too_much",
        "That is too much.",
        "Ease off today: shorter or easier, or a rest. If it stays high or gets sharper, see a "
        "clinician.",
    )
