"""Queue the deliveries whose back-off has passed. Every running worker does this on its own every
30 s (`weerbaar.jobs.registry.periodic_tasks`); the command is for a set-up without a worker."""

from django.core.management.base import BaseCommand

from weerbaar.beschikkingen.services import bezorgingen_due


class Command(BaseCommand):
    help = "Zet bezorgingen van beschikkingen waarvan de wachttijd voorbij is opnieuw in de wachtrij."

    def handle(self, *args, **options) -> None:
        queued = bezorgingen_due()
        self.stdout.write(f"{len(queued)} bezorgingen opnieuw in de wachtrij\n")
