"""Where the progress figures land in the SVG: scales, marks, tables. No database."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from insights import charts
from insights import progress as p

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 6, 17)
START = p.window_start(TODAY)
WINDOW = {"start": START, "today": TODAY}


def at(day: date, hour: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def pain_figure(drill: p.DrillInfo, readings) -> p.DrillPain:
    """The drill's pain figure from (moment, pain) readings, oldest first."""
    sessions = [
        p.LoggedSession(when, drills=(p.LoggedDrill(drill.id, pain=pain),))
        for when, pain in readings
    ]
    (figure,) = p.pain_by_drill(sessions, [drill])
    return figure


def test_pain_runs_from_zero_at_the_bottom_to_ten_at_the_top_and_time_left_to_right():
    drill = p.DrillInfo(3, "Toe raises")
    readings = [
        p.PainReading(at(START), 0),
        p.PainReading(at(TODAY, 12), 10),
        p.PainReading(at(TODAY - timedelta(days=7), 7), 5),
    ]
    readings.sort(key=lambda r: r.when)
    chart = charts.pain_chart(pain_figure(drill, readings), **WINDOW)

    frame = chart.frame
    by_value = {mark.value: mark for mark in chart.marks}
    assert by_value["0"].y == frame.plot_bottom
    assert by_value["10"].y == frame.plot_top
    assert by_value["5"].y == (frame.plot_top + frame.plot_bottom) / 2
    xs = [mark.x for mark in chart.marks]
    assert xs == sorted(xs)
    assert frame.plot_left < xs[0] < xs[-1] < frame.plot_right
    assert chart.table.headers == ["Week starting", "Worst pain", "Rated sessions"]
    assert chart.table.rows == [
        ["23 Mar", "0/10", "1"],
        ["8 Jun", "5/10", "1"],
        ["15 Jun", "10/10", "1"],
    ]
    assert chart.summary.startswith("Worst pain during Toe raises each week: 3 weeks")
    assert "First week 0/10, latest week 10/10, highest 10/10" in chart.summary


def pain_chart_of(*readings: tuple[datetime, int]):
    drill = p.DrillInfo(3, "Toe raises")
    return charts.pain_chart(pain_figure(drill, readings), **WINDOW)


def test_a_week_of_pain_is_one_point_at_its_worst():
    monday = TODAY - timedelta(days=TODAY.weekday() + 7)
    chart = pain_chart_of((at(monday, 7), 2), (at(monday + timedelta(days=3), 7), 6))

    (mark,) = chart.marks
    assert (mark.value, mark.day, mark.y) == ("6", monday, p_y(6))
    assert chart.table.rows == [[charts.short_date(monday), "6/10", "2"]]


def p_y(pain: int) -> float:
    return charts.PAIN_YS[pain]


def test_a_week_without_a_rated_session_has_no_point():
    three_weeks_ago = TODAY - timedelta(days=TODAY.weekday() + 21)
    sessions = [
        p.LoggedSession(at(three_weeks_ago, 7), drills=(p.LoggedDrill(1, pain=3),)),
        # Two weeks ago: done but not rated, and rated but skipped.
        p.LoggedSession(at(three_weeks_ago + timedelta(days=7), 7), drills=(p.LoggedDrill(1),)),
        p.LoggedSession(
            at(three_weeks_ago + timedelta(days=8), 7), drills=(p.LoggedDrill(1, False, 9),)
        ),
        p.LoggedSession(at(TODAY, 7), drills=(p.LoggedDrill(1, pain=1),)),
    ]
    (chart,) = charts.draw(
        p.summarise(sessions, drills=[p.DrillInfo(1, "Foot rolling")], today=TODAY)
    ).pain
    assert [(m.day, m.value) for m in chart.marks] == [
        (three_weeks_ago, "3"),
        (TODAY - timedelta(days=TODAY.weekday()), "1"),
    ]
    assert len(chart.table.rows) == 2


def test_a_week_s_point_sits_mid_week_and_this_week_s_within_the_days_so_far():
    this_monday = TODAY - timedelta(days=TODAY.weekday())
    chart = pain_chart_of((at(START, 7), 1), (at(TODAY, 7), 2))
    first, this_week = chart.marks
    axis = charts.TimeAxis(START, TODAY, chart.frame.plot_left + 6, chart.frame.plot_right - 6)
    assert first.x == axis.x_of_day(START, 3.5)
    # Wednesday: the middle of Monday to the end of today, not past the axis's end.
    assert this_week.x == axis.x_of_day(this_monday, 1.5) < axis.right


def test_wall_chart_tells_the_feet_apart_by_shape_and_leaves_gaps_for_unmeasured_feet():
    weeks = p.wall_weeks(
        [
            p.WallReading(at(TODAY - timedelta(days=9)), Decimal(8), Decimal("7.5")),
            p.WallReading(at(TODAY), Decimal("11.5"), None),
        ]
    )
    chart = charts.wall_chart(weeks, **WINDOW)

    left, right = chart.series
    assert (left.shape, right.shape) == ("circle", "square")
    assert [m.value for m in left.marks] == ["8", "11.5"]
    assert [m.value for m in right.marks] == ["7.5"]
    assert [t.label for t in chart.y_ticks] == ["0", "5", "10", "15", "20"]  # room for the band
    assert chart.band.label == "9–15 cm: healthy adults, a reference, not a goal"
    assert chart.table.rows[1][1:] == ["11.5 cm", "–", "1"]


def test_a_week_of_wall_tests_is_each_foots_best():
    monday = TODAY - timedelta(days=TODAY.weekday() + 7)
    weeks = p.wall_weeks(
        [
            p.WallReading(at(monday), Decimal(9), None),
            p.WallReading(at(monday + timedelta(days=2)), Decimal("8.5"), Decimal(10)),
            p.WallReading(at(monday + timedelta(days=6)), Decimal("9.5"), Decimal(7)),
        ]
    )
    assert weeks == [p.WallWeek(monday, Decimal("9.5"), Decimal(10), 3)]
    chart = charts.wall_chart(weeks, **WINDOW)
    assert chart.table.rows == [[charts.short_date(monday), "9.5 cm", "10 cm", "3"]]
    assert "in 3 sessions over 1 week" in chart.summary


def test_heel_drop_marks_sit_on_their_rung_and_are_hollow_short_of_the_full_step():
    weeks = p.heel_drop_weeks(
        [
            p.HeelDropReading(at(TODAY - timedelta(days=9)), "Double leg", 0, True, 2),
            p.HeelDropReading(at(TODAY), "Single leg", 1, False, 3),
        ]
    )
    ladder = (p.LadderStep(1, "Double leg"), p.LadderStep(2, "Single leg"))
    chart = charts.heel_drop_chart(weeks, ladder=ladder, **WINDOW)

    double, single = chart.marks
    assert (double.y, double.hollow) == (chart.frame.plot_bottom, False)
    assert (single.y, single.hollow) == (chart.frame.plot_top, True)
    assert [t.label for t in chart.y_ticks] == ["Double", "Single"]
    assert chart.series[0].path.count("H") == 1  # a step, not a slope
    assert chart.table.headers == ["Week starting", "Highest step", "Sessions", "Worst pain"]
    assert chart.table.rows[1][1:] == ["Single leg, less than prescribed", "1", "3/10"]


def test_a_week_of_heel_drops_is_its_highest_step_full_if_once_done_as_prescribed():
    monday = TODAY - timedelta(days=TODAY.weekday() + 7)
    readings = [
        p.HeelDropReading(at(monday), "Double leg", 0, True, 5),
        p.HeelDropReading(at(monday + timedelta(days=1)), "Single leg", 1, False, 2),
        p.HeelDropReading(at(monday + timedelta(days=3)), "Single leg", 1, True, None),
        p.HeelDropReading(at(monday + timedelta(days=5)), "Double leg", 0, False, 3),
    ]
    assert p.heel_drop_weeks(readings) == [p.HeelDropWeek(monday, "Single leg", 1, True, 4, 5)]
    # Short of the full step at the week's highest, whatever was full lower down.
    assert p.heel_drop_weeks(readings[:2])[0].full_step is False


def test_calendar_puts_this_week_on_top_and_marks_today_and_the_days_ahead():
    sessions = [p.LoggedSession(at(TODAY, 7)), p.LoggedSession(at(TODAY - timedelta(days=8), 7))]
    figure = p.consistency(sessions, start=START, today=TODAY)
    chart = charts.calendar_chart(figure, today=TODAY)

    assert [row.label for row in chart.rows][:2] == ["15 Jun", "8 Jun"]
    assert [row.total for row in chart.rows][:2] == [1, 1]
    cells = {cell.day: cell for cell in chart.cells}
    assert len(cells) == 7 * p.WINDOW_WEEKS
    assert (cells[TODAY].state, cells[TODAY].today) == ("done", True)
    assert cells[TODAY + timedelta(days=1)].state == "ahead"
    assert cells[TODAY - timedelta(days=1)].state == "rest"
    assert chart.table.rows[0] == ["15 Jun", "1", "Wed"]


def test_tight_spot_bars_scale_to_the_most_noted_and_keep_long_names_whole_in_the_table():
    spots = [("Calf", 4), ("outer ankle, below the bone", 2)]
    chart = charts.tight_spot_chart(spots, sessions=6)

    calf, ankle = chart.bars
    assert calf.width == chart.frame.plot_width
    assert ankle.width == chart.frame.plot_width / 2
    assert ankle.label == "outer ankle, be…"
    assert chart.table.rows[1] == ["outer ankle, below the bone", "2"]
    assert chart.summary.endswith("of 6 sessions.")


def test_a_trend_needs_two_readings():
    rolling = p.DrillInfo(1, "Foot rolling")
    figures = p.summarise(
        [p.LoggedSession(at(TODAY, 7), drills=(p.LoggedDrill(1, pain=2),))],
        drills=[rolling],
        today=TODAY,
    )
    drawn = charts.draw(figures)
    assert drawn.pain == []
    assert [f.drill for f in drawn.pain_single] == [rolling]
    assert drawn.wall is None and drawn.heel_drops is None and drawn.tight_spots is None


def test_what_the_athlete_typed_is_escaped_in_the_bars_and_the_table():
    """The markup escapes a text only when it has something to escape: a tight spot of the
    athlete's own words still arrives escaped, in the bar, its label and the table."""
    from insights import svg

    chart = charts.tight_spot_chart([("<b>calf</b> & 'shin\"", 2)], sessions=2)
    markup = svg.bar_chart(chart) + svg.numbers(chart)
    assert "<b>" not in markup
    assert "&lt;b&gt;calf&lt;/b&gt; &amp; &#x27;shin&quot;" in markup


def test_the_pain_charts_of_a_page_share_one_axis_and_their_weeks():
    rolling, toes = p.DrillInfo(1, "Foot rolling"), p.DrillInfo(2, "Toe raises")
    sessions = [
        p.LoggedSession(at(TODAY - timedelta(days=d), 7), drills=(
            p.LoggedDrill(1, pain=d % 4), p.LoggedDrill(2, pain=d % 3)
        ))
        for d in (9, 5, 1)
    ]  # fmt: skip
    drawn = charts.draw(p.summarise(sessions, drills=[rolling, toes], today=TODAY))
    first, second = drawn.pain
    assert [m.x for m in first.marks] == [m.x for m in second.marks]
    alone = charts.pain_chart(p.summarise(sessions, drills=[toes], today=TODAY).pain[0], **WINDOW)
    assert [m.x for m in alone.marks] == [m.x for m in second.marks]
    assert len(first.marks) == 2  # 9 and 5 days ago are one week, 1 day ago the next
    assert first.table.rows[0][0] == second.table.rows[0][0] == "8 Jun"
