"""The pain model: the one place that says what a pain score means.

Every flag, highlight and hint reads these rules: the coach's dashboard, the history and
session pages, and the progress hints. Pure functions of scores and dates; no database here.

The rules follow the pain-monitoring model used in tendon and running-injury rehabilitation:
- Thomeé R. A comprehensive treatment approach for patellofemoral pain syndrome in young
  women. Phys Ther. 1997;77(12):1690-1703 (the model's first description).
- Silbernagel KG, Thomeé R, Eriksson BI, Karlsson J. Continued sports activity, using a
  pain-monitoring model, during rehabilitation in patients with Achilles tendinopathy.
  Am J Sports Med. 2007;35(6):897-906: pain during exercise 0–2 "safe", up to 5
  "acceptable", above 5 too much; pain after exercise should settle by the next morning;
  morning pain and stiffness should not rise from week to week.
- Silbernagel KG, Crossley KM. A proposed return-to-sport program for patients with
  midportion Achilles tendinopathy. J Orthop Sports Phys Ther. 2015;45(11):876-886.
We count 0–3 as safe (the app's scale has no halves), 4–5 as acceptable, above 5 as too much.

What each rule leads to, everywhere:
- too much during (above 5), or a morning after above 5: step back; a red flag for the coach
  and a highlight in the history.
- a morning after that has not settled (above 3, or above the athlete's usual morning):
  hold; a flag for the coach (red above 3, amber when only above their usual).
- morning pain rising week on week, or a drill's pain rising into the acceptable band over
  its last three sessions: hold; an amber flag for the coach.
- ready to progress: the latest sessions at the step all safe and settled, and none of the
  flags above in the last week. So the hint never says "ready" beside a coach's flag.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from itertools import pairwise
from statistics import median_low

PAIN_MIN, PAIN_MAX = 0, 10
SAFE_MAX = 3  # 0–3: safe
ACCEPTABLE_MAX = 5  # 4–5: acceptable; above: too much
SETTLED_MAX = 3  # a morning after above this has not settled, whatever the athlete's usual
MORNING_RISE = 1  # this week's average morning above last week's by at least this: rising
TREND_SESSIONS = 3  # a drill's last ratings that show a rising trend
USUAL_MORNINGS = 10  # the athlete's latest morning-after ratings their "usual" is taken from
WEEK = timedelta(days=7)

# Kept for the places that name the lines: comfortable is safe, the flag is too much.
COMFORTABLE_MAX = SAFE_MAX
STEP_BACK_ABOVE = ACCEPTABLE_MAX
# What a "flagged" session is, as the pages that mark them say it (is_flagged, morning_flagged).
FLAG_RULE = f"pain above {ACCEPTABLE_MAX}, or a morning after above {SETTLED_MAX}"


def too_much(pain: int | None) -> bool:
    """Above 5: too much, step back."""
    return pain is not None and pain > ACCEPTABLE_MAX


def is_flagged(pain: int | None) -> bool:
    """The history's highlight and the coach's red pain flag: pain that was too much."""
    return too_much(pain)


def unsettled(after: int | None, *, usual: int | None = None) -> bool:
    """The morning after has not settled: above 3, or above the athlete's usual morning."""
    if after is None:
        return False
    return after > SETTLED_MAX or (usual is not None and after > usual)


def morning_flagged(after: int | None) -> bool:
    """A morning after worth a red flag and a highlight, whatever the athlete's usual."""
    return after is not None and after > SETTLED_MAX


def comfortable(*, during: int | None, after: int | None, usual: int | None = None) -> bool:
    """Known to be easy: rated, safe, and settled by the next morning (unrated is not known)."""
    return during is not None and during <= SAFE_MAX and not unsettled(after, usual=usual)


def step_back(*, during: int | None, after: int | None) -> bool:
    """Reason to step back: too much during, or too much the morning after."""
    return too_much(during) or too_much(after)


def rising(pains: Sequence[int]) -> bool:
    """A drill's last ratings, each above the one before, ending past safe: 2 → 3 → 4 is,
    0 → 1 → 2 is not (all of it safe)."""
    last = list(pains)[-TREND_SESSIONS:]
    # Past safe first: most drills are not, and the dashboard asks of every drill it shows.
    return (
        len(last) == TREND_SESSIONS
        and last[-1] > SAFE_MAX
        and all(a < b for a, b in pairwise(last))
    )


def usual_morning(ratings: Sequence[int]) -> int | None:
    """The athlete's usual morning: the median of their latest morning-after ratings."""
    latest = [r for r in ratings if r is not None][:USUAL_MORNINGS]
    return median_low(latest) if latest else None


def band(pain: int | None) -> str:
    """How a score is shown: "low" safe, "mid" acceptable, "high" too much."""
    if pain is None:
        return ""
    if pain <= SAFE_MAX:
        return "low"
    return "mid" if pain <= ACCEPTABLE_MAX else "high"


@dataclass(frozen=True)
class Flag:
    kind: str  # "pain" (red) or "trend" (amber)
    text: str


def weeks_flags(
    *, peaks: list[int], mornings: list[int], mornings_before: list[int], usual: int | None
) -> list[Flag]:
    """What the pain model sees in an athlete's last two weeks: the coach's pain flags, and the
    reasons the progress hints hold. From the scores of sessions picked by their dates: the
    last week's (up to now) peaks and mornings after, and the week before's mornings after (no
    None among them). The dashboard picks them from the dates its summaries keep as text,
    progress from its window's sessions (insights.progress.last_weeks_flags)."""
    flags = []
    if peaks and too_much(max(peaks)):
        flags.append(Flag("pain", f"Pain {max(peaks)}/10 this week"))
    if mornings and morning_flagged(max(mornings)):
        flags.append(Flag("pain", f"Morning after not settled ({max(mornings)}/10)"))
    elif mornings and unsettled(max(mornings), usual=usual):
        flags.append(Flag("trend", f"Morning after above usual ({max(mornings)} vs usual {usual})"))
    if mornings and mornings_before:
        this_week = sum(mornings) / len(mornings)
        last_week = sum(mornings_before) / len(mornings_before)
        if this_week >= last_week + MORNING_RISE:
            flags.append(
                Flag("trend", f"Morning pain rising ({last_week:.1f} → {this_week:.1f} a week)")
            )
    return flags
