"""Anonymise closed signals whose retention period has passed (run daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from weerbaar.privacy.context import command_context
from weerbaar.signals.services import retention_run


class Command(BaseCommand):
    help = "Anonymise closed signals after the retention period (default 5 years; geen vervolg 1 year)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only list what would be anonymised")

    def handle(self, *args, dry_run=False, **options):
        done = retention_run(ctx=command_context(command="signals_retention"), dry_run=dry_run)
        for item in done:
            number = getattr(item, "signal_number", None) or item.number
            self.stdout.write(f"{'would anonymise' if dry_run else 'anonymised'} {number}")
        self.stdout.write(f"{len(done)} signal(s)")
