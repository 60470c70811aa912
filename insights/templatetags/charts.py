"""`{{ chart|svg }}` and `{{ chart|numbers }}`: a chart drawn in Python (insights.svg); and
`{{ text|drawn }}`, a text escaped as the charts' are."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from insights import svg as draw
from sessions.markup import escape

register = template.Library()
DRAWERS = {"line": draw.line_chart, "calendar": draw.calendar_chart, "bars": draw.bar_chart}


@register.filter
def svg(chart) -> str:
    return DRAWERS[chart.kind](chart)


@register.filter
def numbers(chart) -> str:
    return draw.numbers(chart)


@register.filter
def drawn(text) -> SafeString:
    """The text escaped by sessions.markup.escape(), which writes a character beyond Latin-1
    (the minus of "−0.5 cm", an arrow) as its reference: the page stays one byte a character."""
    return SafeString(escape(str(text)))
