"""The progress charts as markup, built in Python.

Django's template engine took three quarters of the progress page's time drawing these: each
mark is a dozen variable lookups, and a page has hundreds of marks. Every value goes through
format_html, so what an athlete typed (a tight spot's name) is escaped as in a template.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

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
    if series.shape == "square":
        shape = '<rect class="mark{}" x="{}" y="{}" width="8" height="8" '
        place = lambda m: (m.corner_x, m.corner_y)  # noqa: E731
    else:
        shape = '<circle class="mark{}" cx="{}" cy="{}" r="4.5" '
        place = lambda m: (m.x, m.y)  # noqa: E731
    return format_html_join(
        "",
        shape + 'data-x="{}" data-y="{}" data-value="{}" data-day="{}"/>',
        (
            (" hollow" if m.hollow else "", *place(m), m.x, m.y, m.value, m.day.isoformat())
            for m in series.marks
        ),
    )


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
    cells = format_html_join(
        "",
        '<rect class="day day-{}{}" x="{}" y="{}" width="{}" height="{}" rx="5" '
        'data-day="{}" data-count="{}"/>',
        (
            (c.state, " day-today" if c.today else "", c.x, c.y, chart.cell, chart.cell,
             c.day.isoformat(), c.count)
            for c in chart.cells
        ),
    )  # fmt: skip
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
    rows = format_html_join(
        "",
        "<tr>{}</tr>",
        (
            (
                format_html(
                    '<th scope="row">{}</th>{}',
                    row[0],
                    format_html_join("", "<td>{}</td>", ((cell,) for cell in row[1:])),
                ),
            )
            for row in table.rows
        ),
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
