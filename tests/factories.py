from __future__ import annotations

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from coaching.models import CoachLink
from exercises.models import DrillPart, DrillVariant, Exercise
from sessions.models import Comment, Entry, EntryPart, TrainingSession
from sessions.services import refresh_summary

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"runner{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    display_name = factory.Faker("first_name")
    time_zone = "Europe/London"

    @classmethod
    def _create(cls, model_class, *args, password: str = PASSWORD, **kwargs):
        return model_class.objects.create_user(*args, password=password, **kwargs)


class ExerciseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exercise
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Drill {n}")
    slug = factory.Sequence(lambda n: f"drill-{n}")
    position = factory.Sequence(lambda n: n + 1)
    purpose = "Keeps the foot moving."
    instructions = "Do the first thing.\nDo the second thing."
    sets = 3
    reps = 10
    equipment = "A wall"


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    """Writes around sessions.services, as a data script would: so, as one must, it then
    works out the athlete's summary afresh."""

    class Meta:
        model = TrainingSession

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        session = super()._create(model_class, *args, **kwargs)
        refresh_summary(session.athlete_id)
        return session

    athlete = factory.SubFactory(UserFactory)
    performed_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    timing = "pre_run"


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    session = factory.SubFactory(TrainingSessionFactory)
    exercise = factory.SubFactory(ExerciseFactory)
    done = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        entry = super()._create(model_class, *args, **kwargs)
        refresh_summary(entry.session.athlete_id)
        return entry


class CoachLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoachLink

    athlete = factory.SubFactory(UserFactory)
    coach = factory.SubFactory(UserFactory)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    session = factory.SubFactory(TrainingSessionFactory)
    author = factory.SubFactory(UserFactory)
    body = "Nice and steady."


def logged_routine(*, athlete, performed_at, morning_after_pain=None, **entries) -> TrainingSession:
    """A session with an entry for each drill slug given, e.g. `**{"toe-raises": {"pain": 2}}`.

    An entry's "variant" may be given by name, and "parts": "prescribed" adds its parts done
    as the drill prescribes (on each side the variant asks for).
    """
    session = TrainingSessionFactory(
        athlete=athlete, performed_at=performed_at, morning_after_pain=morning_after_pain
    )
    for slug, fields in entries.items():
        fields = dict(fields)
        drill = Exercise.objects.get(slug=slug)
        parts = fields.pop("parts", None)
        if isinstance(fields.get("variant"), str):
            fields["variant"] = drill.variants.get(name=fields["variant"])
        entry = EntryFactory(session=session, exercise=drill, **fields)
        if parts == "prescribed":
            prescribed_parts(entry)
    return session


def prescribed_parts(entry: Entry) -> list[EntryPart]:
    """The entry's parts, each done exactly as its drill prescribes."""
    rows = []
    for part in entry.exercise.parts.all():
        each_side = part.per_side or (entry.variant is not None and entry.variant.per_side)
        for side in ("left", "right") if each_side else ("both",):
            row = EntryPart(
                entry=entry,
                part=part,
                side=side,
                target_sets=part.sets,
                target_reps=part.reps,
                target_seconds=part.hold_min_seconds or part.hold_max_seconds,
            )
            if part.is_timed:
                row.seconds = row.target_seconds
            else:
                row.sets_done, row.reps_done = part.sets, part.reps
            rows.append(row)
    # As the write path does (sessions.services): the entry sums up its parts.
    entry.sum_up_parts(rows)
    entry.save(update_fields=["as_prescribed", "parts_text"])
    return EntryPart.objects.bulk_create(rows)


def part_field(slug: str, part: str, side: str = "both", measure: str = "sets") -> str:
    """The log form's name for one part's number, e.g. ("eccentric-heel-drops", "Knee bent",
    "left", "reps") → "eccentric-heel-drops-part12_left_reps"."""
    drill_part = DrillPart.objects.get(exercise__slug=slug, name=part)
    return f"{slug}-part{drill_part.pk}_{side}_{measure}"


def variant_id(slug: str, name: str) -> str:
    return str(DrillVariant.objects.get(exercise__slug=slug, name=name).pk)
