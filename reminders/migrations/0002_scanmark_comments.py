"""Replies are noticed from the comments made after this app arrives, not the ones before it."""

from django.db import migrations
from django.db.models import Max


def mark_existing_comments(apps, schema_editor):
    comment = apps.get_model("training", "Comment")
    scan_mark = apps.get_model("reminders", "ScanMark")
    newest = comment.objects.aggregate(newest=Max("pk"))["newest"] or 0
    scan_mark.objects.update_or_create(name="comments", defaults={"last_pk": newest})


class Migration(migrations.Migration):
    dependencies = [("reminders", "0001_initial")]

    operations = [migrations.RunPython(mark_existing_comments, migrations.RunPython.noop)]
