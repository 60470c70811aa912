from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from sessions.services import refresh_summary, sum_up_parts_afresh


class Command(BaseCommand):
    help = (
        "Work out athletes' log summaries, and what each entry's parts add up to, afresh from "
        "their logs: after a data script or bulk change that went around sessions.services, "
        "or on a database from before summaries."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--missing", action="store_true", help="Only athletes who have no summary yet."
        )

    def handle(self, *args, **options) -> None:
        athletes = get_user_model().objects.filter(training_sessions__isnull=False).distinct()
        if options["missing"]:
            athletes = athletes.filter(log_summary__isnull=True)
        count = 0
        for athlete_id in athletes.values_list("pk", flat=True).iterator():
            with transaction.atomic():
                sum_up_parts_afresh(athlete_id=athlete_id)
                refresh_summary(athlete_id)
            count += 1
        self.stdout.write(f"Summaries worked out for {count} athlete{'s' * (count != 1)}.")
