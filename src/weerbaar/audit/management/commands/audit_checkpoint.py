from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from weerbaar.audit.checkpoints import CheckpointRefused, checkpoint_create


class Command(BaseCommand):
    help = (
        "Sign a checkpoint of the audit log now (tree size and Merkle root, Ed25519) and write it to the "
        "witnesses. Run it from a timer, and before a backup. Exits non-zero when a witness failed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="sign even when no entry came since the last"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            checkpoint, results = checkpoint_create(force=options["force"])
        except CheckpointRefused as exc:
            raise CommandError(f"No checkpoint signed: {exc} (run weerbaar audit_verify)") from exc
        if checkpoint is None:
            self.stdout.write("The audit log is empty: nothing to sign.")
            return
        fresh = "Signed" if results or options["force"] else "No new entries; the latest"
        self.stdout.write(f"{fresh} checkpoint: {checkpoint.tree_size} entries, root {checkpoint.root_hash}.")
        self.stdout.write(checkpoint.note)
        failed = [r for r in results if not r.ok]
        for result in results:
            self.stdout.write(f"witness {result.witness}: {'ok' if result.ok else 'FAILED'} {result.detail}")
        if failed:
            raise CommandError(f"{len(failed)} witness(es) failed: {', '.join(r.witness for r in failed)}")
