"""Work on a case: its team, interventions, evaluation, bottlenecks and the summary for partners."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from weerbaar.audit.recording import Action, audited
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require
from weerbaar.organisations.models import Organisation
from weerbaar.privacy.models import LegalBasis

from .. import export, workflow
from ..models import Bottleneck, Case, CaseTeamMember, Evaluation, Intervention, Signal, TimelineEvent
from ..notifications import notify_transition
from ..policies import ACTIVITIES, is_worker, organisation_of, scopes_of
from ..selectors import case_summary
from ..workflow import State
from .timeline import timeline_add

INTERVENTION_STATES = {
    State.CASUS,
    State.INTERVENTIEVOORSTEL,
    State.INTERVENTIE_IN_UITVOERING,
    State.EVALUATIE,
}


def _require_team(ctx: ProcessingContext, case: Case) -> Signal:
    """The case's first signal, when the context's organisation is in the team and may change it."""
    require(is_worker(ctx), "geen toegang")
    require(
        CaseTeamMember.objects.filter(case=case, organisation_id=organisation_of(ctx)).exists(),
        "alleen het casusteam",
    )
    signal = case.signals.order_by("pk").first()
    require(signal is not None and policy_for(Signal).can_change(ctx, signal), "geen toegang")
    assert signal is not None
    return signal


@transaction.atomic
def case_team_add(
    *,
    ctx: ProcessingContext,
    case: Case,
    organisation: Organisation,
    legal_basis: LegalBasis | None = None,
) -> CaseTeamMember:
    """The RIEC adds an organisation to the case team, with the legal basis on which it shares."""
    with audited(ctx, object_type="signals.case", action=Action.UPDATE, purposes=ACTIVITIES) as record:
        signal = _require_team(ctx, case)
        require(workflow.RIEC in scopes_of(ctx, signal), "het RIEC stelt het casusteam samen")
        member, created = CaseTeamMember.objects.get_or_create(
            case=case, organisation=organisation, defaults={"legal_basis": legal_basis}
        )
        if not created and legal_basis is not None and member.legal_basis_id != legal_basis.pk:
            member.legal_basis = legal_basis
            member.save(update_fields=["legal_basis"])
        timeline_add(ctx, signal, TimelineEvent.Kind.TEAM, text=organisation.name)
        record.disclosed(object_id=case.number, detail={"team": organisation.code})
    notify_transition(signal, ctx, organisations=[organisation.pk])
    return member


@transaction.atomic
def intervention_add(*, ctx: ProcessingContext, case: Case, data: dict[str, Any]) -> Intervention:
    """An intervention, carried out by a partner in the case team (by default the context's own)."""
    with audited(
        ctx, object_type="signals.intervention", action=Action.CREATE, purposes=ACTIVITIES
    ) as record:
        signal = _require_team(ctx, case)
        if signal.state not in INTERVENTION_STATES:
            raise ValidationError({"kind": [_("Interventies horen bij een casus.")]})
        fields = {
            k: data.get(k)
            for k in ("kind", "legal_basis", "planned_on", "executed_on", "result")
            if data.get(k) is not None
        }
        executing = data.get("executing_organisation")
        executing_id: int = executing.pk if executing is not None else organisation_of(ctx)
        if not CaseTeamMember.objects.filter(case=case, organisation_id=executing_id).exists():
            raise ValidationError(
                {"executing_organisation": ["De uitvoerende partner hoort in het casusteam."]}
            )
        intervention = Intervention(
            case=case,
            executing_organisation_id=executing_id,
            created_by_id=ctx.actor.pk if ctx.actor is not None else None,
            **fields,
        )
        intervention.full_clean()
        intervention.save()
        timeline_add(ctx, signal, TimelineEvent.Kind.INTERVENTION, text=intervention.get_kind_display())
        record.disclosed(object_id=str(intervention.pk), detail={"casus": case.number})
        return intervention


@transaction.atomic
def intervention_update(
    *, ctx: ProcessingContext, intervention: Intervention, data: dict[str, Any]
) -> Intervention:
    """The executing partner or the lead records when it was done and what came of it."""
    with audited(
        ctx, object_type="signals.intervention", action=Action.UPDATE, purposes=ACTIVITIES
    ) as record:
        signal = _require_team(ctx, intervention.case)
        require(
            ctx.organisation_id
            in (intervention.executing_organisation_id, intervention.case.lead_organisation_id),
            "alleen de uitvoerende partner of de regiehouder",
        )
        for k in ("executed_on", "result", "planned_on", "legal_basis"):
            if k in data and data[k] is not None:
                setattr(intervention, k, data[k])
        intervention.full_clean()
        intervention.save()
        timeline_add(ctx, signal, TimelineEvent.Kind.INTERVENTION, text=intervention.get_kind_display())
        record.disclosed(object_id=str(intervention.pk), detail={"casus": intervention.case.number})
        return intervention


@transaction.atomic
def evaluation_save(*, ctx: ProcessingContext, case: Case, data: dict[str, Any]) -> Evaluation:
    """The case's evaluation; each line of `bottlenecks` becomes one for the regional agenda."""
    with audited(ctx, object_type="signals.evaluation", action=Action.UPDATE, purposes=ACTIVITIES) as record:
        signal = _require_team(ctx, case)
        if signal.state != State.EVALUATIE:
            raise ValidationError({"effect": [_("Evalueren kan in de fase evaluatie.")]})
        values = {k: (data.get(k) or "").strip() for k in ("effect", "what_worked", "bottlenecks", "lessons")}
        evaluation = Evaluation.objects.filter(case=case).first() or Evaluation(case=case)
        for k, v in values.items():
            setattr(evaluation, k, v)
        evaluation.author_id = ctx.actor.pk if ctx.actor is not None else None
        evaluation.full_clean()
        evaluation.save()
        Bottleneck.objects.filter(evaluation=evaluation).delete()
        for line in values["bottlenecks"].splitlines():
            if line.strip(" -*\t"):
                Bottleneck.objects.create(evaluation=evaluation, text=line.strip(" -*\t"))
        timeline_add(ctx, signal, TimelineEvent.Kind.EVALUATION)
        record.disclosed(object_id=str(evaluation.pk), detail={"casus": case.number})
        return evaluation


@transaction.atomic
def bottleneck_put_on_agenda(*, ctx: ProcessingContext, bottleneck: Bottleneck, platform: str) -> Bottleneck:
    """The RIEC puts a bottleneck on the IVZ or RCIV agenda (no personal data: not audited)."""
    require(policy_for(Bottleneck).can_change(ctx, bottleneck), "het RIEC agendeert knelpunten")
    if platform not in Bottleneck.Platform.values:
        raise ValidationError({"platform": [_("Kies IVZ of RCIV.")]})
    bottleneck.platform = platform
    bottleneck.on_agenda = True
    bottleneck.save(update_fields=["platform", "on_agenda"])
    return bottleneck


def case_summary_export(*, ctx: ProcessingContext, case: Case, language: str) -> bytes:
    """The case summary as PDF for a (cross-border) partner: read through `selectors.case_summary`
    (one export entry per shared subject it names) and put on the timeline."""
    with audited(ctx, object_type="signals.case", action=Action.EXPORT, purposes=ACTIVITIES):
        summary = case_summary(ctx=ctx, case=case, language=language)
        organisation = ctx.organisation
        pdf = export.case_summary_pdf(
            summary, author=organisation.name if organisation is not None else "", language=language
        )
        if summary.signals:
            timeline_add(ctx, summary.signals[0].signal, TimelineEvent.Kind.EXPORT, text=language)
        return pdf
