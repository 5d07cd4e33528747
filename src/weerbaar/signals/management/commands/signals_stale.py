"""After a register import: tell the assigned organisation which open signals to enrich again.

The command does not enrich by itself: an enrichment reads shielded data and needs a person with a
verified second factor. It notifies once per signal and import.
"""

from django.core.management.base import BaseCommand

from weerbaar.privacy.context import command_context
from weerbaar.signals.services import stale_enrichments_notify


class Command(BaseCommand):
    help = "Notify about open signals whose enrichment is older than the last register import."

    def handle(self, *args, **options):
        sent = stale_enrichments_notify(ctx=command_context(command="signals_stale"))
        self.stdout.write("no register imports" if sent is None else f"{sent} notification(s)")
