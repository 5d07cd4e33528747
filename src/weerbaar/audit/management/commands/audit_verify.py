from django.core.management.base import BaseCommand, CommandError

from weerbaar.audit.chain import verify
from weerbaar.audit.selectors import chain_count, chain_entries


class Command(BaseCommand):
    help = "Check the audit log's hash chain; exits non-zero naming the first broken entry."

    def handle(self, *args, **options):
        entries = chain_entries()
        broken = verify(entries.iterator(chunk_size=2000), expected_count=chain_count())
        if broken:
            where = "end of the log" if broken.entry_id < 0 else f"entry #{broken.entry_id}"
            raise CommandError(f"Audit chain broken at {where}: {broken.reason}")
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {entries.count()} entries."))
