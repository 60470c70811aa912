from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.html import format_html_join

from exercises.models import Exercise, Measure

from .bounds import EARLIEST_PERFORMED_AT, clamp_filter_date
from .models import Comment, Entry, TightSpot, TrainingSession
from .widgets import InlineCheckboxes, InlineChoices, PainSelect

PAIN_ANCHORS = {0: "no pain", 1: "mild", 4: "moderate", 7: "severe", 10: "worst imaginable"}
PAIN_CHOICES = [("", "Not rated")] + [
    (str(score), f"{score} · {PAIN_ANCHORS[score]}" if score in PAIN_ANCHORS else str(score))
    for score in range(11)
]
# A phone's clock may run a little ahead of the server's.
FUTURE_TOLERANCE = timedelta(minutes=5)


def pain_field(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        # A callable: every form's copy of the field shares it, where a list of pairs is
        # deep-copied for each form (a quarter of building a routine's forms on each save).
        choices=lambda: PAIN_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=PainSelect,
    )


def local_now_input() -> str:
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


class FieldsHoldTheChecks:
    """For a ModelForm whose fields already refuse every value its model's CheckConstraints
    refuse (pain 0–10, no negative count or distance), each with a message at the field.

    Django would check each constraint again by asking the database, one query per constraint
    per form: 21 of the 30 queries that saving a routine made. The database still enforces
    every constraint on write; tests/test_sessions_log.py keeps constraints and fields in step.
    """

    def validate_constraints(self) -> None:
        return


class SessionForm(FieldsHoldTheChecks, forms.ModelForm):
    submission_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = TrainingSession
        fields = ("performed_at", "timing", "run_type", "run_distance_km", "notes")
        widgets = {
            "performed_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "timing": forms.RadioSelect,
            "run_distance_km": forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal"}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"timing": "Routine done", "notes": "Notes on the session"}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["performed_at"].initial = local_now_input
            self.fields["submission_token"].initial = uuid.uuid4
        else:
            del self.fields["submission_token"]
        self.fields["performed_at"].widget.attrs["max"] = local_now_input()
        self.fields["run_type"].label = "The run it prepares (optional)"
        self.fields["run_type"].choices = [
            ("", "None"),
            *self.fields["run_type"].choices[1:],
        ]

    @cached_property
    def helper(self) -> FormHelper:
        """Built when the form is drawn: a valid save never draws it."""
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = Layout(
            Row(
                Column("performed_at", css_class="col-12 col-sm-6"),
                Column(InlineRadios("timing"), css_class="col-12 col-sm-6"),
            ),
            Row(
                Column("run_type", css_class="col-7 col-sm-6"),
                Column("run_distance_km", css_class="col-5 col-sm-6"),
            ),
            "notes",
            *(["submission_token"] if "submission_token" in self.fields else []),
        )
        return helper

    def clean_performed_at(self) -> datetime:
        performed_at = self.cleaned_data["performed_at"]
        # By its year first: a year-1 time is not even comparable with now in every zone.
        if performed_at.year < EARLIEST_PERFORMED_AT.year or performed_at < EARLIEST_PERFORMED_AT:
            raise forms.ValidationError("That is too long ago. Check the year.")
        if performed_at > timezone.now() + FUTURE_TOLERANCE:
            raise forms.ValidationError(
                "That time is in the future. Log a routine once it is done."
            )
        return performed_at


class EntryForm(FieldsHoldTheChecks, forms.ModelForm):
    """One drill's notes. Shows only the fields that make sense for that drill."""

    tight_spots = forms.MultipleChoiceField(
        choices=lambda: TightSpot.choices,  # shared by every copy, as in pain_field
        widget=InlineCheckboxes,
        required=False,
    )
    pain = pain_field("Pain")
    pain_left = pain_field("Pain, left")
    pain_right = pain_field("Pain, right")

    class Meta:
        model = Entry
        fields = (
            "done",
            "side",
            "sets_done",
            "reps_done",
            "duration_seconds",
            "pain",
            "pain_left",
            "pain_right",
            "wall_distance_left_cm",
            "wall_distance_right_cm",
            "heel_drop_leg",
            "heel_drop_knee",
            "tight_spots",
            "tight_spot_other",
            "notes",
        )
        labels = {"done": "Done"}
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 2}),
            "sets_done": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "reps_done": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "duration_seconds": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "wall_distance_left_cm": forms.NumberInput(
                attrs={"step": "0.5", "inputmode": "decimal"}
            ),
            "wall_distance_right_cm": forms.NumberInput(
                attrs={"step": "0.5", "inputmode": "decimal"}
            ),
            "side": InlineChoices,
            "heel_drop_leg": InlineChoices,
            "heel_drop_knee": InlineChoices,
        }

    def __init__(self, *args, drill: Exercise, **kwargs) -> None:
        # Django deep-copies every base field for each form, choices and all: most of the cost
        # of building a routine's seven forms. Copy only the fields this drill shows.
        dropped = self._not_shown(drill, kwargs.get("instance"))
        self.base_fields = {k: v for k, v in self.base_fields.items() if k not in dropped}
        super().__init__(*args, **kwargs)
        self.drill = drill
        if drill.measure == Measure.HEEL_DROP_VARIANT:
            for name in ("heel_drop_leg", "heel_drop_knee"):
                self.fields[name].choices = self.fields[name].choices[1:]  # no "---------"
        if drill.is_timed and "duration_seconds" in self.fields:
            self.fields["duration_seconds"].help_text = f"Aim: {drill.dosage}"
        self.fields["tight_spot_other"].widget.attrs["placeholder"] = "Somewhere else?"
        for bound in self:
            widget = bound.field.widget
            if not isinstance(widget, InlineChoices | forms.CheckboxInput):
                css = "form-select" if isinstance(widget, forms.Select) else "form-control"
                widget.attrs["class"] = css
            if bound.help_text:
                widget.attrs["aria-describedby"] = f"{bound.auto_id}_helptext"

    @staticmethod
    def _not_shown(drill: Exercise, instance: Entry | None) -> set[str]:
        """The fields that make no sense for this drill, unless the entry has a value there."""

        def unless_recorded(*names: str) -> set[str]:
            recorded = instance is not None and any(
                getattr(instance, name) is not None for name in names
            )
            return set() if recorded else set(names)

        dropped = set()
        if not drill.has_reps:
            dropped |= unless_recorded("sets_done", "reps_done")
        if not drill.is_timed:
            dropped |= unless_recorded("duration_seconds")
        if drill.per_side:
            dropped |= {"pain"}
        else:
            dropped |= {"side", "pain_left", "pain_right"}
        if drill.measure != Measure.WALL_DISTANCE:
            dropped |= {"wall_distance_left_cm", "wall_distance_right_cm"}
        if drill.measure != Measure.HEEL_DROP_VARIANT:
            dropped |= {"heel_drop_leg", "heel_drop_knee"}
        return dropped

    def clean(self) -> dict:
        cleaned = super().clean()
        if not cleaned.get("done"):
            return cleaned
        if self.drill.measure == Measure.HEEL_DROP_VARIANT:
            for name in ("heel_drop_leg", "heel_drop_knee"):
                if not cleaned.get(name):
                    self.add_error(name, "Say which variant you did.")
        return cleaned


class RoutineForm:
    """The session form and one entry form per drill, validated and saved together.

    The session's fields are drawn by crispy-forms; each drill's card by hand, in the
    template's `drill_card` partial, which crispy took a dozen times longer to draw.
    """

    def __init__(
        self,
        *,
        drills: list[Exercise],
        data=None,
        instance: TrainingSession | None = None,
        entries: dict[int, Entry] | None = None,
        initial: dict | None = None,
        guided: bool = False,
    ) -> None:
        self.drills = drills
        self.guided = guided  # drawn one drill at a time: each card shows the drill's steps
        self.data = data
        self.instance = instance
        self.initial = initial or {}
        self.existing_entries = entries or {}
        self.hints: dict[int, str] = {}
        self.non_form_errors: list[str] = []

    @cached_property
    def session_form(self) -> SessionForm:
        return SessionForm(
            self.data, instance=self.instance, prefix="session", initial=self.initial.get("session")
        )

    @cached_property
    def entry_forms(self) -> list[EntryForm]:
        return [self._entry_form(drill) for drill in self.drills]

    def _entry_form(self, drill: Exercise) -> EntryForm:
        entry = self.existing_entries.get(drill.pk)
        return EntryForm(
            self.data,
            drill=drill,
            instance=entry,
            prefix=drill.slug,
            # An existing entry speaks for itself; a new one starts from what is given or from
            # the prescription.
            initial=None if entry else self.initial.get(drill.pk, _dosage_defaults(drill)),
        )

    def show_last_measures(self, hints: dict[int, str]) -> None:
        """Each drill's "last time: …" hint, by drill id; set once the form is to be shown."""
        self.hints = hints

    def cards(self) -> list[DrillCard]:
        return [
            DrillCard(form.drill, form, number, self.hints.get(form.drill.pk, ""))
            for number, form in enumerate(self.entry_forms, 1)
        ]

    def is_valid(self) -> bool:
        # Validate every form, not just up to the first failure, so all errors show at once.
        results = [form.is_valid() for form in (self.session_form, *self.entry_forms)]
        valid = all(results)
        if not any(form.cleaned_data.get("done") for form in self.entry_forms):
            self.non_form_errors.append(
                "Tick “Done” on at least one drill: a routine with no drill done is not logged."
            )
            valid = False
        return valid

    @property
    def error_count(self) -> int:
        if self.data is None:
            return 0  # nothing submitted, nothing to build the forms for
        forms_ = [self.session_form, *self.entry_forms]
        return sum(len(form.errors) for form in forms_) + len(self.non_form_errors)

    def session(self) -> TrainingSession:
        return self.session_form.save(commit=False)

    def entries(self) -> list[Entry]:
        built = []
        editing = self.session_form.instance.pk is not None
        for form in self.entry_forms:
            if editing and form.instance.pk is None and not form.cleaned_data.get("done"):
                continue  # a drill added to the routine since: not part of this session
            entry = form.save(commit=False)
            entry.exercise = form.drill
            built.append(entry)
        return built

    @property
    def submission_token(self) -> uuid.UUID | None:
        return self.session_form.cleaned_data.get("submission_token")


def _dosage_defaults(drill: Exercise) -> dict:
    """A new log starts from the prescription, so a routine done as written is one tap."""
    defaults: dict = {"done": True}
    if drill.has_reps:
        defaults |= {"sets_done": drill.sets, "reps_done": drill.reps}
    if drill.measure == Measure.HEEL_DROP_VARIANT:
        defaults |= {"heel_drop_leg": "double", "heel_drop_knee": "both"}
    return defaults


@dataclass
class DrillCard:
    """What the log form shows for one drill: its entry form, and what goes around it."""

    drill: Exercise
    form: EntryForm
    number: int
    last_measure: str = ""

    @cached_property
    def fields(self) -> dict:
        """The bound fields this drill shows, by name; the template asks for each by name."""
        fields = {name: self.form[name] for name in self.form.fields}
        for name in self.form.errors if self.form.is_bound else ():
            if name in fields:
                widget = fields[name].field.widget
                widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"
        return fields


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


class HistoryFilterForm(forms.Form):
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
        self.fields["drill"].choices = [
            ("", "Any drill"),
            *self.fields["drill"].queryset.values_list("slug", "name"),
        ]

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
