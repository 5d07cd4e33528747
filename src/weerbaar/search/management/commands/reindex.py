"""`weerbaar reindex [--kind factsheet ...]`: rebuild the search index from the apps' objects."""

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from weerbaar.search.kinds import search_kinds
from weerbaar.search.services import search_reindex


class Command(BaseCommand):
    help = "Rebuild the search index (all kinds, or the kinds named) from the apps' own objects."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kind", action="append", dest="kinds", help=f"one of: {', '.join(search_kinds)}"
        )

    def handle(self, *args, kinds: list[str] | None = None, **options) -> None:
        unknown = sorted(set(kinds or ()) - set(search_kinds))
        if unknown:
            raise CommandError(f"unknown kind(s) {', '.join(unknown)}; known: {', '.join(search_kinds)}")
        started = time.perf_counter()
        counts = search_reindex(kinds=kinds)
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count} documents")
        self.stdout.write(f"indexed in {time.perf_counter() - started:.1f} s")
