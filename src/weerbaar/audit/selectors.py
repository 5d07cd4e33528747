"""Reads of the audit log: only the privacy officer searches it, and searching is itself logged."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from weerbaar.core.policies import policy_for

from .models import AuditEntry, ChainHead
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
    """All entries in chain order, for verification (not user-facing)."""
    return AuditEntry.objects.using(AUDIT_DB).order_by("id")


def chain_count() -> int | None:
    head = ChainHead.objects.using(AUDIT_DB).filter(pk=1).first()
    return head.count if head else None
