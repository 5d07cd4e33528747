from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from weerbaar.audit.checkpoints import CheckpointRefused, checkpoint_create
from weerbaar.audit.notes import NoteError, VerifierKey
from weerbaar.audit.selectors import chain_entries, chain_head, stored_checkpoints
from weerbaar.audit.verification import verify_log
from weerbaar.audit.witnesses import witness_file


def public_keys(values: list[str]) -> list[VerifierKey]:
    """`--public-key`: a verifier key string, or a file holding one."""
    found = []
    for value in values:
        text = Path(value).read_text().strip() if Path(value).is_file() else value
        try:
            found.append(VerifierKey.parse(text))
        except NoteError as exc:
            raise CommandError(f"--public-key {value}: {exc}") from exc
    return found


class Command(BaseCommand):
    help = (
        "Check the audit log: every entry against its leaf and the HMAC hash chain, and the Merkle tree "
        "against every signed checkpoint (stored, in the witness file, in --witness files). Exits non-zero "
        "naming the first problem; after a clean check it signs a new checkpoint."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--witness",
            action="append",
            default=[],
            metavar="FILE",
            help="another copy of checkpoints (a witness file, a saved e-mail, a backup manifest)",
        )
        parser.add_argument(
            "--public-key",
            action="append",
            default=[],
            metavar="KEY",
            help="a published verifier key (or a file with one) whose checkpoints count as well",
        )
        parser.add_argument(
            "--no-checkpoint", action="store_true", help="do not sign a checkpoint afterwards"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        files = [Path(f) for f in options["witness"]]
        configured = witness_file()
        if configured is not None and configured not in files:
            files.insert(0, configured)
        for path in options["witness"]:
            if not Path(path).exists():
                raise CommandError(f"--witness {path}: no such file")
        report = verify_log(
            entries=chain_entries().iterator(chunk_size=2000),
            head=chain_head(),
            stored=stored_checkpoints(),
            witness_files=files,
            extra_keys=public_keys(options["public_key"]),
        )
        for warning in report.warnings:
            self.stderr.write(f"warning: {warning}")
        if not report.intact:
            for problem in report.problems[1:]:
                self.stderr.write(f"also: {problem}")
            raise CommandError(f"Audit log broken at {report.problems[0]}")
        sources = ", ".join(f"{name}: {count}" for name, count in report.sources.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit log intact: {report.size} entries, Merkle root {report.root.hex()}, "
                f"{report.claims_checked} signed checkpoints consistent ({sources})."
            )
        )
        if not options["no_checkpoint"] and report.size:
            try:
                checkpoint, results = checkpoint_create()
            except CheckpointRefused as exc:
                raise CommandError(f"No checkpoint signed: {exc}") from exc
            if checkpoint is not None:
                self.stdout.write(f"Checkpoint: {checkpoint.tree_size} entries, root {checkpoint.root_hash}.")
            for result in results:
                if not result.ok:
                    self.stderr.write(f"warning: witness {result.witness} failed: {result.detail}")
