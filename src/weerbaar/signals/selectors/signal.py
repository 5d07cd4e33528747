"""Reads of signals, their subjects and attachments: through the policy, every read audited.

Each selector returns evaluated lists and dataclasses, so nothing of a signal is read after its
audited block ends (a template never runs a query on a personal-data table).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404

from weerbaar.audit.recording import Action, Record, audited
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for

from ..models import (
    Attachment,
    Case,
    CaseTeamMember,
    Comment,
    Evaluation,
    Intervention,
    Notification,
    Signal,
    Subject,
    TimelineEvent,
)
from ..policies import ACTIVITIES, scopes_of
from .enrichment import EnrichmentView, last_enrichment

NOT_VISIBLE = "not involved or not cleared"


def signal_list(
    *, ctx: ProcessingContext, scope: str = "all", state: str = "", limit: int = 200
) -> list[Signal]:
    """The signals the context may see, newest first: all, reported by its organisation ('mine')
    or assigned to it or its actor ('assigned'); optionally in one state."""
    with audited(ctx, object_type="signals.signal", action=Action.LIST, purposes=ACTIVITIES) as record:
        qs = policy_for(Signal).visible(
            ctx,
            Signal.objects.select_related(
                "assigned_organisation", "municipality", "reporting_organisation", "case"
            ),
        )
        if scope == "mine":
            qs = qs.filter(reporting_organisation_id=ctx.organisation_id)
        elif scope == "assigned":
            actor = ctx.actor.pk if ctx.actor is not None else None
            qs = qs.filter(Q(assigned_organisation_id=ctx.organisation_id) | Q(assigned_to_id=actor))
        if state:
            qs = qs.filter(state=state)
        signals = list(qs.order_by("-created_at")[:limit])
        record.disclosed(detail={"scope": scope, "state": state, "signalen": len(signals)})
        return signals


def _read(ctx: ProcessingContext, record: Record, pk: int) -> Signal:
    """One signal with the subjects the context may see (`visible_subjects`), logged once per
    subject shown; Http404 otherwise, with a refusal logged when the signal exists."""
    signal = (
        policy_for(Signal)
        .visible(ctx)
        .filter(pk=pk)
        .select_related(
            "case", "reporting_organisation", "assigned_organisation", "assigned_to", "municipality"
        )
        .first()
    )
    if signal is None:
        if Signal.objects.filter(pk=pk).exists():
            record.refused(reason=NOT_VISIBLE, object_id=str(pk))
        raise Http404("Signaal niet gevonden.")
    subjects = list(policy_for(Subject).visible(ctx, signal.subjects.all()))
    keys = [s.key for s in subjects]
    if keys:
        record.disclosed_each(keys, object_id=signal.number, detail={"onderwerpen": keys})
    else:
        record.disclosed(object_id=signal.number, detail={"onderwerpen": []})
    signal.visible_subjects = subjects
    return signal


def signal_get(*, ctx: ProcessingContext, pk: int) -> Signal:
    """The signal if the context may see it (its visible subjects in `visible_subjects`); else
    Http404, and a refusal in the log when it exists."""
    with audited(ctx, object_type="signals.signal", purposes=ACTIVITIES) as record:
        return _read(ctx, record, pk)


def signal_history(*, ctx: ProcessingContext, pk: int) -> tuple[Signal, list[TimelineEvent]]:
    """The signal (as `signal_get`) with its state changes, oldest first (reasons included)."""
    with audited(ctx, object_type="signals.signal", purposes=ACTIVITIES) as record:
        signal = _read(ctx, record, pk)
        return signal, list(signal.timeline.filter(kind=TimelineEvent.Kind.TRANSITION))


@dataclass
class Duplicates:
    #: signals on the same subject or address the context may see
    known: list[Signal] = field(default_factory=list)
    #: signals the context may not see: only the holder organisations, so they can ask
    hidden_holders: list[str] = field(default_factory=list)
    #: the same as {"code": ..., "name": ...}, for a disclosure request
    hidden: list[dict[str, str]] = field(default_factory=list)

    @property
    def hit(self) -> bool:
        return bool(self.known or self.hidden_holders)


def duplicates(
    *,
    ctx: ProcessingContext,
    subject_keys: list[str] | None = None,
    address_key: str = "",
    exclude: int | None = None,
) -> Duplicates:
    """Other signals on these subjects or this address: the ones the context may see, and for the
    others only their holders. Whether others hold any is a hit / no-hit answer: logged as such."""
    keys = [k for k in (subject_keys or []) if k]
    q = Q()
    if keys:
        q |= Q(subjects__key__in=keys)
    if address_key:
        q |= Q(address_key=address_key) | Q(subjects__key=f"adres:{address_key}")
    if not q:
        return Duplicates()
    with audited(ctx, object_type="signals.signal", action=Action.SEARCH, purposes=ACTIVITIES) as record:
        all_ids = set(Signal.objects.filter(q, anonymised_at__isnull=True).values_list("pk", flat=True))
        all_ids.discard(exclude)
        known = list(
            policy_for(Signal)
            .visible(ctx, Signal.objects.filter(pk__in=all_ids))
            .select_related("assigned_organisation")
            .order_by("-created_at")
        )
        hidden = all_ids - {s.pk for s in known}
        holder_rows = sorted(
            set(
                Signal.objects.filter(pk__in=hidden).values_list(
                    "assigned_organisation__code", "assigned_organisation__name"
                )
            ),
            key=lambda row: row[1],
        )
        if known:
            record.disclosed(detail={"dubbel": [s.number for s in known], "afgeschermd": len(hidden)})
        record.answered(
            question={"signalen van anderen over": keys, "adres": address_key},
            answer=bool(hidden),
        )
        return Duplicates(
            known,
            [name for _code, name in holder_rows],
            [{"code": code, "name": name} for code, name in holder_rows],
        )


def subject_get(*, ctx: ProcessingContext, pk: int) -> Subject:
    """The subject if the context may see it, with its signal; else Http404 (and a refusal in the
    log when it exists)."""
    with audited(ctx, object_type="signals.subject", purposes=ACTIVITIES) as record:
        subject = policy_for(Subject).visible(ctx).filter(pk=pk).select_related("signal").first()
        if subject is None:
            if Subject.objects.filter(pk=pk).exists():
                record.refused(reason=NOT_VISIBLE, object_id=str(pk))
            raise Http404("Onderwerp niet gevonden.")
        record.disclosed(object_id=str(pk), subject_id=subject.key, detail={"signaal": subject.signal.number})
        return subject


def attachment_get(*, ctx: ProcessingContext, pk: int) -> Attachment:
    with audited(ctx, object_type="signals.attachment", purposes=ACTIVITIES) as record:
        attachment = policy_for(Attachment).visible(ctx).filter(pk=pk).select_related("signal").first()
        if attachment is None:
            raise Http404("Bijlage niet gevonden.")
        record.disclosed(object_id=str(pk), detail={"signaal": attachment.signal.number})
        return attachment


@dataclass
class SignalDetail:
    """Everything the signal page shows, read in one audited block."""

    signal: Signal
    subjects: list[Subject]
    duplicates: Duplicates
    enrichment: EnrichmentView
    comments: list[Comment]
    attachments: list[Attachment]
    timeline: list[TimelineEvent]
    #: the case when the context may see it
    case: Case | None
    members: list[CaseTeamMember]
    interventions: list[Intervention]
    evaluation: Evaluation | None
    can_change: bool
    #: the workflow scopes of the context's organisation for this signal
    scopes: frozenset[str]


def signal_detail(*, ctx: ProcessingContext, pk: int) -> SignalDetail:
    with audited(ctx, object_type="signals.signal", purposes=ACTIVITIES) as record:
        signal = _read(ctx, record, pk)
        subjects = signal.visible_subjects
        case = (
            signal.case if signal.case is not None and policy_for(Case).can_view(ctx, signal.case) else None
        )
        return SignalDetail(
            signal=signal,
            subjects=subjects,
            duplicates=duplicates(
                ctx=ctx,
                subject_keys=[s.key for s in subjects],
                address_key=signal.address_key,
                exclude=signal.pk,
            ),
            enrichment=last_enrichment(ctx=ctx, signal=signal),
            comments=list(signal.comments.select_related("organisation")),
            attachments=list(signal.attachments.all()),
            timeline=list(signal.timeline.all()),
            case=case,
            members=list(case.members.select_related("organisation", "legal_basis")) if case else [],
            interventions=list(case.interventions.select_related("executing_organisation")) if case else [],
            evaluation=Evaluation.objects.filter(case=case).first() if case else None,
            can_change=policy_for(Signal).can_change(ctx, signal),
            scopes=scopes_of(ctx, signal),
        )


def notifications_for(*, ctx: ProcessingContext, limit: int = 100) -> list[Notification]:
    """The context's own notifications, newest first. They name a signal's number and state only."""
    return list(policy_for(Notification).visible(ctx)[:limit])


def unread_notifications(*, ctx: ProcessingContext) -> int:
    return policy_for(Notification).visible(ctx).filter(read_at__isnull=True).count()
