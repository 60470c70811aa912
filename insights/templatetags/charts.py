"""`{{ chart|svg }}` and `{{ chart|numbers }}`: a chart drawn in Python (insights.svg)."""

from __future__ import annotations

from django import template

from insights import svg as draw

register = template.Library()
DRAWERS = {"line": draw.line_chart, "calendar": draw.calendar_chart, "bars": draw.bar_chart}


@register.filter
def svg(chart) -> str:
    return DRAWERS[chart.kind](chart)


@register.filter
def numbers(chart) -> str:
    return draw.numbers(chart)
