"""Where the progress figures are drawn: SVG geometry worked out on the server. Pure.

Coordinates are in the drawing's own units (its viewBox). Charts are drawn 360 units wide, so at
a phone's 390 px they show at about their natural size and text stays legible; CSS caps how far
they grow on a desktop. Every chart carries its numbers as a table for screen readers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from . import progress as p

WIDTH = 360
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# English names, as strftime's %b gives them in the C locale, without its cost: strftime on an
# aware datetime asks its time zone for the offset each time, and a page formats hundreds.
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


def cm(value: Decimal | None) -> str:
    return "–" if value is None else f"{value.normalize():f} cm"


class Tick(NamedTuple):  # a named tuple, as Mark: charts make many
    pos: float
    label: str


class Mark(NamedTuple):
    """A named tuple rather than a frozen dataclass, as every record of a chart: a page makes
    hundreds, and a frozen dataclass sets each field through object.__setattr__."""

    x: float
    y: float
    value: str  # what the mark stands for, e.g. "3" or "9.5"
    day: date
    hollow: bool = False

    # A square mark of side 8 is drawn from its top-left corner.
    @property
    def corner_x(self) -> float:
        return round(self.x - 4, 1)

    @property
    def corner_y(self) -> float:
        return round(self.y - 4, 1)


class Band(NamedTuple):
    """A shaded stretch of the value axis, e.g. the comfortable pain range."""

    y: float
    height: float
    label: str


class Series(NamedTuple):
    key: str  # names the CSS class that colours it
    label: str
    shape: str  # "circle" or "square", so the series differ by more than colour
    marks: list[Mark]
    steps: bool = False  # hold each value until the next (a ladder), rather than slope

    @property
    def path(self) -> str:
        return path_through([(f"{m.x}", f"{m.y}") for m in self.marks], steps=self.steps)


def path_through(points: list[tuple[str, str]], *, steps: bool = False) -> str:
    """An SVG path's data through points given as their x and y texts; with `steps`, each
    value held until the next (a ladder). No line for fewer than two points."""
    if len(points) < 2:
        return ""
    (x, y), *rest = points
    parts = [f"M{x} {y}"]
    for x, y in rest:
        if steps:
            parts.append(f"H{x}")
        parts.append(f"L{x} {y}")
    return " ".join(parts)


class Table(NamedTuple):
    caption: str
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Frame:
    height: int
    left: int = 30
    right: int = 12
    top: int = 10
    bottom: int = 24
    width: int = WIDTH

    @property
    def plot_left(self) -> int:
        return self.left

    @property
    def plot_right(self) -> int:
        return self.width - self.right

    @property
    def plot_width(self) -> int:
        return self.plot_right - self.plot_left

    @property
    def plot_top(self) -> int:
        return self.top

    @property
    def plot_bottom(self) -> int:
        return self.height - self.bottom


class LineChart(NamedTuple):
    id: str
    title: str
    summary: str
    frame: Frame
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    series: list[Series]
    table: Table
    band: Band | None = None
    kind: str = "line"

    @property
    def marks(self) -> list[Mark]:
        return [mark for series in self.series for mark in series.marks]


class Bar(NamedTuple):
    y: float
    width: float
    label: str  # shortened to fit; the table has it whole
    value: int
    value_x: float  # where the count is written, just past the bar's end


class BarChart(NamedTuple):
    id: str
    title: str
    summary: str
    frame: Frame
    bars: list[Bar]
    table: Table
    bar_height: int = 18
    kind: str = "bars"


class CalendarCell(NamedTuple):  # 91 a page
    x: float
    y: float
    day: date
    count: int
    state: str  # "done", "rest" or "ahead" (later this week)
    today: bool = False


class CalendarRow(NamedTuple):
    y: float  # baseline for the row's text
    label: str
    total: int


class CalendarChart(NamedTuple):
    id: str
    title: str
    summary: str
    frame: Frame
    header: list[Tick]
    rows: list[CalendarRow]
    cells: list[CalendarCell]
    table: Table
    cell: int = 26
    total_x: float = 0
    kind: str = "calendar"


@dataclass
class TimeAxis:
    """Maps a day in the window to x: each day is an equal slice of the plot."""

    start: date
    today: date
    left: float
    right: float
    ticks: list[Tick] = field(init=False)
    week_xs: dict[tuple[date, date], float] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.ticks = [
            Tick(self.x_of_day(day), short_date(day))
            for day in _month_starts(self.start, self.today)
        ]

    @property
    def days(self) -> int:
        return (self.today - self.start).days + 1

    def x_of_day(self, day: date, fraction: float = 0) -> float:
        offset = (day - self.start).days + fraction
        return round(self.left + offset / self.days * (self.right - self.left), 1)


def _month_starts(start: date, today: date) -> list[date]:
    first = date(start.year, start.month, 1)
    months = []
    while first <= today:
        if first >= start:
            months.append(first)
        first = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return months


def _y(value: float, low: float, high: float, frame: Frame) -> float:
    span = frame.plot_bottom - frame.plot_top
    return round(frame.plot_bottom - (value - low) / (high - low) * span, 1)


def _value_text(value: Decimal | int) -> str:
    return f"{value.normalize():f}" if isinstance(value, Decimal) else str(value)


def _axis(frame: Frame, start: date, today: date) -> TimeAxis:
    return TimeAxis(start, today, frame.plot_left + 6, frame.plot_right - 6)


# The y of each pain, 0–10, on a pain chart's frame (they are all alike).
PAIN_FRAME = Frame(height=130)
PAIN_YS = tuple(_y(pain, 0, 10, PAIN_FRAME) for pain in range(11))


def pain_chart(
    figure: p.DrillPain,
    *,
    start: date,
    today: date,
    axis: TimeAxis | None = None,
) -> LineChart:
    """A point a week: the worst pain rated for the drill that week, placed in the middle of
    the week's stretch of the axis (of its days so far, for the current week). `axis` may be
    shared by the charts of one page: see draw()."""
    frame = PAIN_FRAME
    axis = axis or _axis(frame, start, today)
    weeks = figure.weeks
    marks = [
        Mark(
            _week_x(axis, w.start, today),
            PAIN_YS[w.worst],
            str(w.worst),
            w.start,
        )
        for w in weeks
    ]
    name = figure.drill.name
    first, last = weeks[0], weeks[-1]
    summary = (
        f"Worst pain during {name} each week: {_count(len(weeks), 'week')} with a rating, "
        f"from the week of {short_date(first.start)} to the week of {short_date(last.start)}. "
        f"First week {first.worst}/10, latest week {last.worst}/10, "
        f"highest {max(w.worst for w in weeks)}/10."
    )
    return LineChart(
        id=f"pain-{figure.drill.id}",
        title=name,
        summary=summary,
        frame=frame,
        x_ticks=axis.ticks,
        y_ticks=[Tick(_y(v, 0, 10, frame), str(v)) for v in (0, 5, 10)],
        series=[Series("pain", "Worst pain each week", "circle", marks)],
        band=Band(
            y=_y(p.READY_MAX_PAIN, 0, 10, frame),
            height=round(frame.plot_bottom - _y(p.READY_MAX_PAIN, 0, 10, frame), 1),
            label=f"0–{p.READY_MAX_PAIN}: safe",
        ),
        table=Table(
            f"Worst pain during {name} each week, 0–10",
            ["Week starting", "Worst pain", "Rated sessions"],
            [[short_date(w.start), f"{w.worst}/10", str(w.ratings)] for w in weeks],
        ),
    )


def _week_x(axis: TimeAxis, monday: date, today: date) -> float:
    """The middle of the week's stretch of the axis (of its days so far, for this week). The
    pain and wall charts share their axis, and the same thirteen weeks: each is placed once."""
    x = axis.week_xs.get((monday, today))
    if x is None:
        x = axis.x_of_day(monday, min(7, (today - monday).days + 1) / 2)
        axis.week_xs[monday, today] = x
    return x


def wall_chart(
    weeks: list[p.WallWeek],
    *,
    start: date,
    today: date,
    axis: TimeAxis | None = None,
) -> LineChart:
    """A point a week for each foot, its best distance that week."""
    frame = Frame(height=180)
    axis = axis or _axis(frame, start, today)
    values = [v for w in weeks for v in (w.best_left_cm, w.best_right_cm) if v is not None]
    low_ref, high_ref = p.WALL_REFERENCE_CM
    # Room for the reference band, 9–15 cm, whatever the readings.
    high = max(20, 5 * (int(max(values)) // 5 + 1))
    series = []
    # Left a little left of the week's middle, right a little right: equal distances stay
    # two marks.
    for key, label, shape, nudge in (
        ("left", "Left", "circle", -2.5),
        ("right", "Right", "square", 2.5),
    ):
        marks = [
            Mark(
                round(_week_x(axis, w.start, today) + nudge, 1),
                _y(float(v), 0, high, frame),
                _value_text(v),
                w.start,
            )
            for w in weeks
            if (v := getattr(w, f"best_{key}_cm")) is not None
        ]
        if marks:
            series.append(Series(key, label, shape, marks))
    sides = []
    for key, label in (("best_left_cm", "left"), ("best_right_cm", "right")):
        side = [getattr(w, key) for w in weeks if getattr(w, key) is not None]
        if side:
            sides.append(f"{label} from {cm(side[0])} to {cm(side[-1])}, best {cm(max(side))}")
    tests = sum(w.tests for w in weeks)
    summary = (
        f"Wall distance, toe to wall, each foot's best of the week, in "
        f"{_count(tests, 'session')} over {_count(len(weeks), 'week')}: "
        + "; ".join(sides)
        + f". Changes under {p.WALL_ERROR_CM} cm are within the test's measurement error. "
        f"Healthy adults reach about {low_ref}–{high_ref} cm: a reference, not a goal."
    )
    return LineChart(
        id="wall",
        title="Wall distance",
        summary=summary,
        frame=frame,
        x_ticks=axis.ticks,
        y_ticks=[Tick(_y(v, 0, high, frame), str(v)) for v in range(0, high + 1, 5)],
        series=series,
        band=Band(
            y=_y(float(high_ref), 0, high, frame),
            height=round(
                _y(float(low_ref), 0, high, frame) - _y(float(high_ref), 0, high, frame), 1
            ),
            label=f"{low_ref}–{high_ref} cm: healthy adults, a reference, not a goal",
        ),
        table=Table(
            "Wall distance per foot, toe to wall: the best of each week",
            ["Week starting", "Left", "Right", "Sessions"],
            [
                [short_date(w.start), cm(w.best_left_cm), cm(w.best_right_cm), str(w.tests)]
                for w in weeks
            ],
        ),
    )


def heel_drop_chart(
    weeks: list[p.HeelDropWeek],
    *,
    start: date,
    today: date,
    ladder: tuple[p.LadderStep, ...] = (),
) -> LineChart:
    """A point a week on the highest step done that week, hollow when no session at that
    step was done with every part as prescribed."""
    frame = Frame(height=120, left=56, top=20, bottom=24)
    axis = _axis(frame, start, today)
    rungs = max(len(ladder) - 1, 1)
    marks = [
        Mark(
            _week_x(axis, w.start, today),
            _y(w.rung, 0, rungs, frame),
            w.variant,
            w.start,
            hollow=not w.full_step,
        )
        for w in weeks
    ]
    first, last = weeks[0], weeks[-1]
    sessions = sum(w.sessions for w in weeks)
    summary = (
        f"Heel drops in {_count(sessions, 'session')} over {_count(len(weeks), 'week')}, "
        f"the highest step of each week: first {_variant(first)}, latest {_variant(last)}."
    )
    return LineChart(
        id="heel-drops",
        title="Heel-drop ladder",
        summary=summary,
        frame=frame,
        x_ticks=axis.ticks,
        y_ticks=[
            Tick(_y(i, 0, rungs, frame), step.name.split()[0]) for i, step in enumerate(ladder)
        ],
        series=[Series("heel", "Heel drops", "circle", marks, steps=True)],
        table=Table(
            "Heel drops: the highest step of each week, and the worst pain",
            ["Week starting", "Highest step", "Sessions", "Worst pain"],
            [
                [
                    short_date(w.start),
                    _variant(w),
                    str(w.sessions),
                    "–" if w.worst_pain is None else f"{w.worst_pain}/10",
                ]
                for w in weeks
            ],
        ),
    )


def _variant(week: p.HeelDropWeek) -> str:
    return week.variant if week.full_step else f"{week.variant}, less than prescribed"


def tight_spot_chart(spots: list[tuple[str, int]], *, sessions: int) -> BarChart:
    row = 30
    frame = Frame(height=row * len(spots) + 8, left=118, right=40, top=8, bottom=0)
    most = max(count for _, count in spots)
    span = frame.plot_right - frame.plot_left
    bars = []
    for i, (label, count) in enumerate(spots):
        width = round(max(count / most * span, 2), 1)
        bars.append(
            Bar(
                y=frame.top + i * row,
                width=width,
                label=label if len(label) <= 16 else label[:15] + "…",
                value=count,
                value_x=round(frame.plot_left + width + 6, 1),
            )
        )
    summary = "Tight spots noted most often: " + ", ".join(
        f"{label} in {_count(count, 'session')}" for label, count in spots
    )
    return BarChart(
        id="tight-spots",
        title="Tight spots",
        summary=f"{summary}, of {_count(sessions, 'session')}.",
        frame=frame,
        bars=bars,
        table=Table(
            "Tight spots noted, by number of sessions",
            ["Tight spot", "Sessions"],
            [[label, str(count)] for label, count in spots],
        ),
    )


def calendar_chart(figure: p.Consistency, *, today: date) -> CalendarChart:
    cell, gap, label_width, header = 26, 6, 52, 22
    pitch = cell + gap
    rows, cells = [], []
    for i, week in enumerate(reversed(figure.weeks)):  # the current week on top
        top = header + i * pitch
        rows.append(CalendarRow(top + cell / 2 + 4, short_date(week.start), week.total))
        for column, (day, count) in enumerate(week.days()):
            state = "ahead" if day > today else ("done" if count else "rest")
            cells.append(
                CalendarCell(label_width + column * pitch, top, day, count, state, day == today)
            )
    total_x = label_width + 7 * pitch + 14
    frame = Frame(height=header + len(figure.weeks) * pitch, left=label_width, top=header)
    summary = (
        f"Routines on {_count(figure.routine_days, 'day')} of the last "
        f"{len(figure.weeks)} weeks. Streak: {_count(figure.streak_weeks, 'week')} in a row "
        f"with {p.WEEKLY_HABIT} or more routines. "
        f"This week: {_count(figure.this_week, 'routine')}."
    )
    return CalendarChart(
        id="calendar",
        title="Routine days",
        summary=summary,
        frame=frame,
        header=[
            Tick(label_width + i * pitch + cell / 2, name[0]) for i, name in enumerate(WEEKDAYS)
        ],
        rows=rows,
        cells=cells,
        table=Table(
            "Routines per week, newest first",
            ["Week of", "Routines", "Days"],
            [
                [short_date(week.start), str(week.total), _days_text(week)]
                for week in reversed(figure.weeks)
            ],
        ),
        cell=cell,
        total_x=total_x,
    )


def _days_text(week: p.CalendarWeek) -> str:
    days = [
        WEEKDAYS[day.weekday()] + (f" ({count})" if count > 1 else "")
        for day, count in week.days()
        if count
    ]
    return ", ".join(days) or "–"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


@dataclass(frozen=True)
class ProgressCharts:
    calendar: CalendarChart
    pain: list[LineChart]
    pain_single: list[p.DrillPain]  # drills rated only once so far: no trend to draw yet
    wall: LineChart | None
    heel_drops: LineChart | None
    tight_spots: BarChart | None


def draw(figures: p.Progress) -> ProgressCharts:
    # The pain and wall charts share their frame's width, so one axis places a week on both.
    axis = _axis(PAIN_FRAME, figures.start, figures.today)
    window = {"start": figures.start, "today": figures.today}
    trend = p.MIN_POINTS_FOR_TREND
    return ProgressCharts(
        calendar=calendar_chart(figures.consistency, today=figures.today),
        pain=[pain_chart(f, axis=axis, **window) for f in figures.pain if f.ratings >= trend],
        pain_single=[f for f in figures.pain if f.ratings < trend],
        wall=(
            wall_chart(figures.wall_weeks, axis=axis, **window)
            if len(figures.wall) >= trend
            else None
        ),
        heel_drops=(
            heel_drop_chart(figures.heel_drop_weeks, ladder=figures.heel_ladder, **window)
            if len(figures.heel_drops) >= trend
            else None
        ),
        tight_spots=(
            tight_spot_chart(figures.tight_spots, sessions=figures.session_count)
            if figures.tight_spots
            else None
        ),
    )
