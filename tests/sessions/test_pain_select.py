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


def test_the_log_form_and_the_morning_after_form_use_it(athlete_client, drills):
    from sessions.forms import EntryForm, MorningAfterForm

    assert isinstance(EntryForm.base_fields["pain"].widget, PainSelect)
    assert isinstance(MorningAfterForm.base_fields["morning_after_pain"].widget, PainSelect)
