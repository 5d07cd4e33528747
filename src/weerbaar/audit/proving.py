"""Proofs from the stored log: an entry's inclusion in the latest checkpoint, and the consistency
of an earlier checkpoint with the latest. The documents are checked without the database
(`proofs.py`)."""

from __future__ import annotations

from typing import Any

from weerbaar.core.context import ProcessingContext

from . import keys, merkle
from .checkpoints import checkpoint_create, latest_checkpoint
from .leaves import CHAINED_FIELDS, leaf_hash_of
from .models import Action, AuditEntry, SignedCheckpoint
from .notes import NoteError, VerifierKey, open_checkpoint
from .proofs import consistency_document, inclusion_document
from .routers import AUDIT_DB
from .selectors import SUPERVISION, leaf_hashes, require_supervisor
from .services import audit_log


class ProofUnavailable(RuntimeError):
    """The stored log does not support a proof (it was changed): `audit_verify` says where."""


def _covering_checkpoint(leaf_index: int) -> SignedCheckpoint:
    checkpoint = latest_checkpoint()
    if checkpoint is None or checkpoint.tree_size <= leaf_index:
        checkpoint, _results = checkpoint_create()
    if checkpoint is None or checkpoint.tree_size <= leaf_index:
        raise ProofUnavailable("no checkpoint covers the entry")
    return checkpoint


def _signed_leaves(checkpoint: SignedCheckpoint) -> tuple[list[bytes], VerifierKey]:
    """The stored leaves of the checkpoint's tree, refused unless they lead to its signed root,
    and the key that signed it."""
    try:
        signed, key = open_checkpoint(checkpoint.note, keys.trusted_keys())
    except NoteError as exc:
        raise ProofUnavailable(f"checkpoint #{checkpoint.pk} does not verify: {exc}") from exc
    leaves = leaf_hashes(signed.size)
    if len(leaves) != signed.size or merkle.root(leaves) != signed.root:
        raise ProofUnavailable(
            f"the stored entries no longer lead to checkpoint #{checkpoint.pk}'s signed root"
        )
    return leaves, key


def inclusion_proof_for(entry: AuditEntry) -> dict[str, Any]:
    """The inclusion proof document of `entry` against the latest checkpoint (made if none covers it)."""
    checkpoint = _covering_checkpoint(entry.leaf_index)
    leaves, key = _signed_leaves(checkpoint)
    fields = {name: getattr(entry, name) for name in CHAINED_FIELDS}
    if leaf_hash_of(fields) != leaves[entry.leaf_index]:
        raise ProofUnavailable(f"entry #{entry.pk} does not match its leaf: it was changed")
    return inclusion_document(
        entry_id=entry.pk,
        leaf_index=entry.leaf_index,
        fields=fields,
        audit_path=merkle.inclusion_proof(entry.leaf_index, leaves),
        checkpoint_note=checkpoint.note,
        key=key,
    )


def entry_by_id(entry_id: int) -> AuditEntry | None:
    return AuditEntry.objects.using(AUDIT_DB).filter(pk=entry_id).first()


def consistency_proof_for(old_size: int) -> dict[str, Any]:
    """The consistency proof between the stored checkpoint of `old_size` entries and the latest."""
    old = SignedCheckpoint.objects.using(AUDIT_DB).filter(tree_size=old_size).order_by("id").first()
    if old is None:
        raise ProofUnavailable(f"no stored checkpoint of {old_size} entries")
    new, _results = checkpoint_create()
    if new is None:
        raise ProofUnavailable("the log has no checkpoint")
    leaves, key = _signed_leaves(new)
    return consistency_document(
        old_note=old.note, new_note=new.note, proof=merkle.consistency_proof(old_size, leaves), key=key
    )


def audit_entry_proof(*, ctx: ProcessingContext, entry_id: int) -> dict[str, Any] | None:
    """The inclusion proof document of one entry for the FG (None when there is no such entry);
    handing it out is logged. Raises ProofUnavailable when the stored log was changed."""
    require_supervisor(ctx, Action.EXPORT)
    entry = entry_by_id(entry_id)
    if entry is None:
        return None
    document = inclusion_proof_for(entry)
    audit_log(
        ctx=ctx,
        action=Action.EXPORT,
        object_type="audit",
        object_id=str(entry.pk),
        data_subject_id=entry.data_subject_id,
        processing_activity=SUPERVISION,
        detail={"bewijs": "inclusie", "checkpoint": document["checkpoint"].splitlines()[1]},
    )
    return document
