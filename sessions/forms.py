"""The log's small forms: the morning after, a comment, the history's filters, and the pain
scale every pain field offers. The routine's own form lives in sessions/log_form.py."""

from __future__ import annotations

import copy

from django import forms
from django.utils.html import format_html_join

from exercises.models import Exercise, drill_menu

from .bounds import clamp_filter_date
from .models import Comment, TrainingSession
from .widgets import PainRadios, PainSelect

PAIN_ANCHORS = {0: "no pain", 1: "mild", 4: "moderate", 7: "severe", 10: "worst imaginable"}
PAIN_CHOICES = [("", "Not rated")] + [
    (str(score), f"{score} · {PAIN_ANCHORS[score]}" if score in PAIN_ANCHORS else str(score))
    for score in range(11)
]


def pain_field(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        # A plain list: the entry forms (log_form) share their fields rather than copy them.
        choices=PAIN_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=PainRadios,
    )


def pain_options() -> str:
    """The pain scale's <option>s with none chosen, for selects drawn by hand in a list."""
    return format_html_join("", '<option value="{}">{}</option>', PAIN_CHOICES)


class MorningAfterForm(forms.ModelForm):
    morning_after_pain = forms.TypedChoiceField(
        label="Morning-after pain",
        choices=PAIN_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        help_text="How the worked area feels the next morning, 0–10.",
        # The classes crispy gave it; the templates now draw the field by hand.
        widget=PainSelect(attrs={"class": "painselect form-select"}),
    )

    class Meta:
        model = TrainingSession
        fields = ("morning_after_pain",)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", f"id_morning_after_{kwargs['instance'].pk}_%s")
        super().__init__(*args, **kwargs)


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ("body",)
        labels = {"body": "Add a comment"}
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}


class SharesFields:
    """A form whose instances share their class's fields instead of deep-copying them.

    BaseForm deep-copies every field, widget and choice list for each form so that one form
    may change its own: for a routine's seven forms, most of what building them cost, and the
    history filter's queryset a twentieth of a history page. These forms change no shared
    field. A form that needs a field of its own puts a new one in its
    own `self.fields`; a refused field is marked invalid as it is drawn (drill_cards._widget).
    """

    def __init__(self, *args, **kwargs) -> None:
        self.base_fields = {}  # what BaseForm.__init__ deep-copies
        # Their labels are drawn by hand, without a suffix: none asked of gettext per form.
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields = dict(type(self).base_fields)


class HistoryFilterForm(SharesFields, forms.Form):
    date_from = forms.DateField(
        label="From",
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
    )
    date_to = forms.DateField(
        label="To",
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
    )
    drill = forms.ModelChoiceField(
        queryset=Exercise.objects.in_routine_order(),
        required=False,
        empty_label="Any drill",
        to_field_name="slug",
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The one field of its own: its menu, read on each view.
        drill = self.fields["drill"] = copy.copy(self.fields["drill"])
        drill.widget = copy.copy(drill.widget)
        drill.choices = [("", "Any drill"), *drill_menu()]

    def clean(self) -> dict:
        cleaned = super().clean()
        # Out-of-range dates ask for everything before or after: the same sessions, no overflow.
        for name in ("date_from", "date_to"):
            if name in cleaned:
                cleaned[name] = clamp_filter_date(cleaned[name])
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date comes before the start date.")
        return cleaned
