import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from weerbaar.backup.engines import BackupError
from weerbaar.backup.services import backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `weerbaar backup` into this (empty) instance: the manifest's signature "
        "and every file's SHA-256 are checked first, then the databases and media are restored and "
        "audit_verify runs against the backup's checkpoint."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="the backup folder")
        parser.add_argument(
            "--force", action="store_true", help="replace the data of an instance that is not empty"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            restored = backup_restore(source=Path(options["source"]), replace=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(restored.verify_output, ending="")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {', '.join(restored.databases)} and {restored.media_files} media files from "
                f"{options['source']} (made {restored.manifest['created']}) in {time.monotonic() - started:.1f} s."
            )
        )
