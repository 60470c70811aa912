"""Model rows read and written through short SQL statements, for the few hot paths.

Building a query through the ORM costs a few tenths of a millisecond each time (the query,
its compiler, every field's preparation), which is most of what a handful of rows costs.
The log form and every save read the drills and write a session's entries and parts this
way. The statements are plain SQL that SQLite and PostgreSQL both run; values pass through
each field's own conversions both ways (SQLite's 0 and 1 into booleans, JSON, decimals), so
the instances are what the ORM would have built; tests/site/test_rows.py holds them to it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal
from weakref import WeakKeyDictionary

import orjson
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init


def read(model: type[models.Model], clause: str, params: Sequence = (), **extra: str) -> list:
    """The rows of `model`'s table (alias `t`) that `clause` keeps ("WHERE … ORDER BY …"),
    as model instances. `extra` names computed columns, set on each instance as attributes."""
    db = connections[DEFAULT_DB_ALIAS]  # once: the `connection` proxy looks it up each use
    select, names, converters, plain_fields = _reading(db, model, tuple(extra.items()))
    with db.cursor() as cursor:
        cursor.execute(f"{select} {clause}", params)
        rows = cursor.fetchall()
    count = len(names)
    # Signals may be connected at any time: asked each read, the fields' part known already.
    plain = plain_fields and not (pre_init.has_listeners(model) or post_init.has_listeners(model))
    instances = []
    for row in rows:
        values = list(row[:count])
        for index, converter, column in converters:
            values[index] = converter(values[index], column, db)
        if plain:
            instance = model.__new__(model)
            instance.__dict__.update(zip(names, values, strict=True))
            state = instance._state = ModelState()
            state.adding, state.db = False, db.alias
        else:
            instance = model.from_db(db.alias, names, values)
        for name, value in zip(extra, row[count:], strict=True):
            setattr(instance, name, value)
        instances.append(instance)
    return instances


def _has_plain_fields(model: type[models.Model]) -> bool:
    """Whether read() may build `model`'s instances as Model.from_db() ends up building them,
    without going through __init__ (when no receiver of pre_init or post_init would miss a
    signal, which read() asks itself): __init__ is Django's own, and each field's value is
    kept by a descriptor that stores it in the instance's __dict__ (a foreign key's first
    drops a cached related object, which a new instance has none of). __init__ was a third of
    reading the routine's twenty rows; tests/site/test_rows.py holds the instances to the
    ORM's."""
    return model.__init__ is models.Model.__init__ and all(
        type(getattr(model, field.attname)) in PLAIN_DESCRIPTORS
        for field in model._meta.concrete_fields
    )


PLAIN_DESCRIPTORS = (DeferredAttribute, ForeignKeyDeferredAttribute)


# How each model is read on each connection: its SELECT, its fields' names, the conversions
# its columns need, and whether its instances can be built without __init__. Worked out from
# the model's fields once per connection (the converters are the connection's own), not for
# each read: a third of a read's cost.
_readings: WeakKeyDictionary = WeakKeyDictionary()


def _reading(db, model: type[models.Model], extra: tuple) -> tuple[str, list, list, bool]:
    known = _readings.setdefault(db, {})
    if (model, extra) not in known:
        fields = model._meta.concrete_fields
        table = db.ops.quote_name(model._meta.db_table)
        columns = [f"t.{db.ops.quote_name(field.column)}" for field in fields]
        columns += [f"({sql})" for _name, sql in extra]
        converters = []
        for index, field in enumerate(fields):
            column = field.get_col(table)
            converters += [(index, found, column) for found in column_converters(db, column)]
        select = f"SELECT {', '.join(columns)} FROM {table} t"  # noqa: S608
        names = [field.attname for field in fields]
        known[model, extra] = (select, names, converters, _has_plain_fields(model))
    return known[model, extra]


def column_converters(db, column) -> list[Callable]:
    """What turns a column's values as the database gives them into the field's (converter(value,
    expression, connection)): the backend's conversions, then the field's, as the ORM applies
    them. Two are done faster with the same results: a JSON column's text is decoded by orjson
    where Django's JSONField would use json.loads (no decoder of its own), in a third of the
    time (a log form and every save read the summary, six JSON columns); and SQLite's text of a
    moment is read by datetime.fromisoformat, without Django's check of settings.USE_TZ (a
    lazy setting) for each (progress reads ~90, a history page ~60)."""
    field = column.target
    found = db.ops.get_db_converters(column) + field.get_db_converters(db)
    json = isinstance(field, models.JSONField) and field.decoder is None
    utc_text = db.vendor == "sqlite" and settings.USE_TZ and isinstance(field, models.DateTimeField)
    faster = []
    for converter in found:
        if json and converter == field.from_db_value:
            converter = _json_value
        elif utc_text and converter == db.ops.convert_datetimefield_value:
            converter = _sqlite_moment
        faster.append(converter)
    return faster


def _sqlite_moment(value, expression, connection):
    """SQLite's convert_datetimefield_value with USE_TZ: the stored text, in the connection's
    time zone (UTC unless its TIME_ZONE says otherwise) when it names none."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=connection.timezone)


def _json_value(value, expression, connection):
    """JSONField.from_db_value, for a column read whole (not a key of it)."""
    if value is None:
        return None
    try:
        return orjson.loads(value)
    except orjson.JSONDecodeError:
        return value  # as Django does: text that is not JSON stays text


def insert(objs: Sequence[models.Model]) -> None:
    """Insert new instances of one model in one statement, as bulk_create() does, and set
    each one's primary key from the database (RETURNING, in the order given, as Django's
    bulk_create assumes on both databases)."""
    db = connections[DEFAULT_DB_ALIAS]  # once: the `connection` proxy looks it up each use
    if not objs:
        return
    model = type(objs[0])
    batch = db.ops.bulk_batch_size(model._meta.concrete_fields, objs)
    if not db.features.can_return_rows_from_bulk_insert or batch < len(objs):
        # An old SQLite, or more rows than one statement holds: bulk_create batches them.
        model._base_manager.bulk_create(objs)
        return
    meta = model._meta
    pk = meta.pk
    # Stored columns only: not the key the database hands out, nor a generated column.
    fields = [f for f in meta.concrete_fields if f is not pk and not f.generated]
    values = [[field.pre_save(obj, add=True) for field in fields] for obj in objs]
    sql, params = _insert_statement(db, meta, fields, values)
    with db.cursor() as cursor:
        cursor.execute(f"{sql} RETURNING {db.ops.quote_name(pk.column)}", params)
        keys = cursor.fetchall()
    for obj, (key,) in zip(objs, keys, strict=True):
        setattr(obj, pk.attname, key)
        obj._state.adding = False
        obj._state.db = db.alias


def insert_values(model: type[models.Model], names: Sequence[str], rows: Sequence[Sequence]):
    """Insert rows of `model` given as plain values of its fields `names` (by attname, e.g.
    "entry_id"), in as few statements as the database takes: for rows that nothing reads back,
    so not worth a model instance each (the save's part rows). The values pass through each
    field's preparation as insert() sends them; no field's pre_save runs (no auto_now)."""
    if not rows:
        return
    db = connections[DEFAULT_DB_ALIAS]
    meta = model._meta
    fields = [meta.get_field(name) for name in names]
    batch = db.ops.bulk_batch_size(fields, rows)
    with db.cursor() as cursor:
        for start in range(0, len(rows), batch):
            cursor.execute(*_insert_statement(db, meta, fields, rows[start : start + batch]))


def _insert_statement(db, meta, fields: list, rows: Sequence[Sequence]) -> tuple[str, list]:
    """INSERT … VALUES of `rows` (each a value for each of `fields`), and its parameters."""
    columns = ", ".join(db.ops.quote_name(field.column) for field in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    preparers = [_preparer(db, field) for field in fields]
    params = [
        prepare(value) for values in rows for prepare, value in zip(preparers, values, strict=True)
    ]
    sql = (
        f"INSERT INTO {db.ops.quote_name(meta.db_table)} ({columns}) "  # noqa: S608
        f"VALUES {', '.join([row] * len(rows))}"
    )
    return sql, params


def update(obj: models.Model) -> None:
    """Write every stored field of a row read before, as save() on it does (auto_now
    fields too), in one UPDATE by its primary key."""
    db = connections[DEFAULT_DB_ALIAS]  # once: the `connection` proxy looks it up each use
    meta = type(obj)._meta
    pk = meta.pk
    fields = [f for f in meta.concrete_fields if f is not pk and not f.generated]
    assignments = ", ".join(f"{db.ops.quote_name(f.column)} = %s" for f in fields)
    params = [_preparer(db, field)(field.pre_save(obj, add=False)) for field in fields]
    sql = (
        f"UPDATE {db.ops.quote_name(meta.db_table)} SET {assignments} "  # noqa: S608
        f"WHERE {db.ops.quote_name(pk.column)} = %s"
    )
    with db.cursor() as cursor:
        cursor.execute(sql, [*params, pk.get_db_prep_value(obj.pk, db)])


def _preparer(db, field: models.Field) -> Callable:
    """How a value of `field` goes to the database, as field.get_db_prep_save() sends it.

    None is NULL to every field (JSONField says so too); a part row's values are mostly None.
    On SQLite, an int for an integer column (a key too) and a str for a text column go as they
    are, which is what their fields' five calls each come to there (PostgreSQL wraps an int
    in its column's type): a save sends ~250 values. tests/site/test_rows.py holds each to
    get_db_prep_save() on both databases.
    """
    key = (db.alias, field)
    known = _preparers.get(key)
    if known is None:
        kind = field.target_field if field.is_relation else field
        plain = ()
        if db.vendor == "sqlite" and type(db.ops).adapt_integerfield_value is (
            BaseDatabaseOperations.adapt_integerfield_value
        ):
            django_own = type(kind).__module__.startswith("django.db.models.fields")
            if django_own and isinstance(kind, models.IntegerField):
                plain = (int,)
            elif type(kind) in (models.CharField, models.TextField, models.SlugField):
                plain = (str,)

        # `db` is the alias's first connection (one a thread): preparing a value reads only
        # the alias's settings and features, alike on each.
        def known(value, field=field, plain=plain, db=db):
            if value is None:
                return None
            if type(value) in plain:
                return value
            return field.get_db_prep_save(value, db)

        _preparers[key] = known
    return known


_preparers: dict = {}


def as_decimal(value) -> Decimal | None:
    """A decimal column read by a plain cursor, alike on both databases: PostgreSQL gives a
    Decimal, SQLite a number (9.5, or 10 for 10.0); str() keeps the digits shown."""
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value))
