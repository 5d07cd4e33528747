"""Proof documents that anyone can check without the platform's database.

An inclusion proof shows one entry, unchanged, is in the log: its fields, the RFC 6962 audit path
and the signed checkpoint it leads to. The FG hands it to a data subject or an auditor, who runs
``weerbaar audit_verify_proof proof.json --public-key '<published key>'`` or, in Python::

    from weerbaar.audit.proofs import verify_document
    result = verify_document(json.load(open("proof.json")), keys=[VerifierKey.parse(published)])

A consistency proof shows that the log at a later checkpoint still holds, unchanged, everything an
earlier checkpoint saw (somebody who kept the earlier one from an e-mail checks the later one).

This module needs `merkle.py`, `notes.py`, `leaves.py` and `cryptography`; no Django, no database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .leaves import canonical_fields, leaf_hash_of
from .merkle import ProofError, verify_consistency, verify_inclusion
from .notes import Checkpoint, NoteError, VerifierKey, open_checkpoint

INCLUSION = "weerbaar-audit-inclusion-proof/1"
CONSISTENCY = "weerbaar-audit-consistency-proof/1"


class DocumentError(ValueError):
    """The proof document does not prove what it says."""


def inclusion_document(
    *,
    entry_id: int,
    leaf_index: int,
    fields: dict[str, Any],
    audit_path: list[bytes],
    checkpoint_note: str,
    key: VerifierKey,
) -> dict[str, Any]:
    return {
        "format": INCLUSION,
        "entry": {"id": entry_id, "leaf_index": leaf_index, "fields": canonical_fields(fields)},
        "leaf_hash": leaf_hash_of(fields).hex(),
        "audit_path": [h.hex() for h in audit_path],
        "checkpoint": checkpoint_note,
        "key": str(key),
        "fingerprint": key.fingerprint,
    }


def consistency_document(
    *, old_note: str, new_note: str, proof: list[bytes], key: VerifierKey
) -> dict[str, Any]:
    return {
        "format": CONSISTENCY,
        "old_checkpoint": old_note,
        "new_checkpoint": new_note,
        "proof": [h.hex() for h in proof],
        "key": str(key),
        "fingerprint": key.fingerprint,
    }


@dataclass(frozen=True)
class Verified:
    kind: str
    checkpoint: Checkpoint
    key: VerifierKey
    #: False when no key was given and the document's own key was used: compare its fingerprint
    #: with the published one
    pinned: bool
    entry_id: int | None = None
    leaf_index: int | None = None
    old_checkpoint: Checkpoint | None = None


def _hashes(values: Any, what: str) -> list[bytes]:
    try:
        return [bytes.fromhex(v) for v in values]
    except (TypeError, ValueError) as exc:
        raise DocumentError(f"{what} holds something other than hex hashes") from exc


def _keys(document: dict[str, Any], keys: list[VerifierKey] | None) -> tuple[list[VerifierKey], bool]:
    if keys:
        return keys, True
    try:
        return [VerifierKey.parse(str(document.get("key", "")))], False
    except NoteError as exc:
        raise DocumentError(f"the document's key: {exc}") from exc


def verify_document(document: dict[str, Any], *, keys: list[VerifierKey] | None = None) -> Verified:
    """Check an inclusion or consistency proof document; DocumentError says what does not hold."""
    kind = document.get("format")
    trusted, pinned = _keys(document, keys)
    try:
        if kind == INCLUSION:
            return _verify_inclusion(document, trusted, pinned)
        if kind == CONSISTENCY:
            return _verify_consistency(document, trusted, pinned)
    except (NoteError, ProofError) as exc:
        raise DocumentError(str(exc)) from exc
    except (KeyError, TypeError) as exc:
        raise DocumentError(f"the document lacks {exc}") from exc
    raise DocumentError(f"not a proof document of this log (format {kind!r})")


def _verify_inclusion(document: dict[str, Any], trusted: list[VerifierKey], pinned: bool) -> Verified:
    checkpoint, key = open_checkpoint(document["checkpoint"], trusted)
    entry = document["entry"]
    leaf = leaf_hash_of(entry["fields"])
    if leaf.hex() != document.get("leaf_hash", leaf.hex()):
        raise DocumentError("the entry's fields do not match the document's leaf hash: the entry was changed")
    index = int(entry["leaf_index"])
    verify_inclusion(
        index, checkpoint.size, leaf, _hashes(document["audit_path"], "the audit path"), checkpoint.root
    )
    return Verified("inclusion", checkpoint, key, pinned, entry_id=int(entry["id"]), leaf_index=index)


def _verify_consistency(document: dict[str, Any], trusted: list[VerifierKey], pinned: bool) -> Verified:
    old, _ = open_checkpoint(document["old_checkpoint"], trusted)
    new, key = open_checkpoint(document["new_checkpoint"], trusted)
    if old.origin != new.origin:
        raise DocumentError("the two checkpoints are of different logs")
    verify_consistency(old.size, new.size, old.root, new.root, _hashes(document["proof"], "the proof"))
    return Verified("consistency", new, key, pinned, old_checkpoint=old)
