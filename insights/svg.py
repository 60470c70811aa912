"""The progress charts as markup, built in Python.

Django's template engine took three quarters of the progress page's time drawing these: each
mark is a dozen variable lookups, and a page has hundreds of marks. Marks and ticks are
numbers and dates, joined as they are; every text (a title, a label, what an athlete typed as
a tight spot) is escaped, as in a template: with the standard library's escape where there are
thousands, which Django's lazy-aware wrapper around it made a tenth of the page's time.
"""

from __future__ import annotations

from html import escape as escape_text

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from . import charts


def _opening(chart, css: str) -> SafeString:
    return format_html(
        '<svg class="{}" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc" '
        'id="chart-{}" data-chart="{}">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>',
        css,
        chart.frame.width,
        chart.frame.height,
        chart.id,
        chart.id,
        chart.id,
        chart.id,
        chart.id,
        chart.title,
        chart.id,
        chart.summary,
    )


def line_chart(chart: charts.LineChart) -> SafeString:
    frame = chart.frame
    band = (
        format_html(
            '<rect class="band" x="{}" y="{}" width="{}" height="{}"/>',
            frame.plot_left,
            chart.band.y,
            frame.plot_width,
            chart.band.height,
        )
        if chart.band
        else ""
    )
    y_ticks = format_html_join(
        "",
        '<line class="grid" data-tick="{}" x1="{}" x2="{}" y1="{}" y2="{}"/>'
        '<text class="tick" x="{}" dx="-6" y="{}" dy="4" text-anchor="end">{}</text>',
        (
            (t.label, frame.plot_left, frame.plot_right, t.pos, t.pos, frame.plot_left, t.pos,
             t.label)
            for t in chart.y_ticks
        ),
    )  # fmt: skip
    x_ticks = format_html_join(
        "",
        '<line class="grid-x" x1="{}" x2="{}" y1="{}" y2="{}"/>'
        '<text class="tick" x="{}" y="{}" dy="-6" text-anchor="middle">{}</text>',
        (
            (t.pos, t.pos, frame.plot_top, frame.plot_bottom, t.pos, frame.height, t.label)
            for t in chart.x_ticks
        ),
    )
    series = format_html_join(
        "",
        '<g class="series series-{}" data-series="{}">{}{}</g>',
        (
            (
                s.key,
                s.key,
                format_html('<path class="line" d="{}"/>', s.path) if s.path else "",
                _marks(s),
            )
            for s in chart.series
        ),
    )
    return format_html("{}{}{}{}{}</svg>", _opening(chart, "chart"), band, y_ticks, x_ticks, series)


def _marks(series: charts.Series) -> SafeString:
    """Hundreds on a page: f-strings of numbers and dates, and the value escaped."""
    square = series.shape == "square"
    marks = []
    for m in series.marks:
        hollow = " hollow" if m.hollow else ""
        value = escape_text(m.value)
        data = f'data-x="{m.x}" data-y="{m.y}" data-value="{value}" data-day="{m.day}"/>'
        if square:
            marks.append(
                f'<rect class="mark{hollow}" x="{m.corner_x}" y="{m.corner_y}" width="8" '
                f'height="8" {data}'
            )
        else:
            marks.append(f'<circle class="mark{hollow}" cx="{m.x}" cy="{m.y}" r="4.5" {data}')
    return mark_safe("".join(marks))  # noqa: S308 - numbers, dates and an escaped value


def calendar_chart(chart: charts.CalendarChart) -> SafeString:
    header = format_html_join(
        "",
        '<text class="tick" x="{}" y="14" text-anchor="middle">{}</text>',
        ((t.pos, t.label) for t in chart.header),
    )
    rows = format_html_join(
        "",
        '<text class="tick" x="0" y="{}">{}</text>'
        '<text class="total" x="{}" dx="10" y="{}" text-anchor="middle">{}</text>',
        ((r.y, r.label, chart.total_x, r.y, r.total) for r in chart.rows),
    )
    size = chart.cell
    cells = mark_safe(  # noqa: S308 - states are our own words; the rest numbers and dates
        "".join(
            f'<rect class="day day-{c.state}{" day-today" if c.today else ""}" x="{c.x}" '
            f'y="{c.y}" width="{size}" height="{size}" rx="5" data-day="{c.day}" '
            f'data-count="{c.count}"/>'
            for c in chart.cells
        )
    )
    return format_html(
        '{}{}<text class="tick" x="{}" y="14">Total</text>{}{}</svg>',
        _opening(chart, "chart chart-calendar"),
        header,
        chart.total_x,
        rows,
        cells,
    )


def bar_chart(chart: charts.BarChart) -> SafeString:
    left, dy = chart.frame.plot_left, chart.bar_height - 4
    bars = format_html_join(
        "",
        '<text class="tick" x="{}" dx="-8" y="{}" dy="{}" text-anchor="end">{}</text>'
        '<rect class="bar" x="{}" y="{}" width="{}" height="{}" rx="3" data-label="{}" '
        'data-value="{}"/><text class="total" x="{}" y="{}" dy="{}">{}</text>',
        (
            (left, b.y, dy, b.label, left, b.y, b.width, chart.bar_height, b.label, b.value,
             b.value_x, b.y, dy, b.value)
            for b in chart.bars
        ),
    )  # fmt: skip
    return format_html("{}{}</svg>", _opening(chart, "chart chart-bars"), bars)


def numbers(chart) -> SafeString:
    """The chart's figures as a table, folded away: what a screen reader reads instead."""
    table = chart.table
    headers = format_html_join("", '<th scope="col">{}</th>', ((h,) for h in table.headers))
    rows = mark_safe(  # noqa: S308 - every cell escaped
        "".join(
            f'<tr><th scope="row">{escape_text(str(row[0]))}</th>'
            + "".join(f"<td>{escape_text(str(cell))}</td>" for cell in row[1:])
            + "</tr>"
            for row in table.rows
        )
    )
    return format_html(
        '<details class="chart-numbers" data-numbers-for="{}"><summary>Show the numbers</summary>'
        '<div class="table-responsive"><table class="table table-sm mb-0"><caption>{}</caption>'
        "<thead><tr>{}</tr></thead><tbody>{}</tbody></table></div></details>",
        chart.id,
        table.caption,
        headers,
        rows,
    )
