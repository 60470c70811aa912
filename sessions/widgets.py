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


class PainRadios(forms.RadioSelect):
    """Pain as a row of tap targets, 0–10 and "not rated" (the default), drawn in Python.

    Radio inputs styled as buttons (Bootstrap's btn-check), so the row works without
    JavaScript, and each label is at least 44 × 44 px (static/css/groundwork.css).
    """

    def render(self, name, value, attrs=None, renderer=None) -> str:
        selected = {str(v) for v in self.format_value(value) if v is not None}
        selected = selected or {""}
        attrs = self.build_attrs(self.attrs, attrs)
        base_id = attrs.pop("id", f"id_{name}")
        described = attrs.get("aria-describedby")
        options = format_html_join(
            "",
            '<input type="radio" class="btn-check" name="{}" value="{}" id="{}_{}"{}{}>'
            '<label class="btn btn-outline-secondary pain-option{}" for="{}_{}"{}>{}</label>',
            (
                (name, choice, base_id, index, " checked" if str(choice) in selected else "",
                 format_html(' aria-describedby="{}"', described) if described else "",
                 " pain-unrated" if choice == "" else "", base_id, index,
                 format_html(' title="{}"', label) if choice != "" else "",
                 "Not rated" if choice == "" else choice)
                for index, (choice, label) in enumerate(self.choices)
            ),
        )  # fmt: skip
        return format_html('<div class="pain-scale" id="{}">{}</div>', base_id, options)


class VariantChoices(InlineChoices):
    """The drill's variants as radios, each saying whether it is done one side at a time and
    whether it is for after a run only, for guided.js and the log form's script."""

    def __init__(self, *args, variants=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.variants = {str(variant.pk): variant for variant in variants}

    def render(self, name, value, attrs=None, renderer=None) -> str:
        selected = {str(v) for v in self.format_value(value)}
        attrs = self.build_attrs(self.attrs, attrs)
        base_id = attrs.pop("id", f"id_{name}")
        invalid = " is-invalid" if "is-invalid" in attrs.get("class", "") else ""
        rows = []
        for index, (choice, label) in enumerate(self.choices):
            variant = self.variants.get(str(choice))
            per_side = "true" if variant is not None and variant.per_side else "false"
            note = " (after a run only)" if variant is not None and variant.post_run_only else ""
            rows.append(
                (invalid, name, choice, base_id, index, per_side,
                 " checked" if str(choice) in selected else "", base_id, index, label, note)
            )  # fmt: skip
        return format_html_join(
            "",
            '<div class="form-check form-check-inline">'
            '<input class="form-check-input{}" type="radio" name="{}" value="{}" id="{}_{}"'
            ' data-per-side="{}"{}>'
            '<label class="form-check-label" for="{}_{}">{}{}</label></div>',
            rows,
        )


class NumberBox(forms.NumberInput):
    """Django's NumberInput, drawn in Python like PainSelect: the log form shows some forty of
    them (each part, each side), and each went through two template includes."""

    def render(self, name, value, attrs=None, renderer=None) -> str:
        value = self.format_value(value)
        return format_html(
            '<input type="number" name="{}"{}{}>',
            name,
            format_html(' value="{}"', value) if value not in (None, "") else "",
            _attributes(self.build_attrs(self.attrs, attrs)),
        )
