"""What a morning-after pain score means, in words, by the shared pain model's bands."""

from __future__ import annotations

from dataclasses import dataclass

from sessions import pain as pain_model


@dataclass(frozen=True)
class PainReading:
    level: str  # "safe", "acceptable" or "too_much"
    headline: str
    advice: str


def read_pain(pain: int) -> PainReading:
    """0–3 safe, 4–5 acceptable, above 5 too much: sessions/pain.py's "low", "mid", "high"."""
    band = pain_model.band(pain)
    if band == "low":
        return PainReading(
            "safe", "That is in the safe zone.", "Carry on with the routine and your running."
        )
    if band == "mid":
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
