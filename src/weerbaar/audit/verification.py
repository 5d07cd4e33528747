"""Checking the whole audit log: entries, tree, HMAC chain, head and every checkpoint anyone holds.

One pass over the entries in tree order recomputes each leaf from the entry's content and grows
the tree (a frontier, constant memory). Each signed checkpoint — stored in the audit database,
in the witness file, in a file handed over with `--witness` (a saved e-mail, a backup's
manifest) — claims a root for a size; when the pass reaches that size, the recomputed root must
be the signed one. Recomputing the prefix root from the same leaves is what a consistency proof
proves, without trusting anything stored next to the entries. So:

| tampering | found as |
|---|---|
| a field edited | the entry's leaf hash (and HMAC) differ; the roots of later checkpoints differ |
| an entry removed in the middle | a gap in the positions; the HMAC chain breaks; roots differ |
| entries reordered | HMAC chain and roots |
| the last entries removed, head fixed | a checkpoint saw more entries than the log holds |
| everything removed, head too | a witness saw entries in a log that is now empty |
| an entry forged with the HMAC key, all recomputed | the signed roots no longer match |
| the signing key replaced, all re-signed | earlier checkpoints are signed by a key that is not trusted |
| truncated, then new entries appended | the root at an earlier checkpoint's size differs |
"""

from __future__ import annotations

import hmac
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from . import keys
from .chain import GENESIS, entry_hash
from .leaves import CHAINED_FIELDS, leaf_hash_of
from .merkle import Frontier
from .models import AuditEntry, ChainHead, SignedCheckpoint
from .notes import NoteError, VerifierKey, open_checkpoint
from .witnesses import WitnessedNote, read_witness

#: after this many problems the report stops collecting (the first one is what counts)
MAX_PROBLEMS = 50


@dataclass(frozen=True)
class Problem:
    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(frozen=True)
class Claim:
    """A verified checkpoint: at `size` entries the root was `root` (says `source`)."""

    source: str
    size: int
    root: bytes
    timestamp: datetime


@dataclass
class Report:
    size: int = 0
    root: bytes = b""
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    claims_checked: int = 0
    sources: dict[str, int] = field(default_factory=dict)

    @property
    def intact(self) -> bool:
        return not self.problems

    def problem(self, where: str, reason: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(where, reason))


def _claims(
    report: Report,
    notes: Iterable[tuple[str, str, str]],
    trusted: list[VerifierKey],
    origin: str,
) -> list[Claim]:
    """(source, note, recorded key) -> verified claims; a bad or foreign signature is a problem."""
    claims = []
    current = trusted[0]
    for source, note, recorded in notes:
        try:
            checkpoint, _key = open_checkpoint(note, trusted)
        except NoteError as exc:
            reason = f"the checkpoint does not verify: {exc}"
            if "not a trusted key" in str(exc):
                reason += (
                    f". The current signing key is {current.fingerprint}; "
                    f"{'this checkpoint was made with ' + _fingerprint(recorded) if recorded else 'it was made with another'}"
                    ": the signing key was replaced, or the checkpoint was not made by this log"
                )
            report.problem(source, reason)
            continue
        if checkpoint.origin != origin:
            report.problem(source, f"a checkpoint of another log ({checkpoint.origin!r}, this is {origin!r})")
            continue
        claims.append(Claim(source, checkpoint.size, checkpoint.root, checkpoint.timestamp))
    return claims


def _fingerprint(recorded: str) -> str:
    try:
        return VerifierKey.parse(recorded).fingerprint
    except NoteError:
        return "an unreadable key"


def _stored_notes(
    report: Report, rows: Iterable[SignedCheckpoint], trusted: list[VerifierKey]
) -> Iterator[tuple[str, str, str]]:
    for row in rows:
        source = f"checkpoint #{row.pk} in the audit database"
        # the columns must repeat the note (they are what queries and the next checkpoint use)
        try:
            checkpoint, _ = open_checkpoint(row.note, trusted)
        except NoteError:
            pass  # reported by _claims
        else:
            if checkpoint.size != row.tree_size or checkpoint.root.hex() != row.root_hash:
                report.problem(
                    source, "its size or root column differs from its signed note: the row was changed"
                )
        yield source, row.note, ""


def verify_log(
    *,
    entries: Iterable[AuditEntry],
    head: ChainHead | None,
    stored: Iterable[SignedCheckpoint],
    witness_files: Iterable[Path] = (),
    extra_notes: Iterable[WitnessedNote] = (),
    extra_keys: Iterable[VerifierKey] = (),
) -> Report:
    report = Report()
    trusted = keys.trusted_keys(extra_keys)
    origin = keys.origin()
    notes: list[tuple[str, str, str]] = list(_stored_notes(report, stored, trusted))
    report.sources["audit database"] = len(notes)
    for path in witness_files:
        if not path.exists():
            report.warnings.append(f"witness file {path} does not exist")
            continue
        found = [(w.source, w.note, w.recorded_key) for w in read_witness(path)]
        report.sources[str(path)] = len(found)
        notes += found
    extra = [(w.source, w.note, w.recorded_key) for w in extra_notes]
    if extra:
        report.sources["given"] = len(extra)
        notes += extra
    claims = _claims(report, notes, trusted, origin)
    report.claims_checked = len(claims)
    by_size: dict[int, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_size[claim.size].append(claim)
    for claim in by_size.get(0, []):
        _compare(report, claim, Frontier())

    frontier = Frontier()
    previous = GENESIS
    key = keys.hmac_key()
    for entry in entries:
        where = f"entry #{entry.pk} (position {entry.leaf_index})"
        if entry.leaf_index != frontier.size:
            if entry.leaf_index > frontier.size:
                missing = f"{frontier.size}" + (
                    f"-{entry.leaf_index - 1}" if entry.leaf_index - 1 > frontier.size else ""
                )
                report.problem(where, f"the entries at position {missing} are missing: they were removed")
            else:
                report.problem(where, "a position taken twice: an entry was inserted or moved")
        fields: dict[str, Any] = {name: getattr(entry, name) for name in CHAINED_FIELDS}
        leaf = leaf_hash_of(fields)
        if leaf.hex() != entry.leaf_hash:
            report.problem(where, "its content does not match its leaf hash: the entry was changed")
        if entry.previous_hash != previous:
            report.problem(
                where,
                "its previous HMAC does not match the entry before it: entries were removed or reordered",
            )
        elif not hmac.compare_digest(entry_hash(fields, previous, key=key), entry.hash):
            report.problem(where, "its content does not match its HMAC: the entry was changed")
        previous = entry.hash
        frontier.append(leaf)
        for claim in by_size.get(frontier.size, []):
            _compare(report, claim, frontier)
    report.size, report.root = frontier.size, frontier.root()

    for size in sorted(s for s in by_size if s > report.size):
        for claim in by_size[size]:
            emptied = " (the log is empty)" if report.size == 0 else ""
            report.problem(
                claim.source,
                f"the log holds {report.size} entries{emptied} but this checkpoint, signed "
                f"{claim.timestamp:%Y-%m-%d %H:%M:%S} UTC, saw {claim.size}: entries at the end were removed",
            )
    _check_head(report, head, previous)
    return report


def _compare(report: Report, claim: Claim, frontier: Frontier) -> None:
    if frontier.root() != claim.root:
        report.problem(
            claim.source,
            f"the first {claim.size} entries of the log have another Merkle root than this checkpoint, "
            f"signed {claim.timestamp:%Y-%m-%d %H:%M:%S} UTC: entries before position {claim.size} "
            "were changed, removed, inserted or reordered after it was signed",
        )


def _check_head(report: Report, head: ChainHead | None, last_hash: str) -> None:
    if head is None:
        if report.size:
            report.problem("chain head", f"missing while the log holds {report.size} entries")
        return
    if head.count != report.size:
        report.problem(
            "chain head", f"counts {head.count} entries but {report.size} were found: entries were removed"
        )
    elif head.last_hash != last_hash:
        report.problem(
            "chain head", "its last hash is not the last entry's: entries at the end were replaced"
        )
