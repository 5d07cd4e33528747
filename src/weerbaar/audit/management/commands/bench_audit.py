"""`weerbaar bench_audit`: the cost of the Merkle tree and its checkpoints (issue 17).

Run by `make bench-audit` on a scratch database: appends `--entries` entries in batches of 1,000
(a checkpoint every 1,000, as configured by default), then times `audit_verify`'s check of the
whole log against the walk of the HMAC chain alone (what the check did before the tree: the
reference), a checkpoint, and an inclusion and a consistency proof. Never a timed assertion in
the test suite.
"""

from __future__ import annotations

import hmac
import platform
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connections
from django.utils import timezone

from weerbaar.audit import keys
from weerbaar.audit.chain import GENESIS, entry_hash
from weerbaar.audit.checkpoints import checkpoint_create
from weerbaar.audit.leaves import CHAINED_FIELDS
from weerbaar.audit.proofs import verify_document
from weerbaar.audit.proving import consistency_proof_for, inclusion_proof_for
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.audit.selectors import chain_entries, chain_head, stored_checkpoints
from weerbaar.audit.services import audit_entries, entry_fields
from weerbaar.audit.verification import verify_log
from weerbaar.core.context import legacy_context

START, END = "<!-- bench-audit:start -->", "<!-- bench-audit:end -->"
BATCH = 1000


def _timed(work: Callable[[], Any]) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, result


def _hmac_walk() -> int:
    """The reference: the check before the tree (the HMAC chain of every entry, in order)."""
    previous, key, seen = GENESIS, keys.hmac_key(), 0
    for entry in chain_entries().iterator(chunk_size=2000):
        fields = {name: getattr(entry, name) for name in CHAINED_FIELDS}
        if entry.previous_hash != previous or not hmac.compare_digest(
            entry_hash(fields, previous, key=key), entry.hash
        ):
            raise RuntimeError(f"chain broken at #{entry.pk}")
        previous, seen = entry.hash, seen + 1
    return seen


class Command(BaseCommand):
    help = "Benchmark of the audit log's Merkle tree: append, verify, checkpoint, proofs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--entries", type=int, default=100_000)
        parser.add_argument(
            "--record", type=Path, default=None, help="write the result into this Markdown file"
        )

    def handle(self, *args: Any, entries: int, record: Path | None, **options: Any) -> None:
        ctx = legacy_context(None, None)
        batches: list[tuple[float, float]] = []
        for first in range(0, entries, BATCH):
            pending = [
                entry_fields(
                    ctx=ctx,
                    action="export",
                    object_type="registers.persoon",
                    object_id=f"P{i}",
                    data_subject_id=f"persoon-{i}",
                    processing_activity="signaalverrijking",
                    detail={"export": "csv", "rij": i},
                )
                for i in range(first, min(first + BATCH, entries))
            ]
            wall, cpu, _ = _timed(lambda pending=pending: audit_entries(pending))
            batches.append((wall, cpu))
        verify_wall, verify_cpu, report = _timed(
            lambda: verify_log(
                entries=chain_entries().iterator(chunk_size=2000),
                head=chain_head(),
                stored=stored_checkpoints(),
            )
        )
        if not report.intact:
            raise RuntimeError(str(report.problems[0]))
        walk_wall, walk_cpu, _ = _timed(_hmac_walk)
        cp_wall, cp_cpu, _ = _timed(lambda: checkpoint_create(force=True))
        middle = chain_entries().get(leaf_index=entries // 2)
        proof_wall, proof_cpu, document = _timed(lambda: inclusion_proof_for(middle))
        check_wall, check_cpu, _ = _timed(lambda: verify_document(document, keys=[keys.verifier_key()]))
        cons_wall, cons_cpu, _ = _timed(lambda: consistency_proof_for(BATCH))
        rows = [
            ("append one batch of 1,000 entries (median)", statistics.median(w for w, _ in batches), statistics.median(c for _, c in batches)),
            (f"audit_verify: {entries:,} entries, {report.claims_checked} checkpoints", verify_wall, verify_cpu),
            (f"reference: HMAC chain walk of {entries:,} entries (the check before the tree)", walk_wall, walk_cpu),
            ("sign a checkpoint", cp_wall, cp_cpu),
            ("inclusion proof of one entry", proof_wall, proof_cpu),
            ("check that proof without the database", check_wall, check_cpu),
            (f"consistency proof {BATCH:,} → {entries:,}", cons_wall, cons_cpu),
        ]  # fmt: skip
        engine = connections[AUDIT_DB].settings_dict["ENGINE"].rsplit(".", 1)[-1]
        lines = [
            "## Audit log (`make bench-audit`)",
            "",
            f"{timezone.localdate().isoformat()}, CPython {platform.python_version()}, audit database on {engine}, "
            f"{entries:,} entries appended in batches of {BATCH:,} with a checkpoint every 1,000.",
            "",
            "| step | wall ms | CPU ms |",
            "|---|---:|---:|",
            *(f"| {name} | {wall:.1f} | {cpu:.1f} |" for name, wall, cpu in rows),
            "",
            f"Target: verifying 100,000 entries well under a minute: {'met' if verify_wall < 60_000 else 'NOT met'}.",
        ]
        text = "\n".join(lines)
        self.stdout.write(text)
        if record:
            _record(record, text)
            self.stdout.write(f"written to {record}")


def _record(path: Path, report: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = f"{START}\n{report}\n{END}"
    if START in text and END in text:
        text = re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _m: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
