"""Reads of the audit log: only the privacy officer (FG), with a verified second factor, searches
and exports it — and every search and export is itself an entry in the log."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone

from weerbaar.core.access import Role
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for

from .finders import FoundSubject, find_subjects
from .models import Action, AuditEntry, ChainHead, Result, SignedCheckpoint
from .routers import AUDIT_DB
from .services import audit_log

#: the processing activity of supervising the log (verwerkingsregister)
SUPERVISION = "toezicht-logboek"


@dataclass(frozen=True)
class AuditQuery:
    actor: str = ""
    organisation: str = ""
    #: a data subject: found by its id in the entry, in the objects it names, or by a name searched for
    subject: str = ""
    date_from: date | None = None
    date_until: date | None = None
    #: a person's name (and date of birth): the registers say which ids that may be
    person_name: str = ""
    person_birth_date: date | None = None
    #: the ids the name was resolved to (by `with_named_subjects`); entries about any of them match
    subject_ids: tuple[str, ...] = ()

    def described(self) -> dict[str, str]:
        return {k: str(v) for k, v in self.__dict__.items() if v}


def with_named_subjects(
    *, ctx: ProcessingContext, query: AuditQuery
) -> tuple[AuditQuery, list[FoundSubject]]:
    """The query with the person's name resolved to the ids the log names: the apps that hold
    persons answer (`audit.finders`), through their own audited selector, so the FG's look-up of
    a name is logged as such. Only the FG with a verified second factor may ask (refused and
    logged otherwise). A name that fits nobody matches no entry."""
    if not query.person_name:
        return query, []
    require_supervisor(ctx, Action.SEARCH)
    found = find_subjects(ctx=ctx, naam=query.person_name, geboortedatum=query.person_birth_date)
    ids = tuple(dict.fromkeys(f.subject_id for f in found)) or ("",)
    return replace(query, subject_ids=ids), found


def require_supervisor(ctx: ProcessingContext, action: Action = Action.SEARCH) -> None:
    """Refuse (and log the refusal) unless the context is the FG with a verified second factor."""
    if not (ctx.has_role(Role.FG) and ctx.second_factor):
        audit_log(
            ctx=ctx,
            action=action,
            result=Result.REFUSED,
            object_type="audit",
            detail={"reden": "FG with a verified second factor only"},
        )
        raise PermissionDenied("Alleen de FG met een geverifieerde tweede factor doorzoekt het logboek.")


def _filtered(ctx: ProcessingContext, query: AuditQuery) -> QuerySet[AuditEntry]:
    qs = policy_for(AuditEntry).visible(ctx, AuditEntry.objects.using(AUDIT_DB).all())
    if query.actor:
        qs = qs.filter(actor__iexact=query.actor)
    if query.organisation:
        qs = qs.filter(organisation__iexact=query.organisation)
    if query.subject:
        term = query.subject.strip()
        # the subject's id in the entry, among the objects it names, or inside its details (the
        # results of a name search, a typed name): the FG finds every entry about a person
        qs = qs.filter(
            Q(data_subject_id=term)
            | Q(object_id=term)
            | Q(object_id__contains=term)
            # not the FG's own searches, which name the term they looked for
            | (Q(detail__icontains=term) & ~Q(object_type="audit"))
        )
    if query.person_name:  # resolved by with_named_subjects; ("",) when the name fits nobody
        ids = [i for i in query.subject_ids if i]
        by_name = Q(data_subject_id__in=ids)
        for subject_id in ids:
            by_name |= Q(object_id=subject_id) | (Q(detail__icontains=subject_id) & ~Q(object_type="audit"))
        qs = qs.filter(by_name) if ids else qs.none()
    tz = timezone.get_current_timezone()
    if query.date_from:
        qs = qs.filter(timestamp__gte=datetime.combine(query.date_from, time.min, tzinfo=tz))
    if query.date_until:
        qs = qs.filter(timestamp__lte=datetime.combine(query.date_until, time.max, tzinfo=tz))
    return qs.order_by("-id")


def audit_entry_search(*, ctx: ProcessingContext, query: AuditQuery) -> QuerySet[AuditEntry]:
    """Entries matching the query, newest first (the FG pages them); the search is logged."""
    require_supervisor(ctx, Action.SEARCH)
    audit_log(
        ctx=ctx,
        action=Action.SEARCH,
        object_type="audit",
        processing_activity=SUPERVISION,
        detail=query.described(),
    )
    return _filtered(ctx, query)


def audit_entry_export(*, ctx: ProcessingContext, query: AuditQuery) -> Iterator[AuditEntry]:
    """Every matching entry in chain order, for the FG's CSV; the export is logged."""
    require_supervisor(ctx, Action.EXPORT)
    audit_log(
        ctx=ctx,
        action=Action.EXPORT,
        object_type="audit",
        processing_activity=SUPERVISION,
        detail=query.described(),
    )
    return _filtered(ctx, query).order_by("id").iterator(chunk_size=2000)


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
