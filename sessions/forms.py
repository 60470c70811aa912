from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache as cache_once
from functools import cached_property

from crispy_forms.bootstrap import InlineCheckboxes, InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row, Submit
from crispy_forms.utils import render_crispy_form
from django import forms
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from exercises.models import Exercise, Measure

from .bounds import EARLIEST_PERFORMED_AT, clamp_filter_date
from .models import Comment, Entry, TightSpot, TrainingSession
from .widgets import PainSelect

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
        widget=forms.CheckboxSelectMultiple,
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
            "side": forms.RadioSelect,
            "heel_drop_leg": forms.RadioSelect,
            "heel_drop_knee": forms.RadioSelect,
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

    @cached_property
    def helper(self) -> FormHelper:
        """Built when the form is drawn: a valid save never draws it."""
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = self._layout()
        return helper

    def _pair(self, left: str, right: str) -> Row | None:
        if left not in self.fields:
            return None
        return Row(Column(left, css_class="col-6"), Column(right, css_class="col-6"))

    def _layout(self) -> Layout:
        parts = [
            Field("done", wrapper_class="form-switch"),
            InlineRadios("side") if "side" in self.fields else None,
            self._pair("sets_done", "reps_done"),
            "duration_seconds" if "duration_seconds" in self.fields else None,
            self._pair("pain_left", "pain_right") or "pain",
            self._pair("wall_distance_left_cm", "wall_distance_right_cm"),
            InlineRadios("heel_drop_leg") if "heel_drop_leg" in self.fields else None,
            InlineRadios("heel_drop_knee") if "heel_drop_knee" in self.fields else None,
            InlineCheckboxes("tight_spots"),
            "tight_spot_other",
            "notes",
        ]
        return Layout(*(part for part in parts if part is not None))

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

    Each form is built when first asked for: a log form shown blank is mostly drawn from the
    cache (see drill_cards), and needs none of them.
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

    @property
    def is_blank(self) -> bool:
        """A new log, not submitted, not filled in from elsewhere: the same for everyone."""
        return self.data is None and self.instance is None and not self.initial

    def show_last_measures(self, hints: dict[int, str]) -> None:
        """Each drill's "last time: …" hint, by drill id; set once the form is to be shown."""
        self.hints = hints

    def session_fields(self) -> str:
        if self.is_blank:
            return blank_session_fields(self.session_form)
        return render_crispy_form(self.session_form)

    def drill_cards(self) -> list[str]:
        """Each drill's card, drawn."""
        if self.is_blank:
            return self._blank_drill_cards()
        cards = [
            DrillCard(
                drill=form.drill,
                fields=render_crispy_form(form),
                last_measure=self.hints.get(form.drill.pk, ""),
                has_errors=bool(form.errors),
                non_field_errors=form.non_field_errors(),
            )
            for form in self.entry_forms
        ]
        return [draw_card(card, number, self.guided) for number, card in enumerate(cards, 1)]

    def _blank_drill_cards(self) -> list[str]:
        """A blank card is the same HTML for everyone who has the same "last time" hint: drawn
        once per version of the drill, then read from the cache."""
        hints = [self.hints.get(drill.pk, "") for drill in self.drills]
        keys = [
            blank_key("drill-card", drill, number, self.guided, hint)
            for number, (drill, hint) in enumerate(zip(self.drills, hints, strict=True), 1)
        ]
        drawn = cache.get_many(keys)
        cards = []
        for number, (drill, hint, key) in enumerate(zip(self.drills, hints, keys, strict=True), 1):
            if key not in drawn:
                card = DrillCard(drill, self._blank_fields(drill), hint)
                drawn[key] = draw_card(card, number, self.guided)
                cache.set(key, drawn[key], BLANK_TIMEOUT)
            cards.append(mark_safe(drawn[key]))  # noqa: S308 - escaped when drawn
        return cards

    def _blank_fields(self, drill: Exercise) -> str:
        """Kept apart from the card: a new hint draws a new card, and crispy-forms takes ~4 ms
        to draw the fields inside it, which are the same whatever the hint."""
        key = blank_key("drill-fields", drill)
        fields = cache.get(key)
        if fields is None:
            fields = render_crispy_form(self._entry_form(drill))
            cache.set(key, fields, BLANK_TIMEOUT)
        return mark_safe(fields)  # noqa: S308 - escaped when drawn

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


@dataclass(frozen=True)
class DrillCard:
    """What the log form shows for one drill: its entry form drawn, and what goes around it."""

    drill: Exercise
    fields: str
    last_measure: str = ""
    has_errors: bool = False
    non_field_errors: list[str] = field(default_factory=list)


# What is cached changes only with what it shows; a day bounds what an unforeseen input
# could leave behind.
BLANK_TIMEOUT = 24 * 60 * 60


def blank_key(kind: str, drill: Exercise, *shown) -> str:
    """Changes with whatever a blank card shows: any of the drill's values (an admin's edit of
    its name, dosage, measure…) and what else is shown. The code that draws it is in the
    cache's key prefix (config/release.py)."""
    values = [getattr(drill, f.attname) for f in drill._meta.concrete_fields]
    digest = hashlib.sha256(repr((values, shown)).encode())
    return f"log-form:{kind}:{digest.hexdigest()}"


def draw_card(card: DrillCard, number: int, guided: bool) -> str:
    context = {"card": card, "drill": card.drill, "number": number, "guided": guided}
    return render_to_string("sessions/session_form.html#drill_card", context)


# Stand-ins for what a blank session's fields show that changes with each request.
_NOW, _LATEST, _TOKEN = "now-0b6c1f", "latest-9a4d2e", "token-5e2d7a"


def blank_session_fields(form: SessionForm) -> str:
    """A new session's fields as crispy-forms draws them (~2 ms), from a copy drawn once per
    process: only the time (default and latest allowed) and the submission token differ."""
    values = {
        _NOW: form["performed_at"].value(),
        _LATEST: form.fields["performed_at"].widget.attrs["max"],
        _TOKEN: form["submission_token"].value(),
    }
    html = _blank_session_fields_drawn()
    for stand_in, value in values.items():
        html = html.replace(stand_in, escape(value))
    return mark_safe(html)  # noqa: S308 - crispy escaped the rest


@cache_once
def _blank_session_fields_drawn() -> str:
    form = SessionForm(prefix="session", initial={"performed_at": _NOW, "submission_token": _TOKEN})
    form.fields["performed_at"].widget.attrs["max"] = _LATEST
    return render_crispy_form(form)


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
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    drill = forms.ModelChoiceField(
        queryset=Exercise.objects.in_routine_order(),
        required=False,
        empty_label="Any drill",
        to_field_name="slug",
    )

    def __init__(self, *args, drill_choices: tuple | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Read once, as the options and as the key of the blank form's markup (history_context).
        if drill_choices is None:
            drill_choices = tuple(self.fields["drill"].queryset.values_list("slug", "name"))
        self.drill_choices = drill_choices
        self.fields["drill"].choices = [("", "Any drill"), *drill_choices]

    @cached_property
    def helper(self) -> FormHelper:
        """Built when crispy draws the form: most visits show the blank form from the cache."""
        helper = FormHelper()
        helper.form_method = "get"
        helper.disable_csrf = True
        helper.layout = Layout(
            Row(
                Column("date_from", css_class="col-6 col-md-3"),
                Column("date_to", css_class="col-6 col-md-3"),
                Column("drill", css_class="col-12 col-md-4"),
                Column(
                    Submit("", "Apply", css_class="btn-outline-primary w-100"),
                    css_class="col-12 col-md-2 d-flex align-items-end mb-3",
                ),
            )
        )
        return helper

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
