from django.core.management.base import BaseCommand

from weerbaar.catalog.notifications import stale_notify
from weerbaar.contacts.services import contacts_stale_notify
from weerbaar.privacy.context import command_context


class Command(BaseCommand):
    help = (
        "Mail every maintaining organisation the factsheets it has not reviewed for 12 months, "
        "and every contact entry not confirmed for 12 months."
    )

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")
        parser.add_argument("--dry-run", action="store_true", help="list, do not send")

    def handle(self, *args, base_url, dry_run, **options):
        ctx = command_context(command="catalog_stale_report")
        for code, recipients, count in stale_notify(ctx=ctx, base_url=base_url, dry_run=dry_run):
            self.stdout.write(
                f"{code}: {count} stale → {', '.join(recipients) or '(no contact of the organisation)'}"
            )
        keys = contacts_stale_notify(ctx=ctx, base_url=base_url, dry_run=dry_run)
        self.stdout.write(f"contacts asked to confirm: {', '.join(keys) or 'none'}")
