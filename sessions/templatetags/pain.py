"""Template filters that ask the pain model (sessions.pain) what a score means."""

from __future__ import annotations

from django import template

from sessions import pain as model

register = template.Library()


@register.filter
def pain_band(value: int | None) -> str:
    """ "low", "mid" or "high": the colour a score is shown in."""
    return model.band(value)
