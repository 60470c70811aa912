"""What the progress page reads, by statements written out once: the athlete's newest
sessions, the drills done in them, their count per UTC hour for the calendar, the drills of
the catalogue with their rungs, and the athlete's usual morning.

Through the ORM, building these queries cost more than running them: the entries' (the ids of
91 sessions, each prepared as a lookup value) took 0.4 ms and converting its ~550 rows another
0.4; the grouped count 0.6 ms for 0.07 of SQL; the others 0.15 to 0.25 ms each. The statements
never change but for the number of ids (as accounts/session_store.py reads the session row),
and are built from the models' own table and column names. Values that differ between SQLite
and PostgreSQL are made alike here: a moment through the database's own converters, booleans
(0/1 on SQLite) through bool(), decimals (numbers on SQLite, and in JSON) through
config.rows.as_decimal().
"""

from __future__ import annotations

from datetime import datetime

import orjson
from django.db import connections, router

from config.rows import as_decimal, column_converters
from exercises.models import DrillVariant, Exercise
from sessions.models import NO_SPOTS, Entry, LogSummary, TrainingSession, spot_labels

from .progress import LoggedDrill

# What is read of each entry, in this order. Whether its parts were done as prescribed comes
# summed up on the entry, as the write path keeps it: reading the heel drops' ~360 part rows
# was a tenth of the page.
COLUMNS = (
    "exercise_id", "peak_pain", "wall_distance_left_cm", "wall_distance_right_cm", "variant_id",
    "as_prescribed", "tight_spots", "tight_spot_other",
)  # fmt: skip
# A session's entries as one JSON array of arrays, each in COLUMNS' order, built by the
# database: a row a session. Fetched a value at a time, the ~550 entries' ~5,000 values were a
# seventh of the page (CPython's sqlite3 lets go of the GIL and takes it back around each).
# The tight spots stay their JSON text, a string in the array: parsing it there cost more.
ENTRIES_AS_JSON = {
    "sqlite": ("json_group_array(json_array({}))", "{}"),
    "postgresql": ("json_agg(json_build_array({}))", "CAST({} AS text)"),
}


def newest_sessions(
    athlete_id: int, *, since: datetime, until: datetime, limit: int
) -> list[tuple[int, datetime, int | None]]:
    """(id, performed_at, morning-after pain) of the athlete's newest `limit` sessions from
    `since` to before `until`, newest first, as TrainingSession.newest_first() orders them."""
    connection = connections[router.db_for_read(TrainingSession)]
    quote = connection.ops.quote_name
    field = TrainingSession._meta.get_field
    pk, at, after, athlete = (
        quote(field(name).column)
        for name in ("id", "performed_at", "morning_after_pain", "athlete")
    )
    sql = (
        f"SELECT {pk}, {at}, {after} FROM {quote(TrainingSession._meta.db_table)} "  # noqa: S608 - the model's own names
        f"WHERE {athlete} = %s AND {at} >= %s AND {at} < %s ORDER BY {at} DESC, {pk} DESC LIMIT %s"
    )
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(sql, [athlete_id, adapt(since), adapt(until), limit])
        rows = cursor.fetchall()
    # SQLite gives the moment as text: the converters Django applies to the column's values
    # (none on PostgreSQL, which gives an aware datetime).
    column = field("performed_at").get_col(TrainingSession._meta.db_table)
    converters = column_converters(connection, column)
    for convert in converters:
        rows = [(pk, convert(moment, column, connection), after) for pk, moment, after in rows]
    return rows


def drill_rows() -> list[tuple[int, str, str, bool, int | None, str | None]]:
    """Every drill in routine order, a row per variant, first rung first: (id, name, measure,
    active, variant id, variant name), the variant's None for a drill without variants."""
    connection = connections[router.db_for_read(Exercise)]
    quote = connection.ops.quote_name
    drill, variant = Exercise._meta, DrillVariant._meta

    def columns(meta, alias: str, *names: str) -> list[str]:
        return [f"{alias}.{quote(meta.get_field(name).column)}" for name in names]

    pk, name, measure, active, position = columns(
        drill, "d", "id", "name", "measure", "active", "position"
    )
    v_pk, v_name, v_rung, v_drill = columns(variant, "v", "id", "name", "rung", "exercise")
    sql = (
        f"SELECT {pk}, {name}, {measure}, {active}, {v_pk}, {v_name} "  # noqa: S608 - the models' own names
        f"FROM {quote(drill.db_table)} d LEFT OUTER JOIN {quote(variant.db_table)} v "
        f"ON {v_drill} = {pk} ORDER BY {position}, {name}, {v_rung}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        # SQLite gives 0 or 1 for a boolean.
        return [(*row[:3], bool(row[3]), *row[4:]) for row in cursor.fetchall()]


def usual_morning(athlete_id: int) -> int | None:
    """The athlete's usual morning-after pain, as their LogSummary keeps it (its other fields
    are JSON to decode)."""
    connection = connections[router.db_for_read(LogSummary)]
    quote = connection.ops.quote_name
    field = LogSummary._meta.get_field
    usual, athlete = quote(field("usual_morning_pain").column), quote(field("athlete").column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {usual} FROM {quote(LogSummary._meta.db_table)} WHERE {athlete} = %s",  # noqa: S608 - the model's own names
            [athlete_id],
        )
        row = cursor.fetchone()
    return None if row is None else row[0]


def sessions_per_hour(
    athlete_id: int, *, since: datetime, until: datetime
) -> list[tuple[str, int]]:
    """The athlete's sessions from `since` to before `until`, counted per UTC hour, e.g.
    ("2026-06-17 06", 2): the first 13 characters of the moment as text, on SQLite
    ("2026-06-17 06:30:00.123456") and PostgreSQL, whose connection Django keeps in UTC
    ("2026-06-17 06:30:00.123456+00"). Through the ORM this query took 0.6 ms; run, 0.07."""
    connection = connections[router.db_for_read(TrainingSession)]
    quote = connection.ops.quote_name
    field = TrainingSession._meta.get_field
    at, athlete = quote(field("performed_at").column), quote(field("athlete").column)
    sql = (
        f"SELECT SUBSTR(CAST({at} AS text), 1, 13), COUNT(*) "  # noqa: S608 - the model's own names
        f"FROM {quote(TrainingSession._meta.db_table)} "
        f"WHERE {athlete} = %s AND {at} >= %s AND {at} < %s GROUP BY 1"
    )
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(sql, [athlete_id, adapt(since), adapt(until)])
        return cursor.fetchall()


def statement(connection, count: int) -> str:
    quote = connection.ops.quote_name
    names = [quote(Entry._meta.get_field(name).column) for name in COLUMNS]
    entries, spots = ENTRIES_AS_JSON[connection.vendor]
    index = COLUMNS.index("tight_spots")
    names[index] = spots.format(names[index])
    session = quote(Entry._meta.get_field("session").column)
    done = quote(Entry._meta.get_field("done").column)
    ids = ", ".join(["%s"] * count)
    return (
        f"SELECT {session}, CAST({entries.format(', '.join(names))} AS text) "  # noqa: S608 - the model's own names
        f"FROM {quote(Entry._meta.db_table)} "
        f"WHERE {done} = %s AND {session} IN ({ids}) GROUP BY {session}"
    )


def logged_drills(session_ids: list[int]) -> dict[int, tuple[LoggedDrill, ...]]:
    """The drills done in each of these sessions, by session id, in no order. A drill skipped
    is left out: no figure counts it."""
    connection = connections[router.db_for_read(Entry)]
    with connection.cursor() as cursor:
        cursor.execute(statement(connection, len(session_ids)), [True, *session_ids])
        rows = cursor.fetchall()
    by_session: dict[int, tuple[LoggedDrill, ...]] = {}
    new = tuple.__new__  # LoggedDrill's own __new__ is a Python frame, ~550 times a page
    loads = orjson.loads
    # A runner notes the same few spots again and again: each text is decoded once a page.
    labels_of: dict[tuple[str, str], tuple[str, ...]] = {}
    for session_id, entries in rows:
        drills = []
        for drill_id, pain, wall_left, wall_right, variant_id, as_prescribed, spots, other in loads(
            entries
        ):
            # Numbers from JSON: SQLite's decimal 9.5 (or 10 for 10.0), PostgreSQL's 10.0; a
            # boolean 0 or 1 on SQLite. as_decimal() and bool() make them alike, exactly.
            # Most entries measure no wall and note no spot: those skip the calls.
            if wall_left is not None or wall_right is not None:
                wall_left, wall_right = as_decimal(wall_left), as_decimal(wall_right)
            if spots == NO_SPOTS and not other:
                labels = ()
            else:
                labels = labels_of.get((spots, other))
                if labels is None:
                    labels = labels_of[spots, other] = tuple(spot_labels(loads(spots), other))
            values = (
                drill_id, True, pain, wall_left, wall_right, variant_id, bool(as_prescribed),
                labels,
            )  # fmt: skip
            drills.append(new(LoggedDrill, values))
        by_session[session_id] = tuple(drills)
    return by_session
