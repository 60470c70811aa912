from __future__ import annotations

from django.apps import apps
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from simple_history.models import HistoricalRecords


class ExerciseQuerySet(models.QuerySet):
    def active(self) -> ExerciseQuerySet:
        return self.filter(active=True)

    def in_routine_order(self) -> ExerciseQuerySet:
        return self.order_by("position", "name")

    def with_revision(self) -> ExerciseQuerySet:
        """Each drill with `revision`, the id of its latest revision, in the same query."""
        revisions = apps.get_model("exercises", "HistoricalExercise")
        latest = (
            revisions.objects.filter(id=models.OuterRef("pk"))
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        return self.annotate(revision=models.Subquery(latest))


def routine() -> list[Exercise]:
    """The active drills in routine order, each with its latest `revision`: one query."""
    return list(Exercise.objects.active().in_routine_order().with_revision())


class Timing(models.TextChoices):
    PRE_RUN = "pre_run", "Before a run"
    POST_RUN = "post_run", "After a run only"
    EITHER = "either", "Before or after a run"


class Measure(models.TextChoices):
    NONE = "", "Nothing beyond pain and tight spots"
    WALL_DISTANCE = "wall_distance", "Wall distance in cm, each foot"
    HEEL_DROP_VARIANT = "heel_drop_variant", "Variant: double or single leg, knee straight or bent"


# A drill's instructions, progressions and cautions: a screen or two of text, never more.
DRILL_TEXT_MAX_LENGTH = 4000


class Exercise(models.Model):
    """One drill of the routine, held as data so that an admin can edit it."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(help_text="Place in the routine; lowest first.")
    purpose = models.CharField(max_length=160, help_text="One line: why a runner does this.")
    instructions = models.TextField(
        max_length=DRILL_TEXT_MAX_LENGTH, help_text="One step per line."
    )
    sets = models.PositiveSmallIntegerField(null=True, blank=True)
    reps = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Repetitions in each set."
    )
    hold_min_seconds = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Shortest hold or duration, in seconds."
    )
    hold_max_seconds = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Longest hold or duration, in seconds."
    )
    per_side = models.BooleanField(default=False, help_text="Done for the left and right side.")
    dosage_note = models.CharField(
        max_length=160, blank=True, help_text="Anything the numbers above do not say."
    )
    equipment = models.CharField(max_length=160, blank=True)
    timing = models.CharField(max_length=10, choices=Timing, default=Timing.PRE_RUN)
    progression = models.TextField(
        blank=True,
        max_length=DRILL_TEXT_MAX_LENGTH,
        help_text="How to make it harder, one per line.",
    )
    cautions = models.TextField(
        blank=True, max_length=DRILL_TEXT_MAX_LENGTH, help_text="One per line."
    )
    measure = models.CharField(
        max_length=20,
        choices=Measure,
        default=Measure.NONE,
        blank=True,
        help_text="What an athlete records for this drill besides pain and tight spots.",
    )
    active = models.BooleanField(
        default=True, help_text="Inactive drills leave the routine but stay in old logs."
    )

    history = HistoricalRecords()
    objects = ExerciseQuerySet.as_manager()

    class Meta:
        # Athletes, coaches and admins all say "drill"; the model keeps its first name.
        verbose_name = "drill"
        verbose_name_plural = "drills"
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hold_min_seconds__isnull=True)
                | models.Q(hold_max_seconds__isnull=True)
                | models.Q(hold_min_seconds__lte=models.F("hold_max_seconds")),
                name="exercise_hold_range_ordered",
                violation_error_message="The shortest hold cannot be longer than the longest.",
            ),
            models.CheckConstraint(
                condition=models.Q(sets__isnull=True, reps__isnull=True)
                | models.Q(sets__gt=0, reps__gt=0),
                name="exercise_sets_and_reps_together",
                violation_error_message="Give both sets and reps, or neither.",
            ),
            *(
                models.CheckConstraint(
                    condition=LessThanOrEqual(Length(field), DRILL_TEXT_MAX_LENGTH),
                    name=f"exercise_{field}_length",
                    violation_error_message=f"At most {DRILL_TEXT_MAX_LENGTH} characters.",
                )
                for field in ("instructions", "progression", "cautions")
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("exercises:detail", kwargs={"slug": self.slug})

    @property
    def steps(self) -> list[str]:
        return _lines(self.instructions)

    @property
    def progression_steps(self) -> list[str]:
        return _lines(self.progression)

    @property
    def caution_list(self) -> list[str]:
        return _lines(self.cautions)

    @property
    def has_reps(self) -> bool:
        return self.sets is not None and self.reps is not None

    @property
    def is_timed(self) -> bool:
        return self.hold_max_seconds is not None

    @property
    def dosage(self) -> str:
        """The prescription in a runner's words, e.g. "3 × 10, each side"."""
        parts = []
        if self.has_reps:
            parts.append(f"{self.sets} × {self.reps}")
        if self.is_timed:
            parts.append(_seconds_range(self.hold_min_seconds, self.hold_max_seconds))
        if self.per_side:
            parts.append("each side")
        text = ", ".join(parts)
        if self.dosage_note:
            text = f"{text} ({self.dosage_note})" if text else self.dosage_note
        return text


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _seconds_range(low: int | None, high: int) -> str:
    def fmt(seconds: int) -> str:
        if seconds % 60 == 0:
            minutes = seconds // 60
            return f"{minutes} min"
        return f"{seconds} s"

    if low is None or low == high:
        return fmt(high)
    if low % 60 == 0 and high % 60 == 0:
        return f"{low // 60}–{high // 60} min"
    return f"{low}–{high} s"
