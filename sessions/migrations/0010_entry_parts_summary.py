"""Each entry keeps what its parts add up to (as_prescribed, parts_text), so the progress page
reads no part rows; the write path (sessions.services) keeps them from now on, and this fills
them in for the entries logged before. The reverse drops the two columns: the parts stay.
"""

from itertools import groupby

from django.db import migrations, models

from sessions.models import parts_summary

BATCH = 2000  # entries written at a time


def sum_up_existing_parts(apps, schema_editor):
    Entry = apps.get_model("training", "Entry")
    EntryPart = apps.get_model("training", "EntryPart")
    rows = (
        EntryPart.objects.order_by("entry_id", "part__position", "part_id", "side")
        .values_list(
            "entry_id", "part__name", "side", "sets_done", "reps_done", "seconds",
            "target_sets", "target_reps", "target_seconds",
        )
        .iterator(chunk_size=BATCH)
    )  # fmt: skip
    changed = []
    for entry_id, parts in groupby(rows, key=lambda row: row[0]):
        as_prescribed, text = parts_summary(row[1:] for row in parts)
        changed.append(Entry(pk=entry_id, as_prescribed=as_prescribed, parts_text=text))
        if len(changed) == BATCH:
            Entry.objects.bulk_update(changed, ["as_prescribed", "parts_text"])
            changed = []
    Entry.objects.bulk_update(changed, ["as_prescribed", "parts_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0009_logsummary_rising_drills"),
    ]

    operations = [
        migrations.AddField(
            model_name="entry",
            name="as_prescribed",
            field=models.BooleanField(default=False, db_default=False, editable=False),
        ),
        migrations.AddField(
            model_name="entry",
            name="parts_text",
            field=models.TextField(blank=True, default="", db_default="", editable=False),
        ),
        migrations.RunPython(sum_up_existing_parts, migrations.RunPython.noop),
    ]
