"""Writing the audit log (Logboek Dataverwerkingen).

Entries are appended on the dedicated "audit" connection in their own transaction, so an entry
is kept even when the request's own transaction rolls back. Many entries of one read (an export
of 1,000 rows, a page of 100 features) are appended together: one transaction, one lock of the
chain head, one INSERT of all rows.

Each entry is a leaf of an RFC 6962 Merkle tree (`leaves.py`, `merkle.py`) and carries the HMAC
chain (`chain.py`); when a checkpoint is due, the same transaction signs one and the witnesses
receive it after the commit (`checkpoints.py`).

Callers outside this app use `weerbaar.audit.recording.audited` in their selectors and services;
only the account machinery (logins, tokens) and this app call `audit_log` directly.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from weerbaar.core.context import ProcessingContext, legacy_context
from weerbaar.core.tracing import span_id, trace_id

from .chain import GENESIS, entry_hash
from .checkpoints import checkpoint_due, checkpoint_in_append
from .keys import hmac_key
from .leaves import leaf_hash_of
from .models import Action, AuditEntry, ChainHead, Result
from .routers import AUDIT_DB

logger = logging.getLogger("weerbaar.audit")

__all__ = ["Action", "Result", "audit_entries", "audit_log", "entry_fields"]


def _actor_fields(actor: Any) -> dict[str, str]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return {"actor_id": "", "actor": "", "organisation": "", "roles": ""}
    organisation = getattr(actor, "organisation", None)
    return {
        "actor_id": str(actor.pk),
        "actor": actor.get_username(),
        "organisation": organisation.code if organisation else "",
        "roles": ",".join(sorted(actor.role_codes)),
    }


def _context_fields(ctx: ProcessingContext) -> dict[str, str]:
    if ctx.actor is None:
        return {"actor_id": "", "actor": "", "organisation": "", "roles": ""}
    return {
        "actor_id": ctx.actor_id,
        "actor": ctx.username,
        "organisation": ctx.organisation_code,
        "roles": ",".join(sorted(ctx.roles)),
    }


def _origin(ctx: ProcessingContext) -> str:
    return f"{ctx.origin} {ctx.source}".strip()


def entry_fields(
    *,
    ctx: ProcessingContext,
    action: Action | str,
    result: Result | str = Result.ALLOWED,
    object_type: str = "",
    object_id: str = "",
    data_subject_id: str = "",
    processing_activity: str | None = None,
    detail: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The chained fields of one entry written under `ctx` (not yet appended).

    `processing_activity` defaults to the context's purpose; its legal basis comes from the
    context, which holds the basis of every activity the actor has a grant for."""
    activity = ctx.purpose if processing_activity is None else processing_activity
    return {
        "timestamp": timezone.now(),
        "trace_id": ctx.trace_id or trace_id(),
        "span_id": ctx.span_id or span_id(),
        **_context_fields(ctx),
        "action": str(action),
        "object_type": object_type,
        "object_id": str(object_id),
        "data_subject_id": str(data_subject_id),
        "result": str(result),
        "processing_activity": activity,
        "legal_basis": ctx.legal_basis_for(activity) if activity else "",
        "origin": _origin(ctx),
        "detail": detail or {},
    }


def _new_head() -> ChainHead:
    """The head of an empty log; if entries exist, the head row was removed: it is rebuilt from the
    last entry so writing goes on (and `audit_verify` reports the removal against the checkpoints)."""
    last = AuditEntry.objects.using(AUDIT_DB).order_by("-leaf_index").first()
    if last is None:
        return ChainHead.objects.using(AUDIT_DB).create(pk=1, last_hash=GENESIS, count=0)
    logger.error(
        "audit chain head missing with %s entries stored: rebuilt from the last entry", last.leaf_index + 1
    )
    return ChainHead.objects.using(AUDIT_DB).create(pk=1, last_hash=last.hash, count=last.leaf_index + 1)


def audit_entries(pending: Sequence[dict[str, Any]]) -> list[AuditEntry]:
    """Append entries (from `entry_fields`) to the log: one transaction, one chain lock."""
    if not pending:
        return []
    key = hmac_key()
    with transaction.atomic(using=AUDIT_DB):
        head = ChainHead.objects.using(AUDIT_DB).select_for_update().filter(pk=1).first()
        if head is None:
            head = _new_head()
        previous = head.last_hash
        entries, leaves = [], []
        for offset, fields in enumerate(pending):
            leaf = leaf_hash_of(fields)
            entry = AuditEntry(
                **fields,
                previous_hash=previous,
                hash=entry_hash(fields, previous, key=key),
                leaf_index=head.count + offset,
                leaf_hash=leaf.hex(),
            )
            entries.append(entry)
            leaves.append(leaf)
            previous = entry.hash
        AuditEntry.objects.using(AUDIT_DB).bulk_create(entries)
        size = head.count + len(entries)
        head_update: dict[str, Any] = {"last_hash": previous, "count": size}
        now = timezone.now()
        if checkpoint_due(head, size, now) and checkpoint_in_append(size=size, appended=leaves, now=now):
            head_update.update(checkpoint_size=size, checkpoint_at=now)
        ChainHead.objects.using(AUDIT_DB).filter(pk=1).update(**head_update)
    return entries


def audit_log(
    *,
    action: Action | str,
    ctx: ProcessingContext | None = None,
    actor: Any = None,
    result: Result | str = Result.ALLOWED,
    object_type: str = "",
    object_id: str = "",
    data_subject_id: str = "",
    processing_activity: str = "",
    legal_basis: str = "",
    request: Any = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the chain, written under `ctx` (or, for the account machinery that
    runs before a context exists, for `actor` in `request`)."""
    if ctx is None:
        ctx = legacy_context(actor, request)
    fields = entry_fields(
        ctx=ctx,
        action=action,
        result=result,
        object_type=object_type,
        object_id=object_id,
        data_subject_id=data_subject_id,
        processing_activity=processing_activity or None,
        detail=detail,
    )
    if legal_basis:
        fields["legal_basis"] = legal_basis
    return audit_entries([fields])[0]
