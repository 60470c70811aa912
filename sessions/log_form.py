"""The routine's log form: a session form and one entry form per drill, made from the drills'
prescription (parts, sides, variants), validated and saved together (RoutineForm), and drawn
as cards (sessions/drill_cards.py).

Its forms are Django ModelForms made cheaper to build and to check, as a routine has ~75
fields: they share their class's fields (SharesFields), clean from the posted data without a
BoundField each (CleansFromData), and check their instances with the model's own fields
(ChecksWithItsModelFields). tests/sessions/test_log.py holds these to Django's own path.
"""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache, cached_property

from django import forms
from django.forms.utils import pretty_name
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from exercises.models import DrillPart, DrillVariant, Exercise, Measure

from .bounds import EARLIEST_PERFORMED_AT
from .drill_cards import FOLDED, drill_card, session_card
from .forms import SharesFields, pain_field
from .models import (
    Entry,
    RunType,
    SessionTiming,
    Side,
    TightSpot,
    TrainingSession,
)
from .services import PartDone
from .widgets import (
    HiddenBox,
    InlineCheckboxes,
    InlineChoices,
    MomentBox,
    NumberBox,
    PainSelect,
    Switch,
    TextArea,
    TextBox,
    VariantChoices,
)

# A phone's clock may run a little ahead of the server's.
FUTURE_TOLERANCE = timedelta(minutes=5)


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

    def validate_unique(self) -> None:
        # The models' only unique checks are on fields no form has (the athlete's submission
        # token, an entry's session and drill), which the database enforces on write: Django
        # found nothing to check, after working out the exclusions a second time.
        return


class CleansFromData:
    """A form that cleans each field from the data its widget reads, as BaseForm does, but
    without a BoundField for each: building the ~75 of a routine's forms was a fifth of
    validating it, and a form that is saved is never drawn. A form drawn again with its
    errors builds its BoundFields then, as it always has."""

    def _clean_fields(self) -> None:
        hooks = clean_hooks(type(self))
        data, files, cleaned = self.data, self.files, self.cleaned_data
        for name, field in self.fields.items():
            try:
                if field.disabled or isinstance(field, forms.FileField):
                    value = field._clean_bound_field(self[name])  # they look at the initial
                else:
                    html_name = self.add_prefix(name)
                    value = field.clean(field.widget.value_from_datadict(data, files, html_name))
                cleaned[name] = value
                if name in hooks:
                    cleaned[name] = getattr(self, f"clean_{name}")()
            except forms.ValidationError as error:
                self.add_error(name, error)


@cache
def clean_hooks(form_class: type) -> frozenset[str]:
    """The fields of a form class with a clean_<name>() of their own: asking the form for
    each of a routine's ~80 fields raised and caught an AttributeError for nearly all."""
    return frozenset(name[6:] for name in dir(form_class) if name.startswith("clean_"))


class ChecksWithItsModelFields:
    """ModelForm's _post_clean (construct_instance, then the model's full_clean) for a form of
    its model's own fields, without the generic work around it: the instance takes each
    cleaned value, and each model field then checks its value as Model.clean_fields does, with
    the validators the form fields lack (a wall distance's 0–40 cm, a run's 0–500 km).

    construct_instance asked every field of the model whether it was an AutoField (through a
    metaclass) or a FileField, and the validation exclusions were worked out field by field:
    together a fifth of validating a routine. The same values are set and checked, with the
    same messages; unique and constraint checks are FieldsHoldTheChecks'.
    """

    # Fields the model does not check again: ModelForm's _get_validation_exclusions, for fields
    # that the form's own field checks fully.
    unchecked_by_model: frozenset[str] = frozenset()

    def _post_clean(self) -> None:
        instance, cleaned = self.instance, self.cleaned_data
        to_check = set()
        for name in self._meta.fields:
            if name not in cleaned:
                continue  # not on this form, or refused: construct_instance skips it too
            field, form_field = instance._meta.get_field(name), self.fields[name]
            value = cleaned[name]
            empty = value in form_field.empty_values
            if (
                empty
                and field.has_default()
                and form_field.widget.value_omitted_from_data(
                    self.data, self.files, self.add_prefix(name)
                )
            ):
                continue  # not sent: the model's default stays, as construct_instance leaves it
            field.save_form_data(instance, value)
            if name not in self.unchecked_by_model and (
                field.blank or form_field.required or not empty
            ):
                to_check.add(name)
        errors: dict = {}
        for field in instance._meta.fields:  # in the model's order, as clean_fields
            if field.name not in to_check:
                continue
            raw = getattr(instance, field.attname)
            if field.blank and raw in field.empty_values:
                continue
            try:
                setattr(instance, field.attname, field.clean(raw, instance))
            except forms.ValidationError as error:
                errors[field.name] = error.error_list
        try:
            instance.clean()
        except forms.ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            self._update_errors(forms.ValidationError(errors))


class SessionForm(
    SharesFields, CleansFromData, ChecksWithItsModelFields, FieldsHoldTheChecks, forms.ModelForm
):
    submission_token = forms.UUIDField(widget=HiddenBox, required=False)
    run_type = forms.TypedChoiceField(
        label="The run it prepares (optional)",
        choices=[("", "None"), *RunType.choices],
        required=False,
        widget=PainSelect(attrs={"class": "form-select"}),
    )

    class Meta:
        model = TrainingSession
        fields = ("performed_at", "timing", "run_type", "run_distance_km", "notes")
        widgets = {
            "performed_at": MomentBox(attrs={"class": "form-control"}, format="%Y-%m-%dT%H:%M"),
            "timing": InlineChoices,
            "run_distance_km": NumberBox(
                attrs={"step": "0.1", "inputmode": "decimal", "class": "form-control"}
            ),
            "notes": TextArea(attrs={"rows": 2, "class": "form-control"}),
        }
        labels = {"timing": "Routine done", "notes": "Notes on the session"}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.initial.setdefault("performed_at", local_now_input)
            self.initial.setdefault("submission_token", uuid.uuid4)
        else:
            del self.fields["submission_token"]

    def up_to_now(self) -> SessionForm:
        """The form as it is drawn, its time field's latest allowed time now: the one field of
        its own, made only for a form that is shown (a saved one never is)."""
        now = local_now_input()
        if self.initial.get("performed_at") is local_now_input:
            self.initial["performed_at"] = now  # the same minute as the latest allowed
        moment = self.fields["performed_at"] = copy.deepcopy(self.fields["performed_at"])
        moment.widget.attrs["max"] = now
        return self

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


class VariantField(forms.Field):
    """A drill's variant, one of those its form was given (`variants`, by id).

    A ModelChoiceField would build a queryset for each drill's form on every page, to draw
    choices and check one that the drill's prefetched variants already answer.
    """

    widget = VariantChoices

    def __init__(self, **kwargs) -> None:
        super().__init__(required=False, label="Variant", **kwargs)
        self.variants: dict[int, DrillVariant] = {}

    def prepare_value(self, value):
        return value.pk if isinstance(value, DrillVariant) else value

    def to_python(self, value) -> DrillVariant | None:
        if value in self.empty_values:
            return None
        if isinstance(value, DrillVariant):
            return value
        try:
            return self.variants[int(value)]
        except (KeyError, TypeError, ValueError):
            raise forms.ValidationError("Choose one of the variants shown.") from None


class EntryForm(
    SharesFields, CleansFromData, ChecksWithItsModelFields, FieldsHoldTheChecks, forms.ModelForm
):
    """One drill's log: its variant, each part on each side, pain and the drill's measure.

    The part fields are made from the drill's prescription (DrillPart): `part<id>_<side>_sets`,
    `…_reps` or `…_seconds`. A drill whose ladder has a one-side-at-a-time rung (single-leg
    heel drops) shows its parts for both legs together and for each leg; the variant chosen
    says which of them were done.
    """

    variant = VariantField()
    tight_spots = forms.MultipleChoiceField(
        choices=TightSpot.choices,
        widget=InlineCheckboxes,
        required=False,
    )
    pain = pain_field("Pain")
    pain_left = pain_field("Pain, left")
    pain_right = pain_field("Pain, right")
    # The variant field took the variant from the drill's own list: the model need not ask
    # the database whether it exists (a query for each drill with variants).
    unchecked_by_model = frozenset({"variant"})

    class Meta:
        model = Entry
        fields = (
            "done",
            "variant",
            "pain",
            "pain_left",
            "pain_right",
            "wall_distance_left_cm",
            "wall_distance_right_cm",
            "tight_spots",
            "tight_spot_other",
            "notes",
        )
        labels = {"done": "Done"}
        widgets = {
            "done": Switch(attrs={"class": "form-check-input"}),
            "tight_spot_other": TextBox(
                attrs={"placeholder": "Somewhere else?", "class": "form-control"}
            ),
            "notes": TextArea(attrs={"rows": 2, "class": "form-control"}),
            "wall_distance_left_cm": NumberBox(
                attrs={"step": "0.5", "inputmode": "decimal", "class": "form-control"}
            ),
            "wall_distance_right_cm": NumberBox(
                attrs={"step": "0.5", "inputmode": "decimal", "class": "form-control"}
            ),
        }

    def __init__(self, *args, drill: Exercise, **kwargs) -> None:
        instance = kwargs.get("instance")
        super().__init__(*args, **kwargs)
        for name in self._not_shown(drill, instance):
            del self.fields[name]
        self.drill = drill
        if "variant" in self.fields:
            # The one field of its own: it holds this drill's variants. A shallow copy of the
            # shared one, given a widget and variants of its own (building a Field anew
            # merges its error messages and makes a widget only to replace it).
            variants = drill.variant_list
            field = self.fields["variant"] = copy.copy(self.fields["variant"])
            field.variants = {variant.pk: variant for variant in variants}
            field.widget = VariantChoices(
                variants=variants, choices=[(variant.pk, variant.name) for variant in variants]
            )
        self.part_sides = self._part_sides(instance)
        existing = {}
        if instance is not None and instance.pk is not None:
            existing = {(row.part_id, row.side): row for row in instance.parts.all()}
        for part, sides in self.part_sides:
            for side in sides:
                row = existing.get((part.pk, side))
                for measure, _label in part_measures(part):
                    name = part_field_name(part, side, measure)
                    self.fields[name] = PART_FIELDS[measure]
                    if row is not None:
                        self.initial[name] = getattr(row, PART_ATTRS[measure])

    def _part_sides(self, instance: Entry | None) -> list[tuple[DrillPart, list[str]]]:
        """Each part with the sides it is logged on; an old entry keeps any side it has."""
        recorded: dict[int, set[str]] = {}
        if instance is not None and instance.pk is not None:
            for row in instance.parts.all():
                recorded.setdefault(row.part_id, set()).add(row.side)
        result = []
        for part in self.drill.part_list:
            sides = part_sides(part, self.drill)
            if part.pk in recorded:
                sides += [s for s in Side.values if s in recorded[part.pk] and s not in sides]
            result.append((part, sides))
        return result

    @staticmethod
    def _not_shown(drill: Exercise, instance: Entry | None) -> set[str]:
        """The fields that make no sense for this drill."""
        dropped = set()
        if drill.pain_per_side:
            dropped |= {"pain"}
        else:
            dropped |= {"pain_left", "pain_right"}
        if drill.measure != Measure.WALL_DISTANCE:
            dropped |= {"wall_distance_left_cm", "wall_distance_right_cm"}
        if not drill.variant_list:
            dropped |= {"variant"}
        return dropped

    def clean(self) -> dict:
        cleaned = super().clean()
        if not cleaned.get("done"):
            return cleaned
        # An entry logged before its drill had variants (foot rolling before issue 13) keeps
        # none: nobody recorded which it was, and editing the session must not make one up.
        logged_without = self.instance.pk is not None and self.instance.variant_id is None
        if "variant" in self.fields and not cleaned.get("variant") and not logged_without:
            self.add_error("variant", "Say which variant you did.")
        return cleaned

    def sides_done(self, part: DrillPart, sides: list[str]) -> list[str]:
        """The sides whose rows this entry keeps: for a drill with a one-side-at-a-time rung,
        the chosen variant says whether both legs worked together or each on its own."""
        variant = self.cleaned_data.get("variant")
        if part.per_side or not self.drill.has_per_side_variant or variant is None:
            return sides
        wanted = {LEFT, RIGHT} if variant.per_side else {BOTH}
        return [side for side in sides if side in wanted]

    def part_rows(self) -> list[PartDone]:
        """What was done of each part, on each side, beside what the part prescribes."""
        if not self.cleaned_data.get("done"):
            return []
        cleaned = self.cleaned_data
        rows = []
        for part, sides in self.part_sides:
            for side in self.sides_done(part, sides):
                done = {
                    PART_ATTRS[measure]: cleaned.get(part_field_name(part, side, measure))
                    for measure, _ in part_measures(part)
                }
                if all(value is None for value in done.values()):
                    continue
                rows.append(
                    PartDone(
                        part_id=part.pk,
                        side=side,
                        sets_done=done.get("sets_done"),
                        reps_done=done.get("reps_done"),
                        seconds=done.get("seconds"),
                        target_sets=part.sets,
                        target_reps=part.reps,
                        target_seconds=part.hold_min_seconds or part.hold_max_seconds,
                    )
                )
        return rows


PART_ATTRS = {"sets": "sets_done", "reps": "reps_done", "seconds": "seconds"}


class PartNumberField(forms.IntegerField):
    """A part's sets, reps or seconds: a whole number from 0 to `max_value`, or nothing.

    Some forty are cleaned on every save, and a number box nearly always sends plain digits
    or nothing: those are taken here in one step. Anything else goes through IntegerField,
    for the same value or the same message.
    """

    def clean(self, value) -> int | None:
        if value in self.empty_values:
            return None
        if isinstance(value, str) and value.isascii() and value.isdigit():
            number = int(value)
            if number <= self.max_value:
                return number
        return super().clean(value)


def part_field(label: str, most: int) -> PartNumberField:
    return PartNumberField(
        label=label,
        min_value=0,
        max_value=most,
        required=False,
        widget=NumberBox(attrs={"inputmode": "numeric", "min": 0, "class": "form-control"}),
    )


# A part's number fields, one of each shared by every entry form (see EntryForm.__init__).
PART_FIELDS = {
    "sets": part_field("Sets", 500),
    "reps": part_field("Reps", 500),
    "seconds": part_field("Seconds", 3600),
}


TIMED = (("seconds", "Seconds"),)
COUNTED = (("sets", "Sets"), ("reps", "Reps"))


def part_measures(part: DrillPart) -> tuple[tuple[str, str], ...]:
    """The numbers a part is logged with, and their labels."""
    return TIMED if part.is_timed else COUNTED


# The sides as plain text: each goes into a field's name, and an enum member formats itself
# through a Python call (some 100 names a log form).
BOTH, LEFT, RIGHT = Side.BOTH.value, Side.LEFT.value, Side.RIGHT.value


def part_sides(part: DrillPart, drill: Exercise) -> list[str]:
    if part.per_side:
        return [LEFT, RIGHT]
    if drill.has_per_side_variant:
        return [BOTH, LEFT, RIGHT]
    return [BOTH]


def part_field_name(part: DrillPart, side: str, measure: str) -> str:
    return f"part{part.id}_{side}_{measure}"


PAIN_FIELDS = ("pain", "pain_left", "pain_right")


class RoutineForm:
    """The session form and one entry form per drill, validated and saved together.

    The session's card and each drill's are drawn in Python (sessions/drill_cards.py), which
    the template engine took several times longer to draw.
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
        last_variants: dict[int, int] | None = None,
    ) -> None:
        self.drills = drills
        self.guided = guided  # drawn one drill at a time: each card shows the drill's steps
        self.data = data
        self.instance = instance
        self.initial = initial or {}
        self.existing_entries = entries or {}
        self.last_variants = last_variants or {}
        self.hints: dict[int, str] = {}
        self.non_form_errors: list[str] = []
        self._valid: bool | None = None

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
            initial=self._entry_initial(drill, entry),
        )

    def _entry_initial(self, drill: Exercise, entry: Entry | None) -> dict | None:
        # An existing entry speaks for itself, and a form sent back shows what was sent (a
        # bound form draws its data): only a new, blank one starts from what is given or from
        # the prescription, on the athlete's last variant.
        if entry or self.data is not None:
            return None
        return self.initial.get(drill.pk) or prescribed(
            drill, last_variant_id=self.last_variants.get(drill.pk)
        )

    def show_last_measures(self, hints: dict[int, str]) -> None:
        """Each drill's "last time: …" hint, by drill id; set once the form is to be shown."""
        self.hints = hints

    def cards(self) -> list[DrillCard]:
        return [
            DrillCard(form.drill, form, number, self.hints.get(form.drill.pk, ""))
            for number, form in enumerate(self.entry_forms, 1)
        ]

    def session_html(self) -> SafeString:
        """The session's card, drawn in Python as the drills' are (sessions/drill_cards.py)."""
        return session_card(self.session_form.up_to_now())

    def cards_html(self) -> SafeString:
        """Every drill's card, drawn in Python (sessions/drill_cards.py)."""
        return mark_safe("".join(card.html(guided=self.guided) for card in self.cards()))  # noqa: S308

    def is_valid(self) -> bool:
        """Whether the routine can be saved; worked out once, as a Django form's errors are,
        so that asking again adds no message twice."""
        if self._valid is None:
            self._valid = self._validate()
        return self._valid

    def _validate(self) -> bool:
        # Validate every form, not just up to the first failure, so all errors show at once.
        results = [form.is_valid() for form in (self.session_form, *self.entry_forms)]
        valid = all(results)
        if not any(form.cleaned_data.get("done") for form in self.entry_forms):
            self.non_form_errors.append(
                "Tick “Done” on at least one drill: a routine with no drill done is not logged."
            )
            valid = False
        timing = self.session_form.cleaned_data.get("timing")
        for form in self.entry_forms:
            variant = form.cleaned_data.get("variant")
            if (
                form.cleaned_data.get("done")
                and variant is not None
                and variant.post_run_only
                and timing == SessionTiming.PRE_RUN
            ):
                form.add_error(
                    "variant",
                    f"{variant.name} is for after a run only: choose another, or log the "
                    "routine as done after a run.",
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

    def nothing_rated(self) -> bool:
        """No pain rated on any drill done: the coach's flags would have nothing to go on."""
        return not any(
            form.cleaned_data.get(name) is not None
            for form in self.entry_forms
            if form.cleaned_data.get("done")
            for name in PAIN_FIELDS
            if name in form.fields
        )

    def entries(self, *, no_pain: bool = False) -> list[Entry]:
        """The entries to save, each with `part_rows`, its part rows (PartDone), still unsaved.

        `no_pain`: the athlete answered "no pain anywhere", so every drill done and not rated
        is rated 0.
        """
        built = []
        editing = self.session_form.instance.pk is not None
        for form in self.entry_forms:
            if editing and form.instance.pk is None and not form.cleaned_data.get("done"):
                continue  # a drill added to the routine since: not part of this session
            entry = form.save(commit=False)
            entry.exercise = form.drill
            if not form.cleaned_data.get("done"):
                entry.variant = None
            entry.part_rows = form.part_rows()
            if no_pain and form.cleaned_data.get("done"):
                for name in PAIN_FIELDS:
                    if name in form.fields and getattr(entry, name) is None:
                        setattr(entry, name, 0)
            built.append(entry)
        return built

    @property
    def submission_token(self) -> uuid.UUID | None:
        return self.session_form.cleaned_data.get("submission_token")


def default_variant(drill: Exercise, last_variant_id: int | None) -> DrillVariant | None:
    """The athlete's last variant, never silently a step back; but a before-the-run log never
    starts on an after-the-run-only variant (the frozen bottle): then the first rung."""
    variants = drill.variant_list
    last = next((v for v in variants if v.pk == last_variant_id), None)
    if last is not None and not last.post_run_only:
        return last
    return next((v for v in variants if not v.post_run_only), variants[0] if variants else None)


def prescribed(drill: Exercise, *, last_variant_id: int | None = None) -> dict:
    """A new log starts from the prescription, so a routine done as written is one tap."""
    defaults: dict = {"done": True}
    variant = default_variant(drill, last_variant_id)
    if variant is not None:
        defaults["variant"] = variant.pk
    for part in drill.part_list:
        for side in part_sides(part, drill):
            if part.is_timed:
                defaults[part_field_name(part, side, "seconds")] = (
                    part.hold_min_seconds or part.hold_max_seconds
                )
            else:
                defaults[part_field_name(part, side, "sets")] = part.sets
                defaults[part_field_name(part, side, "reps")] = part.reps
    return defaults


@dataclass
class PartRow:
    """One line of a drill card: a part on a side, and its number fields."""

    label: str
    part: DrillPart
    side: str
    group: str  # "both" or "each" for a drill whose variant decides; "" otherwise
    fields: list


@dataclass
class DrillCard:
    """What the log form shows for one drill: its entry form, and what goes around it."""

    drill: Exercise
    form: EntryForm
    number: int
    last_measure: str = ""

    @cached_property
    def fields(self) -> dict:
        """The fields this drill shows, by name, as the card (drill_cards.py) draws them: a
        form sent back with its errors as BoundFields, a new one as BlankFields."""
        form = self.form
        if form.is_bound:
            return {name: form[name] for name in form.fields}
        return {name: BlankField(form, name, field) for name, field in form.fields.items()}

    @cached_property
    def part_rows(self) -> list[PartRow]:
        rows = []
        decides = self.drill.has_per_side_variant
        for part, sides in self.form.part_sides:
            for side in sides:
                label = part.name if side == BOTH else f"{part.name}, {side}"
                group = ""
                if decides and not part.per_side:
                    group = "both" if side == BOTH else "each"
                bound = [
                    self.fields[part_field_name(part, side, measure)]
                    for measure, _ in part_measures(part)
                ]
                rows.append(PartRow(label, part, side, group, bound))
        return rows

    @property
    def folded_error(self) -> bool:
        """An error in a field that the plain form folds behind "More": open it, so nothing
        typed is hidden."""
        form = self.form
        if not form.is_bound:
            return False
        folded = (*FOLDED, *(f.name for row in self.part_rows for f in row.fields))
        return any(name in form.errors for name in folded)

    def html(self, *, guided: bool) -> SafeString:
        return drill_card(self, guided=guided)

    @property
    def more_open(self) -> bool:
        """The "more" disclosure starts open when it holds something, or an error."""
        form = self.form
        if form.is_bound:
            return any(name in form.errors for name in ("tight_spots", "tight_spot_other", "notes"))
        return bool(
            form.initial.get("tight_spots")
            or form.initial.get("notes")
            or form.initial.get("tight_spot_other")
        )


class BlankField:
    """A field of a form that was not sent, with what drill_cards.py reads of a BoundField:
    its names, label and starting value. A BoundField works out more (its initial value for
    a hidden copy, its errors, its widget's attributes), for each of a page's ~80 fields."""

    __slots__ = ("auto_id", "field", "form", "help_text", "html_name", "label", "name")
    errors = ()

    def __init__(self, form: forms.BaseForm, name: str, field: forms.Field) -> None:
        self.form, self.name, self.field = form, name, field
        self.html_name = form.add_prefix(name)
        auto_id = form.auto_id  # worked out as BoundField.auto_id does
        if auto_id and "%s" in str(auto_id):
            self.auto_id = auto_id % self.html_name
        else:
            self.auto_id = self.html_name if auto_id else ""
        self.label = field.label if field.label is not None else pretty_name(name)
        self.help_text = field.help_text

    def value(self):
        return self.field.prepare_value(self.form.get_initial_for_field(self.field, self.name))

    def as_widget(self, **kwargs) -> SafeString:
        return self.form[self.name].as_widget(**kwargs)
