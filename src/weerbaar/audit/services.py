"""Writing the audit log. Every read of personal data and every shielded view calls `audit_log`.

Entries are written on the dedicated "audit" connection in their own transaction, so an entry is
kept even when the request's own transaction rolls back.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from weerbaar.core.tracing import span_id, trace_id

from .chain import GENESIS, entry_hash
from .models import Action, AuditEntry, ChainHead, Result
from .routers import AUDIT_DB


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


def _origin(request: Any) -> str:
    if request is None:
        return "command"
    channel = "api" if request.path.startswith("/api/") or request.path.startswith("/ogc/") else "web"
    return f"{channel} {request.META.get('REMOTE_ADDR', '')}".strip()


def audit_log(
    *,
    actor: Any,
    action: Action | str,
    result: Result | str = Result.ALLOWED,
    object_type: str = "",
    object_id: str = "",
    data_subject_id: str = "",
    processing_activity: str = "",
    legal_basis: str = "",
    request: Any = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the chain. `actor` is the acting user (or None for anonymous)."""
    if not processing_activity and request is not None:
        from weerbaar.privacy.purpose import declared_purpose

        processing_activity = declared_purpose(request) or ""
    if processing_activity and not legal_basis:
        from weerbaar.privacy.models import ProcessingActivity

        legal_basis = (
            ProcessingActivity.objects.filter(code=processing_activity)
            .values_list("legal_basis__code", flat=True)
            .first()
            or ""
        )
    fields: dict[str, Any] = {
        "timestamp": timezone.now(),
        "trace_id": trace_id(),
        "span_id": span_id(),
        **_actor_fields(actor),
        "action": str(action),
        "object_type": object_type,
        "object_id": str(object_id),
        "data_subject_id": str(data_subject_id),
        "result": str(result),
        "processing_activity": processing_activity,
        "legal_basis": legal_basis,
        "origin": _origin(request),
        "detail": detail or {},
    }
    with transaction.atomic(using=AUDIT_DB):
        head = ChainHead.objects.using(AUDIT_DB).select_for_update().filter(pk=1).first()
        if head is None:
            head = ChainHead.objects.using(AUDIT_DB).create(pk=1, last_hash=GENESIS, count=0)
        entry = AuditEntry(**fields, previous_hash=head.last_hash, hash=entry_hash(fields, head.last_hash))
        entry.save(using=AUDIT_DB)
        ChainHead.objects.using(AUDIT_DB).filter(pk=1).update(last_hash=entry.hash, count=head.count + 1)
    return entry
