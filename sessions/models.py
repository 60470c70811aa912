from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone

from config import rows
from exercises.models import DrillPart, DrillVariant, Exercise, Measure

from . import pain as pain_model
from .bounds import (
    COMMENT_MAX_LENGTH,
    NOTES_MAX_LENGTH,
    length_at_most,
    performed_at_in_range,
)

PAIN_VALIDATORS = [MinValueValidator(pain_model.PAIN_MIN), MaxValueValidator(pain_model.PAIN_MAX)]


def pain_in_range(field: str) -> models.Q:
    return models.Q(**{f"{field}__isnull": True}) | models.Q(
        **{f"{field}__gte": pain_model.PAIN_MIN, f"{field}__lte": pain_model.PAIN_MAX}
    )


def not_negative(field: str) -> models.Q:
    return models.Q(**{f"{field}__isnull": True}) | models.Q(**{f"{field}__gte": 0})


class SessionTiming(models.TextChoices):
    PRE_RUN = "pre_run", "Before a run"
    POST_RUN = "post_run", "After a run"


class RunType(models.TextChoices):
    EASY = "easy", "Easy run"
    LONG = "long", "Long run"
    TEMPO = "tempo", "Tempo or threshold"
    INTERVALS = "intervals", "Intervals or track"
    HILLS = "hills", "Hills"
    TRAIL = "trail", "Trail"
    RACE = "race", "Race"
    OTHER = "other", "Other"


class TrainingSessionQuerySet(models.QuerySet):
    def owned_by(self, user) -> TrainingSessionQuerySet:
        """Sessions this user may change: only their own."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(athlete=user)

    def visible_to(self, user) -> TrainingSessionQuerySet:
        """Sessions this user may read: their own, and those of athletes who let them in.

        The one place that says who sees what; every view, export and page goes through it.
        """
        if not user.is_authenticated:
            return self.none()
        return self.filter(models.Q(athlete=user) | models.Q(athlete__in=athletes_coached_by(user)))

    def newest_first(self) -> TrainingSessionQuerySet:
        return self.order_by("-performed_at", "-pk")

    def with_summary(self) -> TrainingSessionQuerySet:
        return self.annotate(
            drills_done=models.Count("entries", filter=models.Q(entries__done=True)),
            drills_offered=models.Count("entries"),
            highest_pain=models.Max("entries__peak_pain", filter=models.Q(entries__done=True)),
        )

    def with_unread_for(self, reader) -> TrainingSessionQuerySet:
        """`has_unread`: someone else commented since the athlete last opened the session."""
        if not reader.is_authenticated:
            return self.annotate(has_unread=models.Value(False))
        unread = Comment.objects.filter(
            session=models.OuterRef("pk"), session__athlete=reader, read_at__isnull=True
        ).exclude(author=reader)
        return self.annotate(has_unread=models.Exists(unread))


# The athletes who let a coach in right now: their links not revoked (CoachLink.active()).
COACHED_ATHLETES_SQL = (
    "SELECT athlete_id FROM coaching_coachlink WHERE coach_id = %s AND revoked_at IS NULL"
)
HAS_A_COACH_SQL = (
    "SELECT 1 FROM coaching_coachlink WHERE athlete_id = %s AND revoked_at IS NULL LIMIT 1"
)


def has_a_coach(athlete_id: int) -> bool:
    """Whether a coach reads this athlete's log right now: one of athletes_coached_by()'s
    links, asked of the athlete (the session page asks it to offer comments)."""
    with connection.cursor() as cursor:
        cursor.execute(HAS_A_COACH_SQL, [athlete_id])
        return cursor.fetchone() is not None


def athletes_coached_by(user) -> RawSQL:
    """Ids of the athletes whose logs this user may read as their coach, right now: a
    subquery for an `__in` lookup.

    Written out because every page of a log asks it: the ORM took 0.25 ms to build it as a
    queryset inside each query, a third of what showing a session costs. The database sees
    the same subquery.
    """
    return RawSQL(COACHED_ATHLETES_SQL, [user.pk])  # noqa: S611 - a constant; the id a parameter


def visible_session(user, pk: int) -> TrainingSession | None:
    """The session with this id if `user` may read it (TrainingSession.objects.visible_to's
    rule: their own, or an athlete's who lets them in right now), with its athlete; else None.

    Every session page asks it first, so one statement written out: through the ORM, the
    rule's OR and subquery and the athlete's join took a quarter of showing a session.
    """
    if not user.is_authenticated:
        return None
    found = rows.read(
        TrainingSession,
        f"WHERE t.id = %s AND (t.athlete_id = %s OR t.athlete_id IN ({COACHED_ATHLETES_SQL}))",
        [pk, user.pk, user.pk],
    )
    if not found:
        return None
    session = found[0]
    # The reader's own session (the usual case) has them as its athlete, already loaded.
    if session.athlete_id == user.pk:
        session.athlete = user
    else:
        session.athlete = rows.read(get_user_model(), "WHERE t.id = %s", [session.athlete_id])[0]
    return session


def find_coached_athlete(coach, athlete_id: int):
    """The user with this id if they let `coach` in as their coach right now, else None.

    What every coach's page of one athlete asks first, so one statement written out (as
    athletes_coached_by): through the ORM, visible_athletes() took a sixth of that page.
    """
    found = rows.read(
        get_user_model(),
        f"WHERE t.id = %s AND t.id <> %s AND t.id IN ({COACHED_ATHLETES_SQL})",
        [athlete_id, coach.pk, coach.pk],
    )
    return found[0] if found else None


def visible_athletes(user) -> models.QuerySet:
    """Users whose logs this user may read: themselves and the athletes they coach."""
    users = get_user_model()
    if not user.is_authenticated:
        return users.objects.none()
    return users.objects.filter(models.Q(pk=user.pk) | models.Q(pk__in=athletes_coached_by(user)))


class TrainingSession(models.Model):
    """One completed routine: when, around which run, and how it went overall."""

    # No index of its own: session_athlete_newest_idx and the submission constraint lead with
    # it, and a third would be one more to write at every save.
    athlete = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_sessions",
        db_index=False,
    )
    performed_at = models.DateTimeField("when", help_text="In your time zone.")
    timing = models.CharField(max_length=10, choices=SessionTiming, default=SessionTiming.PRE_RUN)
    run_type = models.CharField("run", max_length=12, choices=RunType, blank=True)
    run_distance_km = models.DecimalField(
        "distance (km)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(500)],
    )
    notes = models.TextField(blank=True, max_length=NOTES_MAX_LENGTH)
    morning_after_pain = models.SmallIntegerField(
        null=True,
        blank=True,
        validators=PAIN_VALIDATORS,
        help_text="Pain the next morning, 0–10: shows whether the load was tolerated.",
    )
    # Sent with the log form so that a second tap on "Save" finds the first session.
    submission_token = models.UUIDField(default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TrainingSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-performed_at", "-pk"]
        indexes = [
            # In newest_first() order, tie-breaker included, so that an athlete's latest sessions
            # are read straight off the index on SQLite as on PostgreSQL, with no sort.
            models.Index(
                fields=["athlete", "-performed_at", "-id"], name="session_athlete_newest_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=pain_in_range("morning_after_pain"),
                name="session_morning_after_pain_0_10",
                violation_error_message="Pain is a number from 0 to 10.",
            ),
            models.CheckConstraint(
                condition=not_negative("run_distance_km"),
                name="session_run_distance_not_negative",
            ),
            models.UniqueConstraint(
                fields=["athlete", "submission_token"], name="session_unique_submission"
            ),
            length_at_most("notes", NOTES_MAX_LENGTH, name="session_notes_length"),
            performed_at_in_range(),
        ]

    def __str__(self) -> str:
        return f"{self.athlete} · {self.performed_at:%Y-%m-%d %H:%M} UTC"

    def get_absolute_url(self) -> str:
        return reverse("sessions:detail", kwargs={"pk": self.pk})

    @property
    def is_flagged(self) -> bool:
        """Worth a coach's eyes: pain that was too much, or a morning after that has not settled."""
        return pain_model.is_flagged(
            getattr(self, "highest_pain", None)
        ) or pain_model.morning_flagged(self.morning_after_pain)

    @property
    def morning_after_flagged(self) -> bool:
        return pain_model.morning_flagged(self.morning_after_pain)

    def morning_after_open(self, zone) -> bool:
        """Morning-after pain is asked from the next morning in the athlete's time zone."""
        return (
            timezone.localdate(timezone=zone) > timezone.localtime(self.performed_at, zone).date()
        )


class Side(models.TextChoices):
    BOTH = "both", "Both sides"
    LEFT = "left", "Left"
    RIGHT = "right", "Right"


class TightSpot(models.TextChoices):
    ARCH = "arch", "Arch"
    HEEL = "heel", "Heel"
    ACHILLES = "achilles", "Achilles"
    CALF = "calf", "Calf"
    SHIN = "shin", "Shin"
    BIG_TOE = "big_toe", "Big toe"
    LITTLE_TOES = "little_toes", "Little toes"
    ANKLE = "ankle", "Ankle"


# Looked up for every entry shown: TightSpot(code).label builds an enum member each time.
TIGHT_SPOT_LABELS = dict(TightSpot.choices)


# The tight spots' JSON text of an entry that notes none, as a plain cursor reads it: most
# entries', which readers of many entries skip decoding.
NO_SPOTS = "[]"


def spot_labels(codes: list[str], other: str) -> list[str]:
    """An entry's tight spots as the athlete saw them: the known ones, then their own words."""
    labels = [TIGHT_SPOT_LABELS[code] for code in codes if code in TIGHT_SPOT_LABELS]
    if other.strip():
        labels.append(other.strip())
    return labels


class Entry(models.Model):
    """How one drill of a session went: targets live on the drill, actuals here."""

    # Found through entry_one_per_drill, which leads with it: no index of its own to write.
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="entries", db_index=False
    )
    # No index of its own, as neither the revision's nor the variant's: pages find entries by
    # session (a drill's in a session through entry_one_per_drill), and only deleting a drill,
    # a revision or a variant looks the other way, which PROTECT refuses anyway. Each index
    # is a page written for each of the six entries of a save: the three were two thirds of
    # what a save wrote to the database (43 pages a save, 12 without them).
    exercise = models.ForeignKey(
        Exercise, on_delete=models.PROTECT, related_name="entries", db_index=False
    )
    # The instructions as they stood when the athlete followed them; a later edit is a new row.
    exercise_revision = models.ForeignKey(
        Exercise.history.model,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    done = models.BooleanField(default=True)
    # The rung of the drill's ladder, or the tool, it was done with (heel drops: single leg).
    variant = models.ForeignKey(
        DrillVariant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    pain = models.SmallIntegerField(null=True, blank=True, validators=PAIN_VALIDATORS)
    pain_left = models.SmallIntegerField(
        "pain, left", null=True, blank=True, validators=PAIN_VALIDATORS
    )
    pain_right = models.SmallIntegerField(
        "pain, right", null=True, blank=True, validators=PAIN_VALIDATORS
    )
    # The worst pain of the entry, kept by the database for history and coach queries.
    peak_pain = models.GeneratedField(
        expression=models.functions.NullIf(
            Greatest(Coalesce("pain", -1), Coalesce("pain_left", -1), Coalesce("pain_right", -1)),
            -1,
        ),
        output_field=models.SmallIntegerField(null=True),
        db_persist=True,
    )
    tight_spots = models.JSONField(default=list, blank=True)
    tight_spot_other = models.CharField("other tight spot", max_length=80, blank=True)
    wall_distance_left_cm = models.DecimalField(
        "wall distance, left (cm)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(40)],
    )
    wall_distance_right_cm = models.DecimalField(
        "wall distance, right (cm)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(40)],
    )
    notes = models.TextField(blank=True, max_length=NOTES_MAX_LENGTH)
    # What its parts add up to, kept by sessions.services when the parts are written (see
    # parts_summary), so that a page of many entries (progress) reads no part rows: every part
    # done at least as prescribed, and what was done, e.g. "Knee straight 3 × 10; Knee bent
    # 3 × 10". Like the parts' targets, it keeps a part's name as it was when logged. The
    # database defaults let a writer that does not know the columns (older code while a
    # release rolls out, a data script) still insert.
    as_prescribed = models.BooleanField(default=False, db_default=False, editable=False)
    parts_text = models.TextField(blank=True, default="", db_default="", editable=False)

    class Meta:
        ordering = ["exercise__position", "exercise__name"]
        verbose_name_plural = "entries"
        constraints = [
            models.UniqueConstraint(fields=["session", "exercise"], name="entry_one_per_drill"),
            *(
                models.CheckConstraint(
                    condition=pain_in_range(field),
                    name=f"entry_{field}_0_10",
                    violation_error_message="Pain is a number from 0 to 10.",
                )
                for field in ("pain", "pain_left", "pain_right")
            ),
            *(
                models.CheckConstraint(condition=not_negative(field), name=f"entry_{field}_gte_0")
                for field in ("wall_distance_left_cm", "wall_distance_right_cm")
            ),
            length_at_most("notes", NOTES_MAX_LENGTH, name="entry_notes_length"),
            length_at_most("tight_spot_other", 80, name="entry_tight_spot_other_length"),
        ]

    def __str__(self) -> str:
        return f"{self.exercise} in session {self.session_id}"

    @property
    def is_flagged(self) -> bool:
        return self.done and pain_model.is_flagged(self.peak_pain)

    @property
    def drill_name(self) -> str:
        """The drill's name as the athlete saw it when logging."""
        revision = self.exercise_revision
        return revision.name if revision is not None else self.exercise.name

    @property
    def tight_spot_labels(self) -> list[str]:
        return spot_labels(self.tight_spots, self.tight_spot_other)

    @property
    def wall_distance_text(self) -> str:
        """E.g. "9 cm left, 8.5 cm right"."""
        sides = (("left", self.wall_distance_left_cm), ("right", self.wall_distance_right_cm))
        return ", ".join(
            f"{value.normalize():f} cm {side}" for side, value in sides if value is not None
        )

    def sum_up_parts(self, rows: Iterable[EntryPart]) -> None:
        """Set as_prescribed and parts_text from the entry's part rows, saved or about to be:
        the write path calls it before it writes the entry (sessions.services).

        Each part is found in the drill's part list (prefetched where the drills are read with
        their prescription), so a row that names its part by id alone reads nothing more."""
        parts = {part.pk: part for part in self.exercise.part_list}
        named = [(parts.get(row.part_id) or row.part, row) for row in rows]
        named.sort(key=lambda pair: (pair[0].position, pair[0].pk, pair[1].side))
        self.as_prescribed, self.parts_text = parts_summary(
            (part.name, row.side, row.sets_done, row.reps_done, row.seconds, row.target_sets,
             row.target_reps, row.target_seconds)
            for part, row in named
        )  # fmt: skip

    @property
    def revision_text(self) -> str:
        """The drill revision followed, e.g. "the version of 12 May 2026 (revision #31)"."""
        revision = self.exercise_revision
        if revision is None:
            return ""
        when = timezone.localtime(revision.history_date)
        return f"the version of {when:%-d %b %Y} (revision #{revision.history_id})"


class EntryPart(models.Model):
    """What was done of one part of a drill, on one side: the prescription beside the actuals.

    The targets are copied from the part when the entry is saved, so an admin's later edit of
    the prescription never changes what a past log says was asked for.
    """

    # Found through entrypart_one_per_part_and_side, which leads with it.
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="parts", db_index=False)
    # No index of its own, as Entry.exercise has none (see there).
    part = models.ForeignKey(DrillPart, on_delete=models.PROTECT, related_name="+", db_index=False)
    side = models.CharField(max_length=5, choices=Side, default=Side.BOTH)
    sets_done = models.PositiveSmallIntegerField("sets", null=True, blank=True)
    reps_done = models.PositiveSmallIntegerField("reps per set", null=True, blank=True)
    seconds = models.PositiveIntegerField("seconds", null=True, blank=True)
    target_sets = models.PositiveSmallIntegerField(null=True, blank=True)
    target_reps = models.PositiveSmallIntegerField(null=True, blank=True)
    target_seconds = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["entry", "part__position", "part_id", "side"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "part", "side"], name="entrypart_one_per_part_and_side"
            ),
            *(
                models.CheckConstraint(
                    condition=not_negative(field), name=f"entrypart_{field}_gte_0"
                )
                for field in ("sets_done", "reps_done", "seconds")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.part.name} ({self.side}) of entry {self.entry_id}"

    @staticmethod
    def meets(targets, *, sets_done, reps_done, seconds) -> bool:
        """At least the prescribed sets × reps, or the shortest prescribed hold. `targets`:
        (target_sets, target_reps, target_seconds), as the row keeps them."""
        target_sets, target_reps, target_seconds = targets
        if target_reps:
            return (sets_done or 0) >= (target_sets or 0) and (reps_done or 0) >= target_reps
        return target_seconds is None or (seconds or 0) >= target_seconds

    @property
    def as_prescribed(self) -> bool:
        targets = (self.target_sets, self.target_reps, self.target_seconds)
        return self.meets(
            targets, sets_done=self.sets_done, reps_done=self.reps_done, seconds=self.seconds
        )

    @property
    def done_text(self) -> str:
        """E.g. "3 × 10" or "45 s"."""
        return done_text(self.sets_done, self.reps_done, self.seconds)

    @property
    def label(self) -> str:
        """E.g. "Knee bent, left"."""
        return part_label(self.part.name, self.side)


def part_label(name: str, side: str) -> str:
    return name if side == Side.BOTH else f"{name}, {side}"


def done_text(sets: int | None, reps: int | None, seconds: int | None) -> str:
    """What was done of a part, e.g. "3 × 10", "2 × ?" or "45 s"."""
    if reps is not None or sets is not None:
        return f"{'?' if sets is None else sets} × {'?' if reps is None else reps}"
    return "–" if seconds is None else f"{seconds} s"


def part_done_text(name: str, side: str, sets, reps, seconds) -> str:
    """E.g. "Knee bent, left 3 × 10"."""
    return f"{part_label(name, side)} {done_text(sets, reps, seconds)}"


def parts_summary(rows) -> tuple[bool, str]:
    """(as_prescribed, parts_text) of an entry from its part rows, in the parts' order: tuples
    of (part name, side, sets, reps, seconds, target sets, target reps, target seconds).
    No rows: not as prescribed, and no text."""
    rows = list(rows)
    met = all(EntryPart.meets(row[5:], sets_done=row[2], reps_done=row[3], seconds=row[4])
              for row in rows)  # fmt: skip
    return bool(rows) and met, "; ".join(part_done_text(*row[:5]) for row in rows)


def tight_spots_by_session(session_ids: list[int]) -> dict[int, list[str]]:
    """Each session's tight spots as the athlete saw them, each once, in the order noted."""
    labels: dict[int, dict[str, None]] = defaultdict(dict)
    rows = (
        Entry.objects.filter(session_id__in=session_ids, done=True)
        .order_by("exercise__position", "exercise__name")
        .values_list("session_id", "tight_spots", "tight_spot_other")
    )
    for session_id, codes, other in rows:
        labels[session_id].update(dict.fromkeys(spot_labels(codes, other)))
    return {session_id: list(found) for session_id, found in labels.items()}


class Comment(models.Model):
    """A coach's feedback on a session, or the athlete's reply."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_comments"
    )
    body = models.TextField(max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the athlete opens the session; only comments by others are ever unread.
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["session", "created_at"], name="comment_session_idx"),
            # The navigation counts a person's unread comments on every page: few are unread.
            models.Index(
                fields=["session"],
                condition=models.Q(read_at__isnull=True),
                name="comment_unread_idx",
            ),
        ]
        constraints = [
            length_at_most("body", COMMENT_MAX_LENGTH, name="comment_body_length"),
        ]

    def __str__(self) -> str:
        return f"Comment by {self.author} on session {self.session_id}"


UNREAD_COMMENTS_SQL = """
    SELECT COUNT(*) FROM training_comment c
    JOIN training_trainingsession s ON s.id = c.session_id
    WHERE s.athlete_id = %s AND c.read_at IS NULL AND c.author_id <> %s
"""


def unread_comment_count(user) -> int:
    """Comments by others on this user's sessions that they have not opened.

    The navigation shows it on every page, so it is one SQL statement written out: the ORM
    spent about 0.5 ms building this count, far more than the database takes to answer it on
    the partial index of unread comments. Counted, not kept on a row, so no delete can leave
    it wrong.
    """
    with connection.cursor() as cursor:
        cursor.execute(UNREAD_COMMENTS_SQL, [user.pk, user.pk])
        return cursor.fetchone()[0]


class LogSummary(models.Model):
    """What pages summarise of one athlete's log, kept by sessions.services on every write.

    Rebuilt from bounded queries in the transaction of the write that changes the log, so the
    coach's dashboard and the page headers read one row per athlete instead of their entries.
    Nothing here is a verdict that time alone could change: `recent` keeps the dates, and the
    7- and 28-day windows are worked out from them when the page is read.
    """

    athlete = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="log_summary",
    )
    last_session = models.ForeignKey(
        TrainingSession, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_performed_at = models.DateTimeField(null=True, blank=True)
    last_highest_pain = models.SmallIntegerField(null=True, blank=True)
    # The sessions of the 35 days up to the newest, newest first, at most 64 (services):
    # [performed_at (ISO), highest pain, morning-after pain, [tight spot labels]].
    recent = models.JSONField(default=list, blank=True)
    # Each drill's last TREND_LENGTH rated sessions, oldest first: {drill id: [[ISO, pain], …]}.
    drill_pains = models.JSONField(default=dict, blank=True)
    # The drills among those whose pain is rising (pain.rising of their drill_pains), as
    # [[drill id, ISO time of the last rating, [pains]], …]: few or none, so the dashboard
    # reads this instead of every drill's ratings. Whether a trend is recent enough to show
    # is a matter of that time, worked out when the page is read.
    rising_drills = models.JSONField(default=list, blank=True)
    wall_left_cm = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    wall_right_cm = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    # The last two wall tests, newest first: [[left cm or None, right cm or None], …], strings.
    wall_recent = models.JSONField(default=list, blank=True)
    # Each drill's last variant: {drill id: variant id}. The log form starts from it.
    variants = models.JSONField(default=dict, blank=True)
    # The median of the athlete's last morning-after ratings: what "usual" means for them.
    usual_morning_pain = models.SmallIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "log summaries"

    def __str__(self) -> str:
        return f"Summary of {self.athlete}'s log"

    def last_variant_id(self, drill_id: int) -> int | None:
        return self.variants.get(str(drill_id))

    def measure_hints(self, drills) -> dict[int, str]:
        """Each drill's "last time: …" hint for the log form, by drill id."""
        last = Entry(
            wall_distance_left_cm=self.wall_left_cm, wall_distance_right_cm=self.wall_right_cm
        )
        hints = {}
        for drill in drills:
            texts = []
            variant_id = self.last_variant_id(drill.pk)
            variant = next((v for v in drill.variant_list if v.pk == variant_id), None)
            if variant is not None:
                texts.append(variant.name)
            if drill.measure == Measure.WALL_DISTANCE and last.wall_distance_text:
                texts.append(last.wall_distance_text)
            if texts:
                hints[drill.pk] = "last time: " + ", ".join(texts)
        return hints
