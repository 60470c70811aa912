"""The columns that 0007 carried over into parts and variants."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("training", "0007_carry_entries_over")]

    operations = [
        migrations.RemoveConstraint(
            model_name='entry',
            name='entry_sets_done_gte_0',
        ),
        migrations.RemoveConstraint(
            model_name='entry',
            name='entry_reps_done_gte_0',
        ),
        migrations.RemoveConstraint(
            model_name='entry',
            name='entry_duration_seconds_gte_0',
        ),
        migrations.RemoveField(
            model_name='logsummary',
            name='heel_drop_knee',
        ),
        migrations.RemoveField(
            model_name='logsummary',
            name='heel_drop_leg',
        ),
        migrations.RemoveField(
            model_name='entry',
            name='duration_seconds',
        ),
        migrations.RemoveField(
            model_name='entry',
            name='heel_drop_knee',
        ),
        migrations.RemoveField(
            model_name='entry',
            name='heel_drop_leg',
        ),
        migrations.RemoveField(
            model_name='entry',
            name='reps_done',
        ),
        migrations.RemoveField(
            model_name='entry',
            name='sets_done',
        ),
        migrations.RemoveField(
            model_name='entry',
            name='side',
        ),
    ]
