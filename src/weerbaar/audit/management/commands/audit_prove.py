import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from weerbaar.audit.proving import ProofUnavailable, consistency_proof_for, entry_by_id, inclusion_proof_for


class Command(BaseCommand):
    help = (
        "Print an RFC 6962 inclusion proof of one audit entry (its fields, the audit path and the signed "
        "checkpoint it leads to) as JSON; with --consistency N, the proof that the checkpoint of N entries "
        "is a prefix of the latest. Check it anywhere with `weerbaar audit_verify_proof`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("entry_id", nargs="?", type=int)
        parser.add_argument("--consistency", type=int, metavar="SIZE")
        parser.add_argument("--output", "-o", metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["consistency"] is not None:
                document = consistency_proof_for(options["consistency"])
            elif options["entry_id"] is not None:
                entry = entry_by_id(options["entry_id"])
                if entry is None:
                    raise CommandError(f"No audit entry #{options['entry_id']}.")
                document = inclusion_proof_for(entry)
            else:
                raise CommandError("Name an entry id, or --consistency SIZE.")
        except ProofUnavailable as exc:
            raise CommandError(f"No proof: {exc} (run weerbaar audit_verify)") from exc
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text, ending="")
