from django.core.management.base import BaseCommand, CommandError

from weerbaar.catalog.starter import StarterError, load_starter
from weerbaar.privacy.context import command_context


class Command(BaseCommand):
    help = "Load the starter vocabularies, contact entries and factsheets (idempotent)."

    def handle(self, *args, **options):
        try:
            counts = load_starter(ctx=command_context(command="load_catalog"))
        except StarterError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            "factsheets: {created} new, {refreshed} refreshed, {unchanged} unchanged, {kept} kept (edited); "
            "contacts: {contacts}".format(**counts)
        )
