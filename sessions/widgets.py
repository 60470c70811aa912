"""Widgets drawn in Python where Django's templates are too slow for how often they are drawn.

The log form shows some 80 fields and 200 options; Django draws each through template
includes, and its lazy-aware escape() wraps every value. These build the same markup with
f-strings, and escape every value with the standard library's escape(), which is what
Django's calls in the end.
"""

from __future__ import annotations

from functools import lru_cache

from django import forms
from django.utils.safestring import SafeString

from .markup import escape


def attributes(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: in order, True as a bare name, False left out."""
    try:
        return attributes_of(tuple(attrs.items()))
    except TypeError:  # a value that cannot be a key (a list): drawn as it comes
        return attributes_of.__wrapped__(tuple(attrs.items()))


@lru_cache(maxsize=1024)
def attributes_of(items: tuple) -> str:
    """A widget's attributes, escaped once for each set of them. They are the form's own
    (classes, ids, bounds), never what a person typed, so a page's hundred-odd sets are
    the same from one view to the next; the cache is bounded all the same."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(str(value))}"'
        for name, value in items
        if value is not False and value is not None
    )


def drawn(html: str) -> SafeString:
    # What mark_safe() makes of a str, without its check for a lazy string (70 a page).
    return SafeString(html)  # every value in it went through escape()


class DrawnInput:
    """<input> as Django's Input draws it."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        value = self.format_value(value)
        shown = f' value="{escape(str(value))}"' if value not in (None, "") else ""
        extra = attributes(self.build_attrs(self.attrs, attrs))
        return drawn(f'<input type="{self.input_type}" name="{escape(name)}"{shown}{extra}>')


class TextBox(DrawnInput, forms.TextInput):
    pass


class NumberBox(DrawnInput, forms.NumberInput):
    pass


class HiddenBox(DrawnInput, forms.HiddenInput):
    pass


class MomentBox(DrawnInput, forms.DateTimeInput):
    input_type = "datetime-local"


class TextArea(forms.Textarea):
    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        value = self.format_value(value) or ""
        extra = attributes(self.build_attrs(self.attrs, attrs))
        # The newline keeps a value's own leading newline, as Django's template does.
        return drawn(f'<textarea name="{escape(name)}"{extra}>\n{escape(value)}</textarea>')


class Switch(forms.CheckboxInput):
    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        attrs = self.build_attrs(self.attrs, attrs)
        if self.check_test(value):
            attrs["checked"] = True
        return drawn(f'<input type="checkbox" name="{escape(name)}"{attributes(attrs)}>')


class PainSelect(forms.Select):
    """The same <select> as Django's Select, for a flat list of choices."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        selected = {str(v) for v in self.format_value(value)}
        options = "".join(
            f'\n  <option value="{escape(str(choice))}"'
            f"{' selected' if str(choice) in selected else ''}>{escape(str(label))}</option>"
            for choice, label in self.choices
        )
        extra = attributes(self.build_attrs(self.attrs, attrs))
        return drawn(f'<select name="{escape(name)}"{extra}>{options}\n</select>')


class InlineOptions:
    """Bootstrap's inline radios or checkboxes."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        selected = {str(v) for v in self.format_value(value)}
        attrs = self.build_attrs(self.attrs, attrs)
        base_id = escape(attrs.pop("id", f"id_{name}"))
        invalid = " is-invalid" if "is-invalid" in attrs.get("class", "") else ""
        name = escape(name)
        return drawn(
            "".join(
                f'<div class="form-check form-check-inline">'
                f'<input class="form-check-input{invalid}" type="{self.input_type}" '
                f'name="{name}" value="{value}" id="{base_id}_{index}"'
                f"{' checked' if choice in selected else ''}>"
                f'<label class="form-check-label" for="{base_id}_{index}">'
                f"{label}</label></div>"
                for index, (choice, value, label) in enumerate(escaped(tuple(self.choices)))
            )
        )


@lru_cache(maxsize=64)
def escaped(choices: tuple) -> list[tuple[str, str, str]]:
    """Each choice as text, and its value and label escaped: once for a set of choices (the
    tight spots, the session's timing: the form's own words, nobody's data; bounded)."""
    return [(str(choice), escape(str(choice)), escape(str(label))) for choice, label in choices]


class InlineChoices(InlineOptions, forms.RadioSelect):
    pass


class InlineCheckboxes(InlineOptions, forms.CheckboxSelectMultiple):
    pass


class PainRadios(forms.RadioSelect):
    """Pain as a row of tap targets, 0–10 and "not rated" (the default).

    Each radio input inside its label, the label drawn as a button by static/css/groundwork.css
    (at least 44 × 44 px, the checked one filled, the focused one ringed), so the row works
    without JavaScript and needs no id for each option. Bootstrap's btn-check drew the same
    with an input, an id and three classes beside each label: half of the log form's bytes.
    """

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        selected = {str(v) for v in self.format_value(value) if v is not None} or {""}
        attrs = self.build_attrs(self.attrs, attrs)
        base_id = escape(attrs.pop("id", f"id_{name}"))
        described = attrs.get("aria-describedby")
        described = f' aria-describedby="{escape(described)}"' if described else ""
        options = pain_scale(tuple(self.choices), frozenset(selected))
        # Each option's input takes the same name: one join puts it between the pieces.
        named = f' name="{escape(name)}"{described}'
        return drawn(f'<div class="pain-scale" id="{base_id}">{named.join(options)}</div>')


@lru_cache(maxsize=64)
def pain_scale(choices: tuple, selected: frozenset) -> tuple[str, ...]:
    """A pain scale's options as PainRadios draws them, in pieces that each input's name goes
    between. Worked out once for a set of choices and the one chosen (static text, nobody's
    data: a log form draws ten scales of twelve, of a dozen ways to choose; bounded)."""
    pieces = [""]
    for choice, label in choices:
        choice, label = str(choice), str(label)
        unrated = ' class="pain-unrated"' if choice == "" else ""
        # Only the anchors ("4 · moderate") say more than their number.
        title = f' title="{escape(label)}"' if choice and label != choice else ""
        checked = " checked" if choice in selected else ""
        value = escape(choice)
        pieces[-1] += f'<label{unrated}{title}><input type="radio" value="{value}"{checked}'
        pieces.append(f">{value or 'Not rated'}</label>")
    return tuple(pieces)


class VariantChoices(InlineChoices):
    """The drill's variants as radios, each saying whether it is done one side at a time and
    whether it is for after a run only, for guided.js and the log form's script."""

    def __init__(self, *args, variants=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.variants = {str(variant.pk): variant for variant in variants}

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        selected = {str(v) for v in self.format_value(value)}
        attrs = self.build_attrs(self.attrs, attrs)
        base_id = escape(attrs.pop("id", f"id_{name}"))
        invalid = " is-invalid" if "is-invalid" in attrs.get("class", "") else ""
        name = escape(name)
        rows = []
        for index, (choice, label) in enumerate(self.choices):
            variant = self.variants.get(str(choice))
            per_side = "true" if variant is not None and variant.per_side else "false"
            note = " (after a run only)" if variant is not None and variant.post_run_only else ""
            checked = " checked" if str(choice) in selected else ""
            rows.append(
                f'<div class="form-check form-check-inline">'
                f'<input class="form-check-input{invalid}" type="radio" name="{name}" '
                f'value="{escape(str(choice))}" id="{base_id}_{index}" '
                f'data-per-side="{per_side}"{checked}>'
                f'<label class="form-check-label" for="{base_id}_{index}">'
                f"{escape(str(label))}{note}</label></div>"
            )
        return drawn("".join(rows))
