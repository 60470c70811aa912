"""PainSelect draws in Python exactly what Django's Select draws through its templates."""

from __future__ import annotations

import re

import pytest
from django import forms

from sessions.forms import PAIN_CHOICES
from sessions.widgets import PainRadios, PainSelect


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
    """Radio buttons styled as buttons, 0–10 and "Not rated", working without JavaScript: each
    radio inside its label, which names it."""
    from sessions.log_form import EntryForm

    assert isinstance(EntryForm.base_fields["pain"].widget, PainRadios)
    html = PainRadios(choices=EntryForm.base_fields["pain"].choices).render("toe-pain", None)
    assert html.startswith('<div class="pain-scale" id="id_toe-pain">')
    assert html.count('type="radio"') == html.count('name="toe-pain"') == 12
    assert html.count("<label") == 12
    assert '<input type="radio" value="" checked name="toe-pain">Not rated</label>' in html
    assert html.count(" checked") == 1
    assert '<label title="10 · worst imaginable"><input type="radio" value="10" ' in html
    assert '<label><input type="radio" value="3" name="toe-pain">3</label>' in html  # no tooltip
    chosen = PainRadios(choices=EntryForm.base_fields["pain"].choices).render("toe-pain", 4)
    assert 'value="4" checked name="toe-pain">4</label>' in chosen
    assert chosen.count(" checked") == 1


def test_pain_options_are_escaped_and_the_scale_names_each_input():
    html = PainRadios(choices=[("", "Not rated"), ('"><b>', "<i>x</i>")]).render('a"b', '"><b>')
    assert "<b>" not in html and "<i>" not in html
    assert html.count('name="a&quot;b"') == 2
    assert 'value="&quot;&gt;&lt;b&gt;" checked' in html
