from django.core.management.base import BaseCommand

from exercises.services import seed_drills


class Command(BaseCommand):
    help = "Add the routine's drills that are missing. Never changes a drill that exists."

    def handle(self, *args, **options) -> None:
        created = seed_drills()
        if created:
            names = ", ".join(drill.name for drill in created)
            self.stdout.write(self.style.SUCCESS(f"Added {len(created)} drill(s): {names}."))
        else:
            self.stdout.write("All drills are already there; nothing changed.")
