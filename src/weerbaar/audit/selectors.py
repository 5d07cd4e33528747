"""Reads of the audit log: only the privacy officer searches it, and searching is itself logged."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from weerbaar.core.policies import policy_for

from .models import AuditEntry, ChainHead, SignedCheckpoint
from .routers import AUDIT_DB


def audit_entry_search(
    *,
    user: Any,
    actor: str = "",
    organisation: str = "",
    subject: str = "",
    date_from: date | None = None,
    date_until: date | None = None,
) -> QuerySet[AuditEntry]:
    qs = policy_for(AuditEntry).visible(user, AuditEntry.objects.using(AUDIT_DB).all())
    if actor:
        qs = qs.filter(actor__iexact=actor)
    if organisation:
        qs = qs.filter(organisation__iexact=organisation)
    if subject:
        qs = qs.filter(Q(data_subject_id=subject) | Q(object_id=subject))
    tz = timezone.get_current_timezone()
    if date_from:
        qs = qs.filter(timestamp__gte=datetime.combine(date_from, time.min, tzinfo=tz))
    if date_until:
        qs = qs.filter(timestamp__lte=datetime.combine(date_until, time.max, tzinfo=tz))
    return qs.order_by("-id")


def chain_entries() -> QuerySet[AuditEntry]:
    """All entries in tree order, for verification and proofs (not user-facing)."""
    return AuditEntry.objects.using(AUDIT_DB).order_by("leaf_index", "id")


def chain_head() -> ChainHead | None:
    return ChainHead.objects.using(AUDIT_DB).filter(pk=1).first()


def chain_count() -> int | None:
    head = chain_head()
    return head.count if head else None


def stored_checkpoints() -> QuerySet[SignedCheckpoint]:
    return SignedCheckpoint.objects.using(AUDIT_DB).order_by("tree_size", "id")


def leaf_hashes(size: int) -> list[bytes]:
    """The stored leaf hashes of the first `size` entries, in tree order (for proofs)."""
    rows = (
        AuditEntry.objects.using(AUDIT_DB)
        .filter(leaf_index__lt=size)
        .order_by("leaf_index")
        .values_list("leaf_hash", flat=True)
    )
    return [bytes.fromhex(h) for h in rows.iterator(chunk_size=10000)]
