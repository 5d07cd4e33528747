from django.core.management.base import BaseCommand, CommandError

from weerbaar.catalog.starter import StarterError, load_starter


class Command(BaseCommand):
    help = "Load the starter factsheets, contacts and checklist rules (idempotent)."

    def handle(self, *args, **options):
        try:
            counts = load_starter()
        except StarterError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            "factsheets: {created} new, {refreshed} refreshed, {unchanged} unchanged, {kept} kept (edited); "
            "contacts: {contacts}; checklist rules created: {ruleset_created}".format(**counts)
        )
