import time

from django.core.management.base import BaseCommand, CommandError

from demo.data import DEMO_PASSWORD, demo_exists, remove_demo, seed_demo
from exercises.services import seed_drills


class Command(BaseCommand):
    help = "Create demo athletes and coaches with realistic routine logs, and print their logins."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--athletes", type=int, default=8)
        parser.add_argument("--days", type=int, default=90)
        parser.add_argument("--coaches", type=int, default=1)
        parser.add_argument(
            "--lead-coach-athletes",
            type=int,
            default=0,
            help="The first coach also follows this many athletes (a busy dashboard).",
        )
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument(
            "--reset", action="store_true", help="Remove earlier demo users and their data first."
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when demo data is already there."
        )

    def handle(self, *args, **options) -> None:
        if options["athletes"] < 0 or options["days"] < 1 or options["coaches"] < 0:
            raise CommandError("Use --athletes ≥ 0, --days ≥ 1 and --coaches ≥ 0.")
        if demo_exists():
            if options["if_empty"]:
                self.stdout.write("Demo data is already there; nothing changed.")
                return
            if not options["reset"]:
                raise CommandError("Demo data already exists. Add --reset to replace it.")
            remove_demo()
        seed_drills()
        started = time.perf_counter()
        result = seed_demo(
            athletes=options["athletes"],
            days=options["days"],
            coaches=options["coaches"],
            lead_coach_athletes=options["lead_coach_athletes"],
            seed=options["seed"],
        )
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {len(result.athletes)} athletes, {len(result.coaches)} coaches, "
                f"{result.sessions} sessions and {result.entries} entries in {elapsed:.1f} s."
            )
        )
        shown = result.coaches + result.athletes[:3]
        self.stdout.write(f"Sign in with any of these, password “{DEMO_PASSWORD}”:")
        for username in shown:
            self.stdout.write(f"  {username}")
        if len(result.athletes) > 3:
            self.stdout.write(f"  … and athletes up to {result.athletes[-1]}")
