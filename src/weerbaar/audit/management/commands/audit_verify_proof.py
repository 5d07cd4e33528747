import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from weerbaar.audit.management.commands.audit_verify import public_keys
from weerbaar.audit.proofs import DocumentError, verify_document


class Command(BaseCommand):
    help = (
        "Check an inclusion or consistency proof document without the database: the entry's leaf, the "
        "audit path and the checkpoint's Ed25519 signature. Give the published key with --public-key."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--public-key", action="append", default=[], metavar="KEY")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            document = json.loads(Path(options["file"]).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"{options['file']}: {exc}") from exc
        try:
            result = verify_document(document, keys=public_keys(options["public_key"]) or None)
        except DocumentError as exc:
            raise CommandError(f"The proof does not hold: {exc}") from exc
        cp = result.checkpoint
        if result.kind == "inclusion":
            self.stdout.write(
                self.style.SUCCESS(
                    f"Proven: entry #{result.entry_id} (position {result.leaf_index}) is, unchanged, in the "
                    f"log {cp.origin!r} of {cp.size} entries signed {cp.timestamp:%Y-%m-%d %H:%M:%S} UTC."
                )
            )
        else:
            old = result.old_checkpoint
            assert old is not None
            self.stdout.write(
                self.style.SUCCESS(
                    f"Proven: the log {cp.origin!r} of {cp.size} entries still holds, unchanged, the "
                    f"{old.size} entries of its checkpoint of {old.timestamp:%Y-%m-%d %H:%M:%S} UTC."
                )
            )
        self.stdout.write(f"Signed by key {result.key.fingerprint}.")
        if not result.pinned:
            self.stdout.write(
                self.style.WARNING(
                    "No --public-key given: the document's own key was used. Compare the fingerprint above "
                    "with the key the organisation publishes."
                )
            )
