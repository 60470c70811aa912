"""An athlete's progress, worked out from their logged routines. Pure: no database here.

The view reads a bounded window of sessions into `LoggedSession` values (insights.views);
every figure and every progression rule below works on those, so each is tested without a
database and every threshold lives in the block just below.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import NamedTuple

from exercises.models import Measure
from sessions import pain as pain_model

# What is read and shown.
WINDOW_WEEKS = 13  # the calendar and every chart cover the last 13 weeks (about 90 days)
# The bound on what a view reads and draws, whatever the number of sessions: the charts and
# hints draw the newest MAX_SESSIONS sessions of the window, a routine a day for all of it;
# the calendar counts every session, from counts per day (at most 7 × WINDOW_WEEKS rows).
MAX_SESSIONS = 7 * WINDOW_WEEKS
AVERAGE_WEEKS = 4  # "routines a week" is the average of the last 4 full weeks
# A week counts towards the streak with at least this many routines: the habit of someone who
# does the routine before most of their 3–6 runs a week.
WEEKLY_HABIT = 3
TOP_TIGHT_SPOTS = 5
MIN_POINTS_FOR_TREND = 2  # a chart needs two readings to show a trend

# Progression: the one place that says when to move on and when to back off.
RECENT_SESSIONS = 5  # a drill's latest sessions that count as "recent"
READY_MIN_SESSIONS = 3  # comfortable sessions in a row at the current step before moving on
# What pain counts as comfortable or too much is the pain model's (sessions.pain).
READY_MAX_PAIN = pain_model.SAFE_MAX
STEP_BACK_ABOVE_PAIN = pain_model.ACCEPTABLE_MAX
# The wall test's measurement error is about 1.6–1.9 cm between sessions (Konor et al.,
# Int J Sports Phys Ther 2012;7(3):279-287; Powden et al., Int J Sports Phys Ther
# 2015;10(7):1068-1080): a smaller change is not a change we can see.
WALL_ERROR_CM = Decimal(2)
WALL_TARGET_GAIN_CM = WALL_ERROR_CM  # the next target: at least the error beyond the best
WALL_ASYMMETRY_CM = Decimal("1.5")  # left and right this far apart, twice in a row: flagged
# Healthy adults reach about 9–15 cm (a reference, not a goal).
WALL_REFERENCE_CM = (Decimal(9), Decimal(15))


@dataclass(frozen=True)
class LadderStep:
    variant_id: int
    name: str


COMFORTABLE = (
    f"Comfortable means pain at most {READY_MAX_PAIN}/10 during, settled by the next morning."
)


@dataclass(frozen=True)
class DrillInfo:
    id: int
    name: str
    measure: str = ""
    ladder: tuple[LadderStep, ...] = ()  # the drill's variants, first rung first
    active: bool = True  # in the routine; one taken out shows while logs of it are in the window


# The records a page makes hundreds of, one per session, entry or reading, are named tuples:
# a frozen dataclass sets each field through object.__setattr__, several times slower.


class LoggedDrill(NamedTuple):
    """One drill of a logged session, as far as progress needs it."""

    drill_id: int
    done: bool = True
    pain: int | None = None  # the worst of pain, left and right
    wall_left_cm: Decimal | None = None
    wall_right_cm: Decimal | None = None
    variant_id: int | None = None
    as_prescribed: bool = False  # every part at least as the prescription asked
    tight_spots: tuple[str, ...] = ()  # labels, as the athlete saw them


class LoggedSession(NamedTuple):
    performed_at: datetime  # in the athlete's own time zone
    morning_after_pain: int | None = None
    drills: tuple[LoggedDrill, ...] = ()

    @property
    def day(self) -> date:
        return self.performed_at.date()

    @property
    def highest_pain(self) -> int | None:
        pains = [d.pain for d in self.drills if d.done and d.pain is not None]
        return max(pains, default=None)


# Figures -----------------------------------------------------------------------------------


class PainReading(NamedTuple):
    when: datetime
    pain: int


class PainWeek(NamedTuple):
    start: date  # the Monday, in the athlete's own time zone
    worst: int  # the highest pain rated for the drill that week
    ratings: int  # the sessions in which it was rated


@dataclass(frozen=True)
class DrillPain:
    """Pain during a drill in the window, as its chart draws it: the worst of each week."""

    drill: DrillInfo
    weeks: list[PainWeek]  # oldest first; a week without a rating is left out
    first: PainReading  # the window's first rating, for a drill rated once so far
    ratings: int  # the sessions in which it was rated


class WallReading(NamedTuple):
    when: datetime
    left_cm: Decimal | None
    right_cm: Decimal | None

    @property
    def text(self) -> str:
        return sides_text(self.left_cm, self.right_cm)

    @property
    def asymmetry_cm(self) -> Decimal | None:
        if self.left_cm is None or self.right_cm is None:
            return None
        return abs(self.left_cm - self.right_cm)


def asymmetric(readings: Sequence[tuple[Decimal | None, Decimal | None]]) -> bool:
    """Left and right more than WALL_ASYMMETRY_CM apart in each of the last two tests."""
    last = list(readings)[:2]  # newest first
    return len(last) == 2 and all(
        left is not None and right is not None and abs(left - right) > WALL_ASYMMETRY_CM
        for left, right in last
    )


def wall_change_text(previous: Decimal | None, latest: Decimal | None) -> str:
    """E.g. "+2.5 cm" or "+1 cm, within measurement error"."""
    if previous is None or latest is None:
        return ""
    change = latest - previous
    text = f"{'+' if change >= 0 else '−'}{abs(change).normalize():f} cm"
    return f"{text}, within measurement error" if abs(change) < WALL_ERROR_CM else text


class HeelDropReading(NamedTuple):
    when: datetime
    variant: str
    rung: int  # place on the ladder, 0 first
    full_step: bool  # every part at least as prescribed
    pain: int | None


def monday_of(day: date) -> date:
    """The Monday that starts the day's week: weeks run Monday to Sunday, as the calendar's."""
    return day - DAYS[day.weekday()]


# The seven days of a week from its first, made once: a page asks ~250 times, and making a
# timedelta costs more than the date arithmetic it is for.
DAYS = tuple(timedelta(days=i) for i in range(7))
ONE_DAY = DAYS[1]


class WallWeek(NamedTuple):
    """The wall test in one week, as its chart draws it: each foot's best."""

    start: date  # the Monday, in the athlete's own time zone
    best_left_cm: Decimal | None
    best_right_cm: Decimal | None
    tests: int  # the sessions in which it was measured


def wall_weeks(readings: Iterable[WallReading]) -> list[WallWeek]:
    """Each foot's best distance of each week with a test, oldest first (readings oldest
    first). A point a week, as the pain charts draw: a session a day is a blur of
    overlapping marks at phone width, and a week's best is what the runner compares."""
    weeks: dict[date, list] = {}
    for reading in readings:
        monday = monday_of(reading.when.date())
        week = weeks.get(monday)
        if week is None:
            weeks[monday] = [reading.left_cm, reading.right_cm, 1]
            continue
        for side, value in ((0, reading.left_cm), (1, reading.right_cm)):
            if value is not None and (week[side] is None or value > week[side]):
                week[side] = value
        week[2] += 1
    return [WallWeek(monday, *week) for monday, week in weeks.items()]


class HeelDropWeek(NamedTuple):
    """The heel drops of one week, as their chart draws them: the highest step done."""

    start: date  # the Monday, in the athlete's own time zone
    variant: str  # the highest step done that week
    rung: int
    full_step: bool  # done at that step, every part as prescribed, at least once
    sessions: int
    worst_pain: int | None


def heel_drop_weeks(readings: Iterable[HeelDropReading]) -> list[HeelDropWeek]:
    """Each week's highest step of the ladder, oldest first (readings oldest first)."""
    weeks: dict[date, list] = {}
    for r in readings:
        monday = monday_of(r.when.date())
        week = weeks.get(monday)
        if week is None:
            weeks[monday] = [r.variant, r.rung, r.full_step, 1, r.pain]
            continue
        if r.rung > week[1]:
            week[0], week[1], week[2] = r.variant, r.rung, r.full_step
        elif r.rung == week[1]:
            week[2] = week[2] or r.full_step
        week[3] += 1
        if r.pain is not None and (week[4] is None or r.pain > week[4]):
            week[4] = r.pain
    return [HeelDropWeek(monday, *week) for monday, week in weeks.items()]


@dataclass(frozen=True)
class CalendarWeek:
    start: date  # a Monday
    counts: tuple[int, ...]  # routines on each day, Monday first

    @property
    def total(self) -> int:
        return sum(self.counts)

    def days(self) -> list[tuple[date, int]]:
        start = self.start
        return [(start + offset, n) for offset, n in zip(DAYS, self.counts, strict=True)]


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
    """One recent session of a drill, judged against the pain model."""

    pain: int | None
    morning_after_pain: int | None
    at_step: bool = True  # done as the current step prescribes
    usual: int | None = None  # the athlete's usual morning

    @property
    def too_much(self) -> bool:
        return pain_model.step_back(during=self.pain, after=self.morning_after_pain)

    @property
    def worse_after(self) -> bool:
        return pain_model.too_much(self.morning_after_pain)

    @property
    def comfortable(self) -> bool:
        return self.at_step and pain_model.comfortable(
            during=self.pain, after=self.morning_after_pain, usual=self.usual
        )


@dataclass(frozen=True)
class Verdict:
    advice: Advice
    comfortable_sessions: int  # of the recent ones, at the current step
    reason: str = ""


def judge(attempts: Sequence[Attempt], *, flags: Sequence[pain_model.Flag] = ()) -> Verdict:
    """Newest first. Step back on the latest session's pain; hold on any of the pain model's
    flags of the last week (the coach sees the same ones); move on after READY_MIN_SESSIONS
    comfortable sessions in a row."""
    recent = list(attempts[:RECENT_SESSIONS])
    if not recent:
        return Verdict(Advice.HOLD, 0)
    in_a_row = 0
    for attempt in recent:
        if not attempt.comfortable:
            break
        in_a_row += 1
    latest = recent[0]
    if latest.too_much:
        if latest.worse_after:
            reason = f"the morning after your last session was {latest.morning_after_pain}/10"
        else:
            reason = f"pain reached {latest.pain}/10 during your last session"
        return Verdict(Advice.STEP_BACK, in_a_row, reason)
    if flags:
        return Verdict(Advice.HOLD, in_a_row, "; ".join(flag.text for flag in flags))
    if in_a_row >= READY_MIN_SESSIONS:
        return Verdict(Advice.READY, in_a_row)
    return Verdict(Advice.HOLD, in_a_row)


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
            easy = f"{done} comfortable sessions in a row on {self.current.name.lower()}"
            if self.next is None:
                return f"{easy}. Keep the lowering slow and controlled."
            return f"{easy}. Next: {self.next.name.lower()}, every part as prescribed."
        if self.advice == Advice.STEP_BACK:
            why = self.verdict.reason[:1].upper() + self.verdict.reason[1:]
            if self.next is None:
                return (
                    f"{why}. Do fewer reps, or lower more slowly, until it settles; "
                    "pain that keeps climbing deserves a clinician's eyes."
                )
            return f"{why}. Go back to {self.next.name.lower()} until it settles."
        held = f"Holding: {self.verdict.reason}. " if self.verdict.reason else ""
        return (
            f"{held}{self.current.name}: {done} of {READY_MIN_SESSIONS} comfortable sessions "
            f"in a row, every part as prescribed. {COMFORTABLE}"
        )


@dataclass(frozen=True)
class WallHint:
    verdict: Verdict
    best_left_cm: Decimal | None
    best_right_cm: Decimal | None
    latest: WallReading
    previous: WallReading | None = None
    asymmetric: bool = False

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
                f"plus {WALL_TARGET_GAIN_CM:f} cm (smaller changes are within the test's "
                "measurement error)."
            )
        done = self.verdict.comfortable_sessions
        held = f"Holding: {self.verdict.reason}. " if self.verdict.reason else ""
        return (
            f"{held}Aim for {target} again: {done} of {READY_MIN_SESSIONS} comfortable "
            f"sessions in a row. {COMFORTABLE}"
        )

    @property
    def changes(self) -> str:
        """Since the previous test, e.g. "left +1 cm, within measurement error; right +2.5 cm"."""
        if self.previous is None:
            return ""
        texts = []
        for side in ("left", "right"):
            text = wall_change_text(
                getattr(self.previous, f"{side}_cm"), getattr(self.latest, f"{side}_cm")
            )
            if text:
                texts.append(f"{side} {text}")
        return "; ".join(texts)

    @property
    def asymmetry_text(self) -> str:
        if not self.asymmetric:
            return ""
        return (
            f"Left and right differ by more than {WALL_ASYMMETRY_CM:f} cm in your last two "
            "tests: worth mentioning to your coach, and measuring carefully next time."
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
    heel_ladder: tuple[LadderStep, ...] = ()

    @property
    def wall_weeks(self) -> list[WallWeek]:
        return wall_weeks(self.wall)

    @property
    def heel_drop_weeks(self) -> list[HeelDropWeek]:
        return heel_drop_weeks(self.heel_drops)


def window_start(today: date) -> date:
    """The Monday that opens the window: WINDOW_WEEKS weeks including the current one."""
    return monday_of(today) - timedelta(weeks=WINDOW_WEEKS - 1)


def summarise(
    sessions: Iterable[LoggedSession],
    *,
    drills: Sequence[DrillInfo],
    today: date,
    capped: bool = False,
    usual_morning: int | None = None,
    now: datetime | None = None,
    per_day: Mapping[date, int] | None = None,
) -> Progress:
    """`now` (default: the end of `today`) bounds the last week the pain model looks at.
    `per_day`: the routines on each day of the window, all of them where `sessions` are only
    the newest; by default counted from `sessions`."""
    start = window_start(today)
    ordered = sorted((s for s in sessions if start <= s.day <= today), key=lambda s: s.performed_at)
    wall_drill = next((d for d in drills if d.measure == Measure.WALL_DISTANCE), None)
    heel_drill = next((d for d in drills if d.measure == Measure.HEEL_DROP_VARIANT), None)
    done = done_by_drill(ordered, {d.id for d in (wall_drill, heel_drill) if d})
    wall = wall_readings(done, wall_drill) if wall_drill else []
    # Each heel-drop session's reading, made once for the chart and the hint.
    heel = _heel_drops(done, heel_drill) if heel_drill else []
    heel_drops = [reading for _, reading in heel]
    if ordered:
        zone = ordered[-1].performed_at.tzinfo
        now = now or datetime.combine(today + timedelta(days=1), datetime.min.time(), zone)
    flags = last_weeks_flags(ordered, usual=usual_morning, now=now) if ordered else []
    return Progress(
        start=start,
        today=today,
        session_count=len(ordered),
        capped=capped,
        consistency=consistency(ordered, start=start, today=today, per_day=per_day),
        pain=pain_by_drill(ordered, drills),
        wall=wall,
        heel_drops=heel_drops,
        tight_spots=tight_spots(ordered),
        heel_drop_hint=(
            heel_drop_hint(heel, heel_drill, usual=usual_morning, flags=flags)
            if heel_drill
            else None
        ),
        wall_hint=(
            wall_hint(done, wall_drill, usual=usual_morning, flags=flags) if wall_drill else None
        ),
        heel_ladder=heel_drill.ladder if heel_drill else (),
    )


def last_weeks_flags(
    ordered: Sequence[LoggedSession], *, usual: int | None, now: datetime
) -> list[pain_model.Flag]:
    """The pain model's weeks_flags of sessions oldest first: the last week up to `now`, and
    the week before it. Right after a save the window's newest sessions are all of the last
    fortnight, so they are picked in one pass, a session's highest pain worked out only for
    the last week."""
    # The weeks back from `now` on its own clock.
    week, fortnight = (now - pain_model.WEEK).astimezone(UTC), (now - 2 * pain_model.WEEK)
    now = now.astimezone(UTC)
    # Moments in one zone compare by their wall clocks (PEP 495), in two by a utcoffset()
    # each, slow: each session's moment is taken to UTC once and compared there. The sessions
    # are in wall-clock order, and a day before the fortnight's wall clock is before it
    # whatever the offsets: the older ones end the search.
    zone = ordered[-1].performed_at.tzinfo
    too_old = fortnight.astimezone(zone) - timedelta(days=1)
    fortnight = fortnight.astimezone(UTC)
    peaks: list[int] = []
    mornings: list[int] = []
    mornings_before: list[int] = []
    for session in reversed(ordered):
        local = session.performed_at
        if local < too_old:
            break
        at = local.astimezone(UTC)
        if at < fortnight or at > now:
            continue
        after = session.morning_after_pain
        if at >= week:
            pains = [d.pain for d in session.drills if d.done and d.pain is not None]
            if pains:
                peaks.append(max(pains))
            if after is not None:
                mornings.append(after)
        elif after is not None:
            mornings_before.append(after)
    return pain_model.weeks_flags(
        peaks=peaks, mornings=mornings, mornings_before=mornings_before, usual=usual
    )


# Each measured drill's sessions, oldest first, with what was done of it there.
DoneByDrill = dict[int, list[tuple[LoggedSession, LoggedDrill]]]


def done_by_drill(sessions: Sequence[LoggedSession], drill_ids: set[int]) -> DoneByDrill:
    """One pass over the sessions for the figures of these drills (the measured ones),
    instead of one per figure."""
    done: DoneByDrill = {}
    for session in sessions:
        for entry in session.drills:
            if entry.done and entry.drill_id in drill_ids:
                done.setdefault(entry.drill_id, []).append((session, entry))
    return done


def pain_by_drill(
    sessions: Sequence[LoggedSession], drills: Sequence[DrillInfo]
) -> list[DrillPain]:
    """Pain during each drill, the worst of each week, in the order of `drills`; a drill
    with no rating in the window is left out. Sessions oldest first, their moments in the
    athlete's own time zone: weeks start on Monday there, as the routine-days calendar's do.
    The ~550 ratings of a full window pass through here once, each session's Monday worked
    out once."""
    weeks: dict[int, dict[date, list[int]]] = {}  # drill: Monday: [worst, ratings]
    firsts: dict[int, PainReading] = {}
    for session in sessions:
        monday = None
        for entry in session.drills:
            pain = entry.pain
            if pain is None or not entry.done:
                continue
            if monday is None:
                monday = monday_of(session.performed_at.date())
            by_week = weeks.get(entry.drill_id)
            if by_week is None:
                weeks[entry.drill_id] = {monday: [pain, 1]}
                firsts[entry.drill_id] = PainReading(session.performed_at, pain)
                continue
            week = by_week.get(monday)
            if week is None:
                by_week[monday] = [pain, 1]
            else:
                if pain > week[0]:
                    week[0] = pain
                week[1] += 1
    figures = []
    for drill in drills:
        by_week = weeks.get(drill.id)
        if by_week is not None:
            rated = [PainWeek(monday, worst, n) for monday, (worst, n) in by_week.items()]
            figures.append(DrillPain(drill, rated, firsts[drill.id], sum(w.ratings for w in rated)))
    return figures


def _wall_tests(done: DoneByDrill, drill: DrillInfo) -> list[tuple[LoggedSession, LoggedDrill]]:
    """The sessions in which the wall distance was measured, at least on one side."""
    return [
        (session, entry)
        for session, entry in done.get(drill.id, ())
        if entry.wall_left_cm is not None or entry.wall_right_cm is not None
    ]


def wall_readings(done: DoneByDrill, drill: DrillInfo) -> list[WallReading]:
    return [
        WallReading(session.performed_at, entry.wall_left_cm, entry.wall_right_cm)
        for session, entry in _wall_tests(done, drill)
    ]


def _heel_drops(done: DoneByDrill, drill: DrillInfo) -> list[tuple[LoggedSession, HeelDropReading]]:
    rungs = {step.variant_id: (i, step) for i, step in enumerate(drill.ladder)}
    return [
        (
            session,
            HeelDropReading(
                session.performed_at,
                rungs[entry.variant_id][1].name,
                rungs[entry.variant_id][0],
                entry.as_prescribed,
                entry.pain,
            ),
        )
        for session, entry in done.get(drill.id, ())
        if entry.variant_id in rungs
    ]


def consistency(
    sessions: Sequence[LoggedSession],
    *,
    start: date,
    today: date,
    per_day: Mapping[date, int] | None = None,
) -> Consistency:
    if per_day is None:
        per_day = Counter(session.day for session in sessions)
    else:
        per_day = Counter({day: n for day, n in per_day.items() if n})
    weeks = []
    monday = start
    while monday <= today:
        counts = tuple([per_day[monday + offset] for offset in DAYS])
        weeks.append(CalendarWeek(monday, counts))
        monday += pain_model.WEEK
    return Consistency(
        weeks=weeks,
        streak_days=streak(set(per_day), today=today),
        routine_days=len([day for day in per_day if start <= day <= today]),
    )


def streak(days: set[date], *, today: date) -> int:
    """Days in a row with a routine, up to today; a streak lives on until today is over."""
    day = today if today in days else today - ONE_DAY
    count = 0
    while day in days:
        count += 1
        day -= ONE_DAY
    return count


def tight_spots(sessions: Sequence[LoggedSession]) -> list[tuple[str, int]]:
    """The spots noted in the most sessions (each at most once a session), most first."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for session in sessions:
        noted = None  # three entries in four note no spot: most sessions count nothing
        for entry in session.drills:
            if entry.done and entry.tight_spots:
                for label in entry.tight_spots:
                    key = label.strip().casefold()
                    if key:
                        names.setdefault(key, label.strip())
                        if noted is None:
                            noted = set()
                        noted.add(key)
        if noted:
            counts.update(noted)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], names[item[0]].casefold()))
    return [(names[key], count) for key, count in ranked[:TOP_TIGHT_SPOTS]]


def heel_drop_hint(
    drops: Sequence[tuple[LoggedSession, HeelDropReading]],
    drill: DrillInfo,
    *,
    usual: int | None = None,
    flags: Sequence[pain_model.Flag] = (),
) -> HeelDropHint | None:
    # `drops`: each heel-drop session with its reading, oldest first (_heel_drops).
    # Only the latest RECENT_SESSIONS are judged: an Attempt for each of the window's is waste.
    newest_first = [(reading, session.morning_after_pain) for session, reading in reversed(drops)][
        :RECENT_SESSIONS
    ]
    if not newest_first:
        return None
    rung = newest_first[0][0].rung
    verdict = judge(
        [
            Attempt(pain=reading.pain, morning_after_pain=after, usual=usual,
                    at_step=reading.rung == rung and reading.full_step)
            for reading, after in newest_first
        ],
        flags=flags,
    )  # fmt: skip
    ladder = drill.ladder
    target = {Advice.READY: rung + 1, Advice.STEP_BACK: rung - 1}.get(verdict.advice)
    in_ladder = target is not None and 0 <= target < len(ladder)
    return HeelDropHint(verdict, ladder[rung], ladder[target] if in_ladder else None)


def wall_hint(
    done: DoneByDrill,
    drill: DrillInfo,
    *,
    usual: int | None = None,
    flags: Sequence[pain_model.Flag] = (),
) -> WallHint | None:
    newest_first = [(entry, session) for session, entry in reversed(_wall_tests(done, drill))]
    if not newest_first:
        return None
    recent = newest_first[:RECENT_SESSIONS]
    verdict = judge(
        [
            Attempt(pain=entry.pain, morning_after_pain=session.morning_after_pain, usual=usual)
            for entry, session in recent
        ],
        flags=flags,
    )

    def best(side: str) -> Decimal | None:
        values = [getattr(e, side) for e, _ in recent if getattr(e, side) is not None]
        return max(values, default=None)

    readings = [
        WallReading(session.performed_at, entry.wall_left_cm, entry.wall_right_cm)
        for entry, session in newest_first[:2]
    ]
    return WallHint(
        verdict,
        best_left_cm=best("wall_left_cm"),
        best_right_cm=best("wall_right_cm"),
        latest=readings[0],
        previous=readings[1] if len(readings) > 1 else None,
        asymmetric=asymmetric([(r.left_cm, r.right_cm) for r in readings]),
    )
