"""The progress charts as markup, built in Python.

Django's template engine took three quarters of the progress page's time drawing these: each
mark is a dozen variable lookups, and a page has hundreds of marks. Django's format_html was
cheaper, yet escaping each of its arguments through the lazy-aware wrapper was still a fifth
of the page. So the markup is joined from f-strings: numbers and dates as they are, and every
text (a title, a label, what an athlete typed as a tight spot) through sessions.markup's
escape(), which gives what Django's own escape gives, so the markup is the same.
"""

from __future__ import annotations

from datetime import date

from django.utils.safestring import SafeString, mark_safe

from sessions.markup import escape

from . import charts


def _text(value) -> str:
    # Most texts are our own dates and numbers: escape() only looks at them.
    return escape(str(value))


def _opening(chart, css: str) -> str:
    chart_id, title, summary = _text(chart.id), _text(chart.title), _text(chart.summary)
    return (
        f'<svg class="{css}" viewBox="0 0 {chart.frame.width} {chart.frame.height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" id="chart-{chart_id}" '
        f'data-chart="{chart_id}"><title id="{chart_id}-title">{title}</title>'
        f'<desc id="{chart_id}-desc">{summary}</desc>'
    )


def line_chart(chart: charts.LineChart) -> SafeString:
    frame = chart.frame
    left, right, top, bottom = frame.plot_left, frame.plot_right, frame.plot_top, frame.plot_bottom
    parts = [_opening(chart, "chart")]
    if chart.band:
        parts.append(
            f'<rect class="band" x="{left}" y="{chart.band.y}" width="{frame.plot_width}" '
            f'height="{chart.band.height}"/>'
        )
    for tick in chart.y_ticks:
        label = _text(tick.label)
        parts.append(
            f'<line class="grid" data-tick="{label}" x1="{left}" x2="{right}" y1="{tick.pos}" '
            f'y2="{tick.pos}"/><text class="tick" x="{left}" dx="-6" y="{tick.pos}" dy="4" '
            f'text-anchor="end">{label}</text>'
        )
    for tick in chart.x_ticks:
        parts.append(
            f'<line class="grid-x" x1="{tick.pos}" x2="{tick.pos}" y1="{top}" y2="{bottom}"/>'
            f'<text class="tick" x="{tick.pos}" y="{frame.height}" dy="-6" '
            f'text-anchor="middle">{_text(tick.label)}</text>'
        )
    for series in chart.series:
        key = _text(series.key)
        marks, points = _marks(series)
        path = charts.path_through(points, steps=series.steps)
        line = f'<path class="line" d="{path}"/>' if path else ""
        parts.append(f'<g class="series series-{key}" data-series="{key}">{line}{marks}</g>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped


def _marks(series: charts.Series) -> tuple[str, list[tuple[str, str]]]:
    """The marks' markup, and their x and y texts for the line through them. Hundreds on a
    page, most of them alike: each x and y is formatted once for its attributes and the line,
    and each value and day once a series (six pain values a chart; a day on every chart)."""
    square = series.shape == "square"
    values: dict[str, str] = {}
    days: dict[date, str] = {}
    marks = []
    points = []
    for m in series.marks:
        value = values.get(m.value)
        if value is None:
            value = values[m.value] = _text(m.value)
        day = days.get(m.day)
        if day is None:
            day = days[m.day] = m.day.isoformat()
        x, y = repr(m.x), repr(m.y)
        points.append((x, y))
        hollow = " hollow" if m.hollow else ""
        data = f'data-x="{x}" data-y="{y}" data-value="{value}" data-day="{day}"/>'
        if square:
            marks.append(
                f'<rect class="mark{hollow}" x="{m.corner_x}" y="{m.corner_y}" width="8" '
                f'height="8" {data}'
            )
        else:
            marks.append(f'<circle class="mark{hollow}" cx="{x}" cy="{y}" r="4.5" {data}')
    return "".join(marks), points


def calendar_chart(chart: charts.CalendarChart) -> SafeString:
    size = chart.cell
    parts = [_opening(chart, "chart chart-calendar")]
    parts.extend(
        f'<text class="tick" x="{t.pos}" y="14" text-anchor="middle">{_text(t.label)}</text>'
        for t in chart.header
    )
    parts.append(f'<text class="tick" x="{chart.total_x}" y="14">Total</text>')
    parts.extend(
        f'<text class="tick" x="0" y="{r.y}">{_text(r.label)}</text>'
        f'<text class="total" x="{chart.total_x}" dx="10" y="{r.y}" '
        f'text-anchor="middle">{r.total}</text>'
        for r in chart.rows
    )
    # The states are our own words; the rest numbers and dates.
    parts.extend(
        f'<rect class="day day-{c.state}{" day-today" if c.today else ""}" x="{c.x}" '
        f'y="{c.y}" width="{size}" height="{size}" rx="5" data-day="{c.day}" '
        f'data-count="{c.count}"/>'
        for c in chart.cells
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped


def bar_chart(chart: charts.BarChart) -> SafeString:
    left, dy, height = chart.frame.plot_left, chart.bar_height - 4, chart.bar_height
    parts = [_opening(chart, "chart chart-bars")]
    for b in chart.bars:
        label = _text(b.label)  # the athlete's own words, for a spot of their own
        parts.append(
            f'<text class="tick" x="{left}" dx="-8" y="{b.y}" dy="{dy}" '
            f'text-anchor="end">{label}</text><rect class="bar" x="{left}" y="{b.y}" '
            f'width="{b.width}" height="{height}" rx="3" data-label="{label}" '
            f'data-value="{b.value}"/><text class="total" x="{b.value_x}" y="{b.y}" '
            f'dy="{dy}">{b.value}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text escaped


def numbers(chart) -> SafeString:
    """The chart's figures as a table, folded away: what a screen reader reads instead."""
    table = chart.table
    headers = "".join(f'<th scope="col">{_text(h)}</th>' for h in table.headers)
    # Up to 91 rows a table: each row's cells joined at once, not a generator per row.
    rows = "".join(
        [
            f'<tr><th scope="row">{_text(row[0])}</th><td>{"</td><td>".join(map(_text, row[1:]))}'
            "</td></tr>"
            if len(row) > 1
            else f'<tr><th scope="row">{_text(row[0])}</th></tr>'
            for row in table.rows
        ]
    )
    return mark_safe(  # noqa: S308 - every cell escaped
        f'<details class="chart-numbers" data-numbers-for="{_text(chart.id)}">'
        "<summary>Show the numbers</summary>"
        '<div class="table-responsive"><table class="table table-sm mb-0">'
        f"<caption>{_text(table.caption)}</caption>"
        f"<thead><tr>{headers}</tr></thead><tbody>{rows}</tbody></table></div></details>"
    )
