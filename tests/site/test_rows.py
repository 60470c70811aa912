"""config/rows.py: rows read and written through short SQL statements are the rows and the
instances the ORM reads and writes, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models.signals import post_init
from django.utils import timezone

from config import rows
from exercises.models import Exercise, routine
from sessions.models import Entry, EntryPart, LogSummary, TrainingSession
from tests.factories import EntryFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db


def fields(instance) -> dict:
    return {k: v for k, v in vars(instance).items() if not k.startswith("_")}


def test_routine_reads_what_the_orm_reads(drills):
    last = drills[-1]
    last.active = False
    last.save()
    drills[0].name = "Renamed"
    drills[0].save()  # a second revision: routine() gives the newest
    through_orm = list(
        Exercise.objects.active().in_routine_order().with_revision().with_prescription()
    )
    read = routine()
    assert [d.pk for d in read] == [d.pk for d in through_orm]
    for ours, theirs in zip(read, through_orm, strict=True):
        # The same values of the same types: booleans, not SQLite's 0 and 1.
        assert {k: (v, type(v)) for k, v in fields(ours).items() if k in fields(theirs)} == {
            k: (v, type(v)) for k, v in fields(theirs).items()
        }
        assert [fields(p) for p in ours.part_list] == [fields(p) for p in theirs.parts.all()]
        assert [fields(v) for v in ours.variant_list] == [fields(v) for v in theirs.variants.all()]
        assert all(part.exercise is ours for part in ours.part_list)
    assert read[0].revision == Exercise.history.filter(id=read[0].pk).latest().history_id
    # What the pages that only show the drills read: the same, without the revisions.
    shown = routine(revisions=False)
    assert [fields(d) for d in shown] == [
        {k: v for k, v in fields(d).items() if k != "revision"} for d in read
    ]
    assert not any(hasattr(drill, "revision") for drill in shown)


def test_insert_stores_what_bulk_create_stores(athlete, drills):
    session = TrainingSessionFactory(athlete=athlete)
    other = TrainingSessionFactory(athlete=athlete)
    values = {
        "exercise": drills[1],
        "done": True,
        "pain_left": 3,
        "tight_spots": ["heel", "arch"],
        "tight_spot_other": "shin",
        "wall_distance_left_cm": Decimal("9.5"),
        "notes": "Fine.",
    }
    ours = Entry(session=session, **values)
    rows.insert([ours])
    theirs = Entry.objects.bulk_create([Entry(session=other, **values)])[0]
    assert ours.pk is not None and not ours._state.adding
    stored = {
        entry.session_id: fields(entry)
        for entry in Entry.objects.filter(pk__in=[ours.pk, theirs.pk])
    }
    mine, django = stored[session.pk], stored[other.pk]
    for name in ("id", "session_id"):
        mine.pop(name), django.pop(name)
    assert mine == django
    assert mine["peak_pain"] == 3  # the database's generated column, left to it


def test_insert_sets_keys_in_order_for_rows_that_point_at_them(athlete, drills):
    entry = EntryFactory(session=TrainingSessionFactory(athlete=athlete), exercise=drills[2])
    parts = [
        EntryPart(entry=entry, part=part, side="both", sets_done=n, reps_done=10)
        for n, part in enumerate(drills[2].parts.all(), 1)
    ]
    rows.insert(parts)
    assert [p.pk for p in parts] == sorted(p.pk for p in parts)
    assert {p.pk: p.sets_done for p in EntryPart.objects.filter(entry=entry)} == {
        p.pk: p.sets_done for p in parts
    }


def test_insert_values_stores_what_bulk_create_stores(athlete, drills):
    entry = EntryFactory(session=TrainingSessionFactory(athlete=athlete), exercise=drills[2])
    other = EntryFactory(session=TrainingSessionFactory(athlete=athlete), exercise=drills[2])
    names = ("part_id", "side", "sets_done", "reps_done", "seconds", "target_sets")
    values = [(part.pk, "left", n, 10, None, 3) for n, part in enumerate(drills[2].parts.all())]
    assert values
    rows.insert_values(EntryPart, ("entry_id", *names), [(entry.pk, *row) for row in values])
    EntryPart.objects.bulk_create(
        [EntryPart(entry=other, **dict(zip(names, row, strict=True))) for row in values]
    )

    def stored(of):
        return [
            {k: v for k, v in fields(part).items() if k not in {"id", "entry_id"}}
            for part in EntryPart.objects.filter(entry=of).order_by("id")
        ]

    assert stored(entry) == stored(other) and len(stored(entry)) == len(values)


def test_read_gives_the_summary_the_orm_gives(athlete, drills):
    session = TrainingSessionFactory(athlete=athlete, performed_at=timezone.now())
    EntryFactory(session=session, exercise=drills[1], pain=4, wall_distance_left_cm=Decimal("8"))
    (ours,) = rows.read(LogSummary, "WHERE t.athlete_id = %s", [athlete.pk])
    theirs = LogSummary.objects.get(athlete=athlete)
    assert fields(ours) == fields(theirs)
    assert isinstance(ours.wall_left_cm, Decimal) and ours.last_session_id == session.pk
    assert TrainingSession.objects.get(pk=session.pk).performed_at == ours.last_performed_at


def test_update_writes_what_save_writes(athlete, drills):
    TrainingSessionFactory(athlete=athlete)
    (summary,) = rows.read(LogSummary, "WHERE t.athlete_id = %s", [athlete.pk])
    before = summary.updated_at
    summary.variants = {"1": 2}
    summary.wall_right_cm = Decimal("10.5")
    rows.update(summary)
    stored = LogSummary.objects.get(athlete=athlete)
    assert stored.variants == {"1": 2} and stored.wall_right_cm == Decimal("10.5")
    assert stored.updated_at == summary.updated_at > before  # auto_now, as save() sets it


def test_read_builds_instances_that_behave_as_the_orms(drills):
    (ours,) = rows.read(Exercise, "WHERE t.id = %s", [drills[0].pk])
    theirs = Exercise.objects.get(pk=drills[0].pk)
    assert (ours._state.adding, ours._state.db) == (theirs._state.adding, theirs._state.db)
    assert ours == theirs and fields(ours) == fields(theirs)
    ours.name = "Renamed by its reader"
    ours.save()  # an UPDATE of the row read, not a second row
    assert Exercise.objects.get(pk=ours.pk).name == "Renamed by its reader"
    assert Exercise.objects.count() == len(drills)


def test_read_lets_a_receiver_of_post_init_hear_of_each_instance(drills):
    heard = []

    def receiver(sender, instance, **kwargs):
        heard.append(instance.pk)

    post_init.connect(receiver, sender=Exercise)
    try:
        read = rows.read(Exercise, "ORDER BY t.id")
    finally:
        post_init.disconnect(receiver, sender=Exercise)
    assert heard == [drill.pk for drill in read] and len(heard) == len(drills)


@pytest.mark.parametrize("model", [TrainingSession, Entry, EntryPart, LogSummary])
def test_values_go_to_the_database_as_their_fields_send_them(model):
    db = connection
    for field in model._meta.concrete_fields:
        prepare = rows._preparer(db, field)
        for value in (None, 0, 7, "", "left", "12"):
            try:
                expected = field.get_db_prep_save(value, db)
            except (TypeError, ValueError, ValidationError):
                continue  # a value the field refuses: the form refused it before
            sent = prepare(value)
            assert type(sent) is type(expected), (field.name, value)
            # PostgreSQL's JSON wrapper compares by identity: its wrapped value, then.
            assert getattr(sent, "obj", sent) == getattr(expected, "obj", expected)
