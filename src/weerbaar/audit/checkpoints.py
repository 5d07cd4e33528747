"""Making signed checkpoints of the audit tree.

A new checkpoint extends the last one: its stored frontier (checked against its own signed root)
plus the leaves appended since. So the key never signs a tree that does not continue the last
signed one, whatever the chain head says, and a checkpoint costs reading the leaves since the
last one, not the whole log.

When: an append makes one every `WEERBAAR_AUDIT_CHECKPOINT_ENTRIES` entries or, once there are
new entries, after `WEERBAAR_AUDIT_CHECKPOINT_SECONDS`; `audit_verify` makes one after a clean
check, and `weerbaar audit_checkpoint` on demand (a timer, a backup).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import keys
from .merkle import Frontier
from .models import AuditEntry, ChainHead, SignedCheckpoint
from .notes import Checkpoint, NoteError, open_checkpoint
from .routers import AUDIT_DB
from .witnesses import WitnessResult, publish

logger = logging.getLogger("weerbaar.audit")


class CheckpointRefused(RuntimeError):
    """The stored log does not continue its last checkpoint: nothing is signed (run audit_verify)."""


def checkpoint_due(head: ChainHead, size: int, now: datetime) -> bool:
    if size <= head.checkpoint_size:
        return False
    if size - head.checkpoint_size >= settings.WEERBAAR_AUDIT_CHECKPOINT_ENTRIES:
        return True
    if head.checkpoint_at is None:
        return True
    return (now - head.checkpoint_at).total_seconds() >= settings.WEERBAAR_AUDIT_CHECKPOINT_SECONDS


def latest_checkpoint() -> SignedCheckpoint | None:
    return SignedCheckpoint.objects.using(AUDIT_DB).order_by("-tree_size", "-id").first()


def _frontier_of(last: SignedCheckpoint | None) -> Frontier:
    """The frontier of the last checkpoint, refused unless it folds to the root its note signs."""
    if last is None:
        return Frontier()
    try:
        signed, _key = open_checkpoint(last.note, keys.trusted_keys())
        frontier = Frontier.from_hex(last.tree_size, last.frontier)
    except (NoteError, ValueError) as exc:
        raise CheckpointRefused(f"the last checkpoint (#{last.pk}) does not verify: {exc}") from exc
    if signed.size != last.tree_size or frontier.root() != signed.root:
        raise CheckpointRefused(f"the last checkpoint (#{last.pk}) does not match its signed note")
    return frontier


def sign_checkpoint(
    *, size: int, appended: Sequence[bytes] = (), now: datetime | None = None
) -> SignedCheckpoint:
    """Sign the tree of `size` leaves; the last `len(appended)` leaves are given (this batch), the
    ones between the last checkpoint and them are read. Call it holding the chain lock."""
    now = now or timezone.now()
    frontier = _frontier_of(latest_checkpoint())
    first_given = size - len(appended)
    if frontier.size > first_given:
        raise CheckpointRefused(
            f"the log holds {size} entries but its last checkpoint already counted {frontier.size}"
        )
    stored = (
        AuditEntry.objects.using(AUDIT_DB)
        .filter(leaf_index__gte=frontier.size, leaf_index__lt=first_given)
        .order_by("leaf_index")
        .values_list("leaf_index", "leaf_hash")
    )
    for index, leaf in stored.iterator(chunk_size=5000):
        if index != frontier.size:
            raise CheckpointRefused(f"entry at position {frontier.size} is missing")
        frontier.append(bytes.fromhex(leaf))
    if frontier.size != first_given:
        raise CheckpointRefused(f"entries from position {frontier.size} on are missing")
    frontier.extend(appended)
    checkpoint = Checkpoint(origin=keys.origin(), size=size, root=frontier.root(), timestamp=now)
    signer = keys.signer()
    return SignedCheckpoint.objects.using(AUDIT_DB).create(
        tree_size=size,
        root_hash=checkpoint.root.hex(),
        timestamp=now,
        key_id=signer.verifier.id.hex(),
        note=signer.sign(checkpoint.text()),
        frontier=frontier.to_hex(),
    )


def checkpoint_create(*, force: bool = False) -> tuple[SignedCheckpoint | None, list[WitnessResult]]:
    """A checkpoint of the log as it is now, written to the witnesses.

    Without `force`, nothing new is signed when no entry came since the last checkpoint: the
    last one is returned (None when the log is empty and never had one)."""
    with transaction.atomic(using=AUDIT_DB):
        head = ChainHead.objects.using(AUDIT_DB).select_for_update().filter(pk=1).first()
        size = head.count if head else 0
        last = latest_checkpoint()
        if not force and (last.tree_size == size if last else size == 0):
            return last, []
        now = timezone.now()
        checkpoint = sign_checkpoint(size=size, now=now)
        if head is not None:
            ChainHead.objects.using(AUDIT_DB).filter(pk=1).update(checkpoint_size=size, checkpoint_at=now)
    return checkpoint, publish(checkpoint)


def checkpoint_in_append(*, size: int, appended: Sequence[bytes], now: datetime) -> SignedCheckpoint | None:
    """The checkpoint an append makes when one is due. An audit write never fails for it: a log
    that does not continue its last checkpoint is reported here and by `audit_verify`."""
    try:
        checkpoint = sign_checkpoint(size=size, appended=appended, now=now)
    except CheckpointRefused as exc:
        logger.error("audit checkpoint refused: %s", exc)
        return None
    transaction.on_commit(lambda: publish(checkpoint), using=AUDIT_DB, robust=True)
    return checkpoint
