"""PainSelect draws in Python exactly what Django's Select draws through its templates."""

from __future__ import annotations

import re

import pytest
from django import forms

from sessions.forms import PAIN_CHOICES
from sessions.widgets import PainSelect


def squeezed(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("value", [None, "", 0, 3, "7", 10, 99])
@pytest.mark.parametrize(
    "attrs",
    [
        None,
        {"id": "id_pain", "class": "form-select"},
        {"id": "id_x", "aria-describedby": "id_x_helptext", "required": True, "disabled": False},
    ],
)
def test_same_html_as_djangos_select(value, attrs):
    django_select = forms.Select(choices=PAIN_CHOICES)
    pain_select = PainSelect(choices=PAIN_CHOICES)

    expected = django_select.render("pain", value, attrs=attrs)
    drawn = pain_select.render("pain", value, attrs=attrs)

    assert squeezed(drawn) == squeezed(expected)


def test_labels_and_values_are_escaped():
    select = PainSelect(choices=[('"><script>', "<b>bold</b>")])
    html = select.render("x", None)
    assert "<script>" not in html and "<b>" not in html


def test_the_morning_after_form_uses_it(athlete_client, drills):
    from sessions.forms import MorningAfterForm

    assert isinstance(MorningAfterForm.base_fields["morning_after_pain"].widget, PainSelect)


def test_the_log_form_draws_pain_as_tap_targets_not_rated_by_default(athlete_client, drills):
    """Radio buttons styled as buttons, 0–10 and "Not rated", working without JavaScript."""
    from sessions.forms import EntryForm
    from sessions.widgets import PainRadios

    assert isinstance(EntryForm.base_fields["pain"].widget, PainRadios)
    html = PainRadios(choices=EntryForm.base_fields["pain"].choices).render("toe-pain", None)
    assert html.count('type="radio"') == 12
    assert 'value="" id="id_toe-pain_0" checked' in html
    assert ">Not rated</label>" in html and 'title="10 · worst imaginable">10</label>' in html
    assert 'for="id_toe-pain_4">3</label>' in html  # a plain number has no tooltip to add
    chosen = PainRadios(choices=EntryForm.base_fields["pain"].choices).render("toe-pain", 4)
    assert 'value="4" id="id_toe-pain_5" checked' in chosen
    assert 'value="" id="id_toe-pain_0" checked' not in chosen
