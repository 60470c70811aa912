"""Widgets drawn in Python where Django's templates are too slow for how often they are drawn."""

from __future__ import annotations

from django import forms
from django.utils.html import format_html, format_html_join


class PainSelect(forms.Select):
    """The same <select> as Django's Select, for a flat list of choices, built without templates.

    Django draws each option through two template includes: about 1 ms for the twelve steps of
    the pain scale. The history shows one per session and the log form up to eight, which made
    this half of the history page's time.
    """

    def render(self, name, value, attrs=None, renderer=None) -> str:
        selected = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '\n  <option value="{}"{}>{}</option>',
            (
                (str(choice), " selected" if str(choice) in selected else "", label)
                for choice, label in self.choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            name,
            _attributes(self.build_attrs(self.attrs, attrs)),
            options,
        )


def _attributes(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: in order, True as a bare name, False left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class InlineOptions:
    """Bootstrap's inline radios or checkboxes, drawn in Python like PainSelect.

    Django draws each option through template includes; the log form shows some forty options.
    """

    def render(self, name, value, attrs=None, renderer=None) -> str:
        selected = {str(v) for v in self.format_value(value)}
        attrs = self.build_attrs(self.attrs, attrs)
        base_id = attrs.pop("id", f"id_{name}")
        invalid = " is-invalid" if "is-invalid" in attrs.get("class", "") else ""
        return format_html_join(
            "",
            '<div class="form-check form-check-inline">'
            '<input class="form-check-input{}" type="{}" name="{}" value="{}" id="{}_{}"{}>'
            '<label class="form-check-label" for="{}_{}">{}</label></div>',
            (
                (invalid, self.input_type, name, choice, base_id, index,
                 " checked" if str(choice) in selected else "", base_id, index, label)
                for index, (choice, label) in enumerate(self.choices)
            ),
        )  # fmt: skip


class InlineChoices(InlineOptions, forms.RadioSelect):
    pass


class InlineCheckboxes(InlineOptions, forms.CheckboxSelectMultiple):
    pass
