"""The log follows the prescription: per-part rows and the variant, beside the old columns
until 0007 has carried every entry over."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('exercises', '0005_prescription_for_existing_drills'),
        ('training', '0005_text_and_date_bounds'),
    ]

    operations = [
        migrations.CreateModel(
            name='EntryPart',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('side', models.CharField(choices=[('both', 'Both sides'), ('left', 'Left'), ('right', 'Right')], default='both', max_length=5)),
                ('sets_done', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='sets')),
                ('reps_done', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='reps per set')),
                ('seconds', models.PositiveIntegerField(blank=True, null=True, verbose_name='seconds')),
                ('target_sets', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('target_reps', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('target_seconds', models.PositiveIntegerField(blank=True, null=True)),
            ],
            options={
                'ordering': ['entry', 'part__position', 'part_id', 'side'],
            },
        ),
        migrations.AddField(
            model_name='entry',
            name='variant',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='exercises.drillvariant'),
        ),
        migrations.AddField(
            model_name='logsummary',
            name='usual_morning_pain',
            field=models.SmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='logsummary',
            name='variants',
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name='logsummary',
            name='wall_recent',
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name='entrypart',
            name='entry',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='parts', to='training.entry'),
        ),
        migrations.AddField(
            model_name='entrypart',
            name='part',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='exercises.drillpart'),
        ),
        migrations.AddConstraint(
            model_name='entrypart',
            constraint=models.UniqueConstraint(fields=('entry', 'part', 'side'), name='entrypart_one_per_part_and_side'),
        ),
        migrations.AddConstraint(
            model_name='entrypart',
            constraint=models.CheckConstraint(condition=models.Q(('sets_done__isnull', True), ('sets_done__gte', 0), _connector='OR'), name='entrypart_sets_done_gte_0'),
        ),
        migrations.AddConstraint(
            model_name='entrypart',
            constraint=models.CheckConstraint(condition=models.Q(('reps_done__isnull', True), ('reps_done__gte', 0), _connector='OR'), name='entrypart_reps_done_gte_0'),
        ),
        migrations.AddConstraint(
            model_name='entrypart',
            constraint=models.CheckConstraint(condition=models.Q(('seconds__isnull', True), ('seconds__gte', 0), _connector='OR'), name='entrypart_seconds_gte_0'),
        ),
    ]
