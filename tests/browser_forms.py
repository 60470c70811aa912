"""Submit Django forms the way a browser would: every field with the value it shows."""

from __future__ import annotations

from django import forms
from django.forms.widgets import ChoiceWidget


def form_values(*forms_: forms.Form) -> dict:
    data: dict = {}
    for form in forms_:
        for bound in form:
            widget = bound.field.widget
            value = bound.value()
            if isinstance(widget, forms.CheckboxInput):
                if widget.check_test(value):
                    data[bound.html_name] = "on"
            elif isinstance(widget, forms.CheckboxSelectMultiple):
                data[bound.html_name] = [str(v) for v in value or []]
            elif isinstance(widget, ChoiceWidget):
                selected = widget.format_value(value)
                data[bound.html_name] = selected[0] if selected else ""
            else:
                formatted = widget.format_value(value)
                data[bound.html_name] = "" if formatted is None else str(formatted)
    return data


def routine_values(response) -> dict:
    """The log form as it shows, and, where no pain is rated, the answer "save without
    rating" to the question that would come first (tests/sessions/test_pain_question.py)."""
    routine = response.context["form"]
    return form_values(routine.session_form, *routine.entry_forms) | {"unrated_ok": "1"}
