"""sessions.markup.fill: format_html's escaping, which the history and session pages rely on."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from sessions.markup import fill, fill_join

HOSTILE = "<script>alert('x')</script> & \"quoted\""


def test_fill_escapes_as_format_html_does():
    template = '<a title="{}" href="{url}">{label}{badge}</a>'
    values = {"url": "/s/1/?a=1&b=2", "label": 7, "badge": mark_safe("<b>ok</b>")}
    drawn = fill(template, HOSTILE, **values)
    assert drawn == format_html(template, HOSTILE, **values)
    assert isinstance(drawn, SafeString)


def test_fill_join_joins_as_format_html_join_does():
    rows = [(HOSTILE, 1), ("plain", mark_safe("<i>safe</i>"))]
    assert fill_join("\n", "<dt>{}</dt><dd>{}</dd>", rows) == format_html_join(
        "\n", "<dt>{}</dt><dd>{}</dd>", rows
    )
