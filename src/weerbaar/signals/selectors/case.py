"""Reads of cases: the case with its signals, its timeline, its summary for an export, its
interventions and evaluation, and the bottlenecks for the regional agenda."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.audit.recording import Action, audited
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for

from ..models import Bottleneck, Case, CaseTeamMember, Evaluation, Intervention, Signal, Subject
from ..policies import ACTIVITIES, scopes_of


@dataclass
class CaseRead:
    case: Case
    #: the case's signals the context may see, oldest first (the first is where its pages lead)
    signals: list[Signal]
    #: (moment, number, timeline event or {"intervention", "label"}), oldest first
    events: list[tuple[dt.datetime, str, Any]] = field(default_factory=list)
    #: the case's own work (`case_overview` fills these): its team, interventions and evaluation
    members: list[CaseTeamMember] = field(default_factory=list)
    interventions: list[Intervention] = field(default_factory=list)
    evaluation: Evaluation | None = None
    #: may the context work on the case (as on its first signal), and its workflow scopes there
    can_change: bool = False
    scopes: frozenset[str] = frozenset()

    @property
    def signal(self) -> Signal:
        return self.signals[0]


def _case_read(ctx: ProcessingContext, pk: int) -> CaseRead:
    case = policy_for(Case).visible(ctx).filter(pk=pk).select_related("lead_organisation").first()
    signals = list(policy_for(Signal).visible(ctx, case.signals.all()).order_by("pk")) if case else []
    if case is None or not signals:
        raise Http404("Casus niet gevonden.")
    return CaseRead(case, signals)


def case_get(*, ctx: ProcessingContext, pk: int) -> CaseRead:
    """The case and the signals of it the context may see; Http404 when it sees none."""
    with audited(ctx, object_type="signals.case", purposes=ACTIVITIES) as record:
        read = _case_read(ctx, pk)
        record.disclosed(object_id=read.case.number, detail={"signalen": [s.number for s in read.signals]})
        return read


def case_overview(*, ctx: ProcessingContext, pk: int) -> CaseRead:
    """The case (as `case_get`) with its team, interventions and evaluation, and the dated facts
    of its signals and interventions."""
    with audited(ctx, object_type="signals.case", purposes=ACTIVITIES) as record:
        read = _case_read(ctx, pk)
        read.members = list(read.case.members.select_related("organisation", "legal_basis"))
        read.interventions = case_interventions(ctx=ctx, case=read.case)
        read.evaluation = case_evaluation(ctx=ctx, case=read.case)
        read.can_change = policy_for(Signal).can_change(ctx, read.signal)
        read.scopes = scopes_of(ctx, read.signal)
        events: list[tuple[dt.datetime, str, Any]] = []
        for s in read.signals:
            events += [(e.at, s.number, e) for e in s.timeline.all()]
        for i in read.interventions:
            for moment, label in ((i.planned_on, _("gepland")), (i.executed_on, _("uitgevoerd"))):
                if moment:
                    events.append(
                        (
                            timezone.make_aware(dt.datetime.combine(moment, dt.time.min)),
                            read.case.number,
                            {"intervention": i, "label": label},
                        )
                    )
        events.sort(key=lambda e: e[0])
        read.events = events
        record.disclosed(
            object_id=read.case.number,
            detail={"signalen": [s.number for s in read.signals], "tijdlijn": len(events)},
        )
        return read


def case_interventions(*, ctx: ProcessingContext, case: Case) -> list[Intervention]:
    return list(
        policy_for(Intervention).visible(ctx, case.interventions.select_related("executing_organisation"))
    )


def case_evaluation(*, ctx: ProcessingContext, case: Case) -> Evaluation | None:
    return policy_for(Evaluation).visible(ctx, Evaluation.objects.filter(case=case)).first()


def intervention_get(*, ctx: ProcessingContext, pk: int) -> Intervention:
    intervention = policy_for(Intervention).visible(ctx).filter(pk=pk).select_related("case").first()
    if intervention is None:
        raise Http404("Interventie niet gevonden.")
    return intervention


@dataclass
class SignalSummary:
    signal: Signal
    #: the subjects marked shareable with cross-border partners: the only ones a summary names
    shared: list[Subject]
    #: how many subjects are left out
    not_shared: int


@dataclass
class CaseSummary:
    """What a case summary for a (cross-border) partner may hold: no free text of signals or
    comments, no subjects unless marked shareable, no enrichment facts."""

    case: Case
    members: list[CaseTeamMember]
    signals: list[SignalSummary]
    interventions: list[Intervention]
    evaluation: Evaluation | None

    @property
    def shared(self) -> int:
        return sum(len(s.shared) for s in self.signals)


def case_summary(*, ctx: ProcessingContext, case: Case, language: str) -> CaseSummary:
    """The summary of a case for an export: one audit entry per shared subject it names."""
    with audited(ctx, object_type="signals.case", action=Action.EXPORT, purposes=ACTIVITIES) as record:
        summaries = []
        signals = policy_for(Signal).visible(ctx, case.signals.all()).select_related("municipality")
        for signal in signals:
            subjects = list(policy_for(Subject).visible(ctx, signal.subjects.all()))
            shared = [s for s in subjects if s.shareable]
            summaries.append(SignalSummary(signal, shared, len(subjects) - len(shared)))
        summary = CaseSummary(
            case=case,
            members=list(case.members.select_related("organisation")),
            signals=summaries,
            interventions=case_interventions(ctx=ctx, case=case),
            evaluation=case_evaluation(ctx=ctx, case=case),
        )
        detail = {"taal": language, "gedeelde_onderwerpen": summary.shared}
        keys = [s.key for signal in summaries for s in signal.shared]
        if keys:
            record.disclosed_each(keys, object_id=case.number, detail=detail)
        else:
            record.disclosed(object_id=case.number, detail=detail)
        return summary


def bottleneck_list(*, ctx: ProcessingContext, limit: int = 300) -> list[Bottleneck]:
    """Bottlenecks from evaluations, for the IVZ/RCIV agenda; they hold no personal data."""
    return list(policy_for(Bottleneck).visible(ctx).select_related("evaluation__case")[:limit])


def bottleneck_get(*, ctx: ProcessingContext, pk: int) -> Bottleneck:
    bottleneck = policy_for(Bottleneck).visible(ctx).filter(pk=pk).first()
    if bottleneck is None:
        raise Http404("Knelpunt niet gevonden.")
    return bottleneck
