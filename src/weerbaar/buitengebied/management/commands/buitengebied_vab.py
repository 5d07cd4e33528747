"""Refresh the farm locations (VAB) from the registers (run after a register import)."""

from django.core.management.base import BaseCommand

from weerbaar.buitengebied.services import vab_refresh
from weerbaar.privacy.context import command_context


class Command(BaseCommand):
    help = "Ververs de VAB-locaties uit de registers (KvK, BAG, BRP)."

    def handle(self, *args, **options):
        done = vab_refresh(ctx=command_context(command="buitengebied_vab"))
        self.stdout.write(
            f"VAB-locaties: {done.nieuw} nieuw, {done.bijgewerkt} bijgewerkt, {done.verwijderd} verwijderd"
        )
