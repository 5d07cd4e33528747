import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from weerbaar.backup.engines import BackupError
from weerbaar.backup.services import backup_create


class Command(BaseCommand):
    help = (
        "Back up every database (SQLite online backup API / pg_dump) and the media into a new folder, "
        "with a signed manifest (versions, SHA-256 of each file, the latest audit checkpoint). "
        "Keys are never included: keep them in a vault."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("destination", help="a new (or empty) folder")
        parser.add_argument("--no-media", action="store_true", help="leave the media (uploads) out")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            manifest = backup_create(
                destination=Path(options["destination"]), include_media=not options["no_media"]
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        size = sum(f["size"] for f in manifest["files"].values())
        checkpoint = manifest.get("audit_checkpoint", {})
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup in {options['destination']}: {len(manifest['files'])} files, {size / 1e6:.1f} MB, "
                f"audit checkpoint of {checkpoint.get('size', 0)} entries, {time.monotonic() - started:.1f} s."
            )
        )
