"""Remove ervencoach visits whose retention date has passed (run daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from weerbaar.buitengebied.services import bezoek_retention_run
from weerbaar.privacy.context import command_context


class Command(BaseCommand):
    help = "Verwijder ervencoachbezoeken waarvan de bewaartermijn verstreken is (standaard 2 jaar)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only list what would be removed")

    def handle(self, *args, dry_run=False, **options):
        done = bezoek_retention_run(ctx=command_context(command="buitengebied_retention"), dry_run=dry_run)
        self.stdout.write(f"{len(done)} bezoek(en) {'te verwijderen' if dry_run else 'verwijderd'}")
