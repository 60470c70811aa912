"""Markup drawn in Python for pages that repeat a fragment many times."""

from __future__ import annotations

import html
from collections.abc import Iterable

from django.utils.safestring import SafeData, SafeString


def fill(template: str, *args, **kwargs) -> SafeString:
    """format_html(), every value escaped unless it is safe HTML already, at a third of the
    cost: Django's escape() goes through its lazy-string wrapper for each value, which a
    page of twenty rows of a dozen values each feels."""
    return SafeString(template.format(*map(_escaped, args), **_escaped_values(kwargs)))


def fill_join(separator: str, template: str, rows: Iterable[tuple]) -> SafeString:
    """format_html_join(), with fill()."""
    return SafeString(separator.join(fill(template, *row) for row in rows))


def _escaped(value) -> str:
    return value if isinstance(value, SafeData) else html.escape(str(value))


def _escaped_values(values: dict) -> dict:
    return {name: _escaped(value) for name, value in values.items()}
