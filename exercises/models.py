from __future__ import annotations

from functools import cached_property

from django.apps import apps
from django.db import connection, models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from simple_history.models import HistoricalRecords

from config import rows

# Every drill's slug and name in routine order, for a menu of drills: a history page draws
# one, and the ORM took a tenth of that page to build this query.
DRILL_MENU_SQL = "SELECT slug, name FROM exercises_exercise ORDER BY position, name"


def drill_menu() -> list[tuple[str, str]]:
    """(slug, name) of every drill, active or not (a log keeps drills retired since)."""
    with connection.cursor() as cursor:
        cursor.execute(DRILL_MENU_SQL)
        return cursor.fetchall()


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

    def with_prescription(self) -> ExerciseQuerySet:
        """Each drill's parts and variants, in two queries whatever the number of drills."""
        return self.prefetch_related("parts", "variants")


def routine(*, revisions: bool = True) -> list[Exercise]:
    """The active drills in routine order, each with its prescription (`part_list`,
    `variant_list`) and, unless `revisions` is false, its latest `revision`, read fresh on
    every call. Only a save needs the revisions (each entry notes the one it followed): the
    pages that show the drills leave out the subquery, and the revisions' pages with it.

    The log form, every save and the drill list read this. Through the ORM it cost ~1.7 ms a
    request: a correlated subquery and two prefetches compiled anew each time. Three plain
    statements (config/rows.py) read the same rows as the same instances in ~0.3 ms.
    """
    extra = {"revision": REVISION_SQL} if revisions else {}
    drills = rows.read(Exercise, "WHERE active ORDER BY position, name", **extra)
    by_id = {drill.pk: drill for drill in drills}
    for drill in drills:
        drill.part_list, drill.variant_list = [], []
    # Rows of retired drills are read too (a handful) and left out: no join needed.
    for part in rows.read(DrillPart, "ORDER BY exercise_id, position, id"):
        if part.exercise_id in by_id:
            part.exercise = by_id[part.exercise_id]
            by_id[part.exercise_id].part_list.append(part)
    for variant in rows.read(DrillVariant, "ORDER BY exercise_id, rung"):
        if variant.exercise_id in by_id:
            variant.exercise = by_id[variant.exercise_id]
            by_id[variant.exercise_id].variant_list.append(variant)
    return drills


# Exercise.with_revision()'s subquery, written out for routine().
REVISION_SQL = (
    "SELECT h.history_id FROM exercises_historicalexercise h WHERE h.id = t.id "
    "ORDER BY h.history_date DESC, h.history_id DESC LIMIT 1"
)


class Timing(models.TextChoices):
    PRE_RUN = "pre_run", "Before a run"
    POST_RUN = "post_run", "After a run only"
    EITHER = "either", "Before or after a run"


class Measure(models.TextChoices):
    NONE = "", "Nothing beyond pain and tight spots"
    WALL_DISTANCE = "wall_distance", "Wall distance in cm, each foot"
    # The variant ladder itself lives in DrillVariant; this says the ladder is a progression.
    HEEL_DROP_VARIANT = "heel_drop_variant", "Variant: double or single leg, knee straight or bent"


# The routine's length on the home page, from the drills' data: a slow rep, and a breath
# between sets and between sides.
SECONDS_PER_REP = 3
SECONDS_BETWEEN = 15


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
    # Before the prescription moved to DrillPart (issue 13) the dosage was these six fields.
    # They stay, read-only, so that every revision logged before then still says what it asked
    # for; nothing reads them now.
    sets = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    reps = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    hold_min_seconds = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    hold_max_seconds = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    per_side = models.BooleanField(default=False, editable=False)
    dosage_note = models.CharField(
        max_length=160, blank=True, help_text="Anything the parts below do not say."
    )
    alternate_parts = models.BooleanField(
        default=False,
        help_text="The parts take turns within each set (10 out, then 10 in, is one set).",
    )
    equipment = models.CharField(max_length=160, blank=True)
    timing = models.CharField(max_length=10, choices=Timing, default=Timing.PRE_RUN)
    progression = models.TextField(
        blank=True,
        max_length=DRILL_TEXT_MAX_LENGTH,
        help_text="How to make it harder, one per line.",
    )
    cues = models.TextField(
        blank=True,
        max_length=DRILL_TEXT_MAX_LENGTH,
        help_text="What keeps the drill honest while doing it, one per line.",
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
                for field in ("instructions", "progression", "cues", "cautions")
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
    def cue_list(self) -> list[str]:
        return _lines(self.cues)

    @property
    def caution_list(self) -> list[str]:
        return _lines(self.cautions)

    # The prescription. Pages that show many drills prefetch "parts" and "variants"
    # (Exercise.objects.with_prescription()), so these read no more rows.

    @cached_property
    def part_list(self) -> list[DrillPart]:
        return list(self.parts.all())

    @cached_property
    def variant_list(self) -> list[DrillVariant]:
        return list(self.variants.all())

    @property
    def has_reps(self) -> bool:
        return any(part.reps for part in self.part_list)

    @property
    def is_timed(self) -> bool:
        return any(part.hold_max_seconds for part in self.part_list)

    @property
    def has_per_side_variant(self) -> bool:
        return any(variant.per_side for variant in self.variant_list)

    @property
    def pain_per_side(self) -> bool:
        """Pain is asked for each side: a part or a variant is done one side at a time."""
        return self.has_per_side_variant or any(part.per_side for part in self.part_list)

    @property
    def dosage(self) -> str:
        """The prescription in a runner's words, e.g. "Knee straight 3 × 10; knee bent 3 × 10"."""
        parts = self.part_list
        if len(parts) == 1:
            text = parts[0].dosage
        else:
            text = "; ".join(f"{part.name} {part.dosage}" for part in parts)
        if self.dosage_note:
            text = f"{text} ({self.dosage_note})" if text else self.dosage_note
        return text

    def seconds(self, variant: DrillVariant | None = None) -> tuple[int, int]:
        """How long the drill takes done as prescribed, shortest and longest, in seconds."""
        low = high = 0
        for part in self.part_list:
            sides = 2 if part.per_side or (variant is not None and variant.per_side) else 1
            part_low, part_high = part.seconds()
            low += part_low * sides
            high += part_high * sides
        return low, high


def routine_minutes(drills: list[Exercise]) -> tuple[int, int]:
    """The routine's length from the drills' data, e.g. (14, 19): each done on its first rung."""
    low = high = 0
    for drill in drills:
        variants = drill.variant_list
        drill_low, drill_high = drill.seconds(variants[0] if variants else None)
        low += drill_low
        high += drill_high
    return round(low / 60), round(high / 60)


class DrillPart(models.Model):
    """One thing a drill asks for, in order: "Knee bent, 3 × 10" or "Hold, 30–60 s"."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="parts")
    position = models.PositiveSmallIntegerField(default=1)
    name = models.CharField(max_length=60)
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

    history = HistoricalRecords()

    class Meta:
        ordering = ["exercise", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "name"], name="drillpart_unique_name"),
            models.CheckConstraint(
                condition=(
                    models.Q(sets__gt=0, reps__gt=0, hold_max_seconds__isnull=True)
                    | models.Q(reps__isnull=True, hold_max_seconds__gt=0)
                ),
                name="drillpart_reps_or_hold",
                violation_error_message="Give sets and reps, or a hold (sets optional), not both.",
            ),
            models.CheckConstraint(
                condition=models.Q(hold_min_seconds__isnull=True)
                | models.Q(hold_min_seconds__lte=models.F("hold_max_seconds")),
                name="drillpart_hold_range_ordered",
                violation_error_message="The shortest hold cannot be longer than the longest.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exercise}: {self.name}"

    @property
    def is_timed(self) -> bool:
        return self.hold_max_seconds is not None

    @property
    def set_count(self) -> int:
        return self.sets or 1

    @property
    def dosage(self) -> str:
        """E.g. "3 × 10", "30–60 s, each side"."""
        if self.is_timed:
            text = _seconds_range(self.hold_min_seconds, self.hold_max_seconds)
            if self.sets and self.sets > 1:
                text = f"{self.sets} × {text}"
        else:
            text = f"{self.sets} × {self.reps}"
        return f"{text}, each side" if self.per_side else text

    def seconds(self) -> tuple[int, int]:
        """One side's time, shortest and longest."""
        if self.is_timed:
            low = (self.hold_min_seconds or self.hold_max_seconds) * self.set_count
            return low, self.hold_max_seconds * self.set_count
        work = self.set_count * (self.reps or 0) * SECONDS_PER_REP
        work += (self.set_count - 1) * SECONDS_BETWEEN
        return work, work


class DrillVariant(models.Model):
    """A rung of a drill's ladder (double leg, then single leg), or a tool to do it with."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="variants")
    rung = models.PositiveSmallIntegerField(help_text="Place on the ladder; the first is rung 1.")
    name = models.CharField(max_length=60)
    per_side = models.BooleanField(
        default=False, help_text="Done one side at a time (single leg): pain and sets per side."
    )
    timing = models.CharField(max_length=10, choices=Timing, default=Timing.EITHER)
    equipment = models.CharField(max_length=160, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["exercise", "rung"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "rung"], name="drillvariant_unique_rung"),
            models.UniqueConstraint(fields=["exercise", "name"], name="drillvariant_unique_name"),
            models.CheckConstraint(condition=models.Q(rung__gt=0), name="drillvariant_rung_gt_0"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def post_run_only(self) -> bool:
        return self.timing == Timing.POST_RUN


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
