"""An athlete's progress, worked out from their logged routines. Pure: no database here.

The view reads a bounded window of sessions into `LoggedSession` values (see `progress_views`);
every figure and every progression rule below works on those, so each is tested without a
database and every threshold lives in the block just below.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from exercises.models import Measure
from sessions import pain as pain_model
from sessions.models import HeelDropKnee, HeelDropLeg

# What is read and shown.
WINDOW_WEEKS = 13  # the calendar and every chart cover the last 13 weeks (about 90 days)
MAX_SESSIONS = 200  # at most this many of the newest sessions in the window are read
AVERAGE_WEEKS = 4  # "routines a week" is the average of the last 4 full weeks
# A week counts towards the streak with at least this many routines: the habit of someone who
# does the routine before most of their 3–6 runs a week.
WEEKLY_HABIT = 3
TOP_TIGHT_SPOTS = 5
MIN_POINTS_FOR_TREND = 2  # a chart needs two readings to show a trend

# Progression: the one place that says when to move on and when to back off.
RECENT_SESSIONS = 5  # a drill's latest sessions that count as "recent"
READY_MIN_SESSIONS = 3  # comfortable recent sessions at the current step before moving on
# What pain counts as comfortable or too much is the pain model's (sessions.pain).
READY_MAX_PAIN = pain_model.COMFORTABLE_MAX
STEP_BACK_ABOVE_PAIN = pain_model.STEP_BACK_ABOVE
HEEL_DROP_SETS = 3  # a heel-drop step is done in full at sets × reps, knee straight and bent
HEEL_DROP_REPS = 10
WALL_TARGET_GAIN_CM = Decimal(1)  # the next wall target: the best recent distance plus this


@dataclass(frozen=True)
class LadderStep:
    leg: str
    label: str


COMFORTABLE = (
    f"Comfortable means pain at most {READY_MAX_PAIN}/10 during and no worse the morning after."
)

HEEL_DROP_LADDER = tuple(
    LadderStep(leg, f"{leg.label}, knee straight and bent, {HEEL_DROP_SETS} × {HEEL_DROP_REPS}")
    for leg in (HeelDropLeg.DOUBLE, HeelDropLeg.SINGLE)
)


@dataclass(frozen=True)
class DrillInfo:
    id: int
    name: str
    measure: str = ""


@dataclass(frozen=True)
class LoggedDrill:
    """One drill of a logged session, as far as progress needs it."""

    drill_id: int
    done: bool = True
    pain: int | None = None  # the worst of pain, left and right
    wall_left_cm: Decimal | None = None
    wall_right_cm: Decimal | None = None
    heel_drop_leg: str = ""
    heel_drop_knee: str = ""
    sets_done: int | None = None
    reps_done: int | None = None
    tight_spots: tuple[str, ...] = ()  # labels, as the athlete saw them


@dataclass(frozen=True)
class LoggedSession:
    performed_at: datetime  # in the athlete's own time zone
    morning_after_pain: int | None = None
    drills: tuple[LoggedDrill, ...] = ()

    @property
    def day(self) -> date:
        return self.performed_at.date()

    def done(self, drill_id: int) -> LoggedDrill | None:
        return next((d for d in self.drills if d.drill_id == drill_id and d.done), None)


# Figures -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PainReading:
    when: datetime
    pain: int


@dataclass(frozen=True)
class DrillPain:
    drill: DrillInfo
    readings: list[PainReading]


@dataclass(frozen=True)
class WallReading:
    when: datetime
    left_cm: Decimal | None
    right_cm: Decimal | None

    @property
    def text(self) -> str:
        return sides_text(self.left_cm, self.right_cm)


@dataclass(frozen=True)
class HeelDropReading:
    when: datetime
    leg: str
    knee: str
    sets: int | None
    reps: int | None
    pain: int | None

    @property
    def rung(self) -> int:
        """Place on the ladder: 0 double leg, 1 single leg."""
        return next(i for i, step in enumerate(HEEL_DROP_LADDER) if step.leg == self.leg)

    @property
    def full_step(self) -> bool:
        """Knee straight and bent, at least the full sets × reps."""
        return (
            self.knee == HeelDropKnee.STRAIGHT_AND_BENT
            and (self.sets or 0) >= HEEL_DROP_SETS
            and (self.reps or 0) >= HEEL_DROP_REPS
        )


@dataclass(frozen=True)
class CalendarWeek:
    start: date  # a Monday
    counts: tuple[int, ...]  # routines on each day, Monday first

    @property
    def total(self) -> int:
        return sum(self.counts)

    def days(self) -> list[tuple[date, int]]:
        return [(self.start + timedelta(days=i), n) for i, n in enumerate(self.counts)]


@dataclass(frozen=True)
class Consistency:
    weeks: list[CalendarWeek]  # oldest first; the last is the current week
    streak_days: int
    routine_days: int

    @property
    def this_week(self) -> int:
        return self.weeks[-1].total

    @property
    def streak_weeks(self) -> int:
        """Weeks in a row with WEEKLY_HABIT routines or more. This week joins the streak once
        it gets there, and does not break it before it is over."""
        weeks = self.weeks if self.this_week >= WEEKLY_HABIT else self.weeks[:-1]
        count = 0
        for week in reversed(weeks):
            if week.total < WEEKLY_HABIT:
                break
            count += 1
        return count

    @property
    def average_per_week(self) -> Decimal | None:
        """Routines a week over the last full weeks since the first routine, to one decimal;
        None before a first full week, so a new athlete is not told "0.0"."""
        started = next((i for i, week in enumerate(self.weeks) if week.total), None)
        if started is None:
            return None
        full = self.weeks[max(started, len(self.weeks) - 1 - AVERAGE_WEEKS) : -1]
        if not full:
            return None
        return (Decimal(sum(w.total for w in full)) / len(full)).quantize(Decimal("0.1"))


class Advice(enum.StrEnum):
    READY = "ready"
    HOLD = "hold"
    STEP_BACK = "step_back"


@dataclass(frozen=True)
class Attempt:
    """One recent session of a drill, judged against the thresholds."""

    pain: int | None
    morning_after_pain: int | None
    at_step: bool = True  # done as the current step prescribes

    @property
    def too_much(self) -> bool:
        return pain_model.too_much(during=self.pain, after=self.morning_after_pain)

    @property
    def worse_after(self) -> bool:
        return pain_model.morning_after_worse(during=self.pain, after=self.morning_after_pain)

    @property
    def comfortable(self) -> bool:
        return self.at_step and pain_model.comfortable(
            during=self.pain, after=self.morning_after_pain
        )


@dataclass(frozen=True)
class Verdict:
    advice: Advice
    comfortable_sessions: int  # of the recent ones, at the current step
    reason: str = ""


def judge(attempts: Sequence[Attempt]) -> Verdict:
    """Newest first. Step back on the latest session's pain; move on after enough easy ones."""
    recent = list(attempts[:RECENT_SESSIONS])
    comfortable = sum(attempt.comfortable for attempt in recent)
    if not recent:
        return Verdict(Advice.HOLD, 0)
    latest = recent[0]
    if latest.too_much:
        if latest.worse_after:
            reason = (
                f"the morning after was worse ({latest.morning_after_pain}/10) "
                f"than during ({latest.pain}/10)"
            )
        else:
            reason = f"pain reached {latest.pain}/10 during your last session"
        return Verdict(Advice.STEP_BACK, comfortable, reason)
    if comfortable >= READY_MIN_SESSIONS:
        return Verdict(Advice.READY, comfortable)
    return Verdict(Advice.HOLD, comfortable)


@dataclass(frozen=True)
class HeelDropHint:
    verdict: Verdict
    current: LadderStep
    next: LadderStep | None  # the step to move to (ready) or back to (step back)

    @property
    def advice(self) -> Advice:
        return self.verdict.advice

    @property
    def headline(self) -> str:
        if self.advice == Advice.READY:
            return "Ready to progress" if self.next else "Top of the ladder"
        if self.advice == Advice.STEP_BACK:
            return "Step back" if self.next else "Ease off"
        return "Stay at this step"

    @property
    def detail(self) -> str:
        done = self.verdict.comfortable_sessions
        if self.advice == Advice.READY:
            easy = f"{done} comfortable sessions at {self.current.label.lower()}"
            if self.next is None:
                return f"{easy}. Keep the lowering slow and controlled."
            return f"{easy}. Next: {self.next.label.lower()}."
        if self.advice == Advice.STEP_BACK:
            why = self.verdict.reason[:1].upper() + self.verdict.reason[1:]
            if self.next is None:
                return (
                    f"{why}. Do fewer reps, or lower more slowly, until it settles; "
                    "pain that keeps climbing deserves a clinician's eyes."
                )
            return f"{why}. Go back to {self.next.label.lower()} until it settles."
        return (
            f"{self.current.label}: {done} of {READY_MIN_SESSIONS} comfortable sessions "
            f"so far. {COMFORTABLE}"
        )


@dataclass(frozen=True)
class WallHint:
    verdict: Verdict
    best_left_cm: Decimal | None
    best_right_cm: Decimal | None
    latest: WallReading

    @property
    def advice(self) -> Advice:
        return self.verdict.advice

    def target(self, best: Decimal | None) -> Decimal | None:
        if best is None or self.advice == Advice.STEP_BACK:
            return None
        return best + WALL_TARGET_GAIN_CM if self.advice == Advice.READY else best

    @property
    def target_left_cm(self) -> Decimal | None:
        return self.target(self.best_left_cm)

    @property
    def target_right_cm(self) -> Decimal | None:
        return self.target(self.best_right_cm)

    @property
    def headline(self) -> str:
        return {
            Advice.READY: "Ready to go further",
            Advice.HOLD: "Match your best",
            Advice.STEP_BACK: "Ease off",
        }[self.advice]

    @property
    def detail(self) -> str:
        if self.advice == Advice.STEP_BACK:
            why = self.verdict.reason[:1].upper() + self.verdict.reason[1:]
            latest = self.latest.text
            return f"{why}. Stay at {latest} or closer until it settles."
        target = sides_text(self.target_left_cm, self.target_right_cm)
        if self.advice == Advice.READY:
            return (
                f"Next target: {target}, your best of the last {RECENT_SESSIONS} sessions "
                f"plus {WALL_TARGET_GAIN_CM} cm."
            )
        done = self.verdict.comfortable_sessions
        return (
            f"Aim for {target} again: {done} of {READY_MIN_SESSIONS} comfortable sessions "
            f"so far. {COMFORTABLE}"
        )


def sides_text(left: Decimal | None, right: Decimal | None) -> str:
    """E.g. "10 cm left, 9.5 cm right"."""
    sides = (("left", left), ("right", right))
    return ", ".join(
        f"{value.normalize():f} cm {side}" for side, value in sides if value is not None
    )


@dataclass(frozen=True)
class Progress:
    start: date
    today: date
    session_count: int
    capped: bool  # more sessions in the window than were read
    consistency: Consistency
    pain: list[DrillPain]
    wall: list[WallReading]
    heel_drops: list[HeelDropReading]
    tight_spots: list[tuple[str, int]]
    heel_drop_hint: HeelDropHint | None = None
    wall_hint: WallHint | None = None


def window_start(today: date) -> date:
    """The Monday that opens the window: WINDOW_WEEKS weeks including the current one."""
    monday = today - timedelta(days=today.weekday())
    return monday - timedelta(weeks=WINDOW_WEEKS - 1)


def summarise(
    sessions: Iterable[LoggedSession],
    *,
    drills: Sequence[DrillInfo],
    today: date,
    capped: bool = False,
) -> Progress:
    start = window_start(today)
    ordered = sorted((s for s in sessions if start <= s.day <= today), key=lambda s: s.performed_at)
    wall_drill = next((d for d in drills if d.measure == Measure.WALL_DISTANCE), None)
    heel_drill = next((d for d in drills if d.measure == Measure.HEEL_DROP_VARIANT), None)
    wall = wall_readings(ordered, wall_drill) if wall_drill else []
    heel_drops = heel_drop_readings(ordered, heel_drill) if heel_drill else []
    return Progress(
        start=start,
        today=today,
        session_count=len(ordered),
        capped=capped,
        consistency=consistency(ordered, start=start, today=today),
        pain=pain_by_drill(ordered, drills),
        wall=wall,
        heel_drops=heel_drops,
        tight_spots=tight_spots(ordered),
        heel_drop_hint=heel_drop_hint(ordered, heel_drill) if heel_drill else None,
        wall_hint=wall_hint(ordered, wall_drill) if wall_drill else None,
    )


def pain_by_drill(
    sessions: Sequence[LoggedSession], drills: Sequence[DrillInfo]
) -> list[DrillPain]:
    """Pain during each drill, oldest first; a drill with no rating in the window is left out."""
    figures = []
    for drill in drills:
        readings = [
            PainReading(session.performed_at, entry.pain)
            for session in sessions
            if (entry := session.done(drill.id)) is not None and entry.pain is not None
        ]
        if readings:
            figures.append(DrillPain(drill, readings))
    return figures


def wall_readings(sessions: Sequence[LoggedSession], drill: DrillInfo) -> list[WallReading]:
    return [
        WallReading(session.performed_at, entry.wall_left_cm, entry.wall_right_cm)
        for session in sessions
        if (entry := session.done(drill.id)) is not None
        and (entry.wall_left_cm is not None or entry.wall_right_cm is not None)
    ]


def heel_drop_readings(
    sessions: Sequence[LoggedSession], drill: DrillInfo
) -> list[HeelDropReading]:
    ladder_legs = {step.leg for step in HEEL_DROP_LADDER}
    return [
        HeelDropReading(
            session.performed_at,
            entry.heel_drop_leg,
            entry.heel_drop_knee,
            entry.sets_done,
            entry.reps_done,
            entry.pain,
        )
        for session in sessions
        if (entry := session.done(drill.id)) is not None and entry.heel_drop_leg in ladder_legs
    ]


def consistency(sessions: Sequence[LoggedSession], *, start: date, today: date) -> Consistency:
    per_day = Counter(session.day for session in sessions)
    weeks = []
    monday = start
    while monday <= today:
        counts = tuple(per_day[monday + timedelta(days=i)] for i in range(7))
        weeks.append(CalendarWeek(monday, counts))
        monday += timedelta(weeks=1)
    return Consistency(
        weeks=weeks,
        streak_days=streak(set(per_day), today=today),
        routine_days=len([day for day in per_day if start <= day <= today]),
    )


def streak(days: set[date], *, today: date) -> int:
    """Days in a row with a routine, up to today; a streak lives on until today is over."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def tight_spots(sessions: Sequence[LoggedSession]) -> list[tuple[str, int]]:
    """The spots noted in the most sessions (each at most once a session), most first."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for session in sessions:
        noted = set()
        for entry in session.drills:
            if entry.done:
                for label in entry.tight_spots:
                    key = label.strip().casefold()
                    if key:
                        names.setdefault(key, label.strip())
                        noted.add(key)
        counts.update(noted)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], names[item[0]].casefold()))
    return [(names[key], count) for key, count in ranked[:TOP_TIGHT_SPOTS]]


def heel_drop_hint(sessions: Sequence[LoggedSession], drill: DrillInfo) -> HeelDropHint | None:
    newest_first = [
        (reading, session.morning_after_pain)
        for session in reversed(sessions)
        for reading in heel_drop_readings([session], drill)
    ]
    if not newest_first:
        return None
    rung = newest_first[0][0].rung
    verdict = judge(
        [
            Attempt(reading.pain, after, at_step=reading.rung == rung and reading.full_step)
            for reading, after in newest_first
        ]
    )
    target = {Advice.READY: rung + 1, Advice.STEP_BACK: rung - 1}.get(verdict.advice)
    in_ladder = target is not None and 0 <= target < len(HEEL_DROP_LADDER)
    return HeelDropHint(
        verdict, HEEL_DROP_LADDER[rung], HEEL_DROP_LADDER[target] if in_ladder else None
    )


def wall_hint(sessions: Sequence[LoggedSession], drill: DrillInfo) -> WallHint | None:
    newest_first = [
        (entry, session)
        for session in reversed(sessions)
        if (entry := session.done(drill.id)) is not None
        and (entry.wall_left_cm is not None or entry.wall_right_cm is not None)
    ]
    if not newest_first:
        return None
    recent = newest_first[:RECENT_SESSIONS]
    verdict = judge([Attempt(entry.pain, session.morning_after_pain) for entry, session in recent])

    def best(side: str) -> Decimal | None:
        values = [getattr(e, side) for e, _ in recent if getattr(e, side) is not None]
        return max(values, default=None)

    latest_entry, latest_session = newest_first[0]
    return WallHint(
        verdict,
        best_left_cm=best("wall_left_cm"),
        best_right_cm=best("wall_right_cm"),
        latest=WallReading(
            latest_session.performed_at, latest_entry.wall_left_cm, latest_entry.wall_right_cm
        ),
    )
