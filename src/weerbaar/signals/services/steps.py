"""Moving a signal: assigning it, and taking a step in the workflow (`workflow.TRANSITIONS`).

Each step: the policy, a row lock, the preconditions, the timeline, the audit entry (a refused
step too) and the notifications after the commit.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.audit.recording import Action, audited
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require
from weerbaar.organisations.models import Organisation

from .. import numbers, workflow
from ..models import Case, CaseTeamMember, Evaluation, Signal, TimelineEvent
from ..notifications import notify_transition
from ..policies import ACTIVITIES, is_worker, organisation_of, scopes_of
from ..workflow import State
from .timeline import timeline_add

NO_ACCESS = "geen toegang tot dit signaal"


class TransitionError(ValidationError):
    pass


@transaction.atomic
def signal_assign(
    *, ctx: ProcessingContext, signal: Signal, organisation: Organisation, person: Any = None
) -> Signal:
    """Assign the signal to an organisation (and optionally one of its people): the holder or the RIEC."""
    with audited(ctx, object_type="signals.signal", action=Action.UPDATE, purposes=ACTIVITIES) as record:
        signal = Signal.objects.select_for_update().get(pk=signal.pk)
        require(policy_for(Signal).can_change(ctx, signal), NO_ACCESS)
        require(
            bool(scopes_of(ctx, signal) & {workflow.HOLDER, workflow.RIEC}),
            "alleen de houder of het RIEC wijst toe",
        )
        if person is not None and person.organisation_id != organisation.pk:
            raise ValidationError({"assigned_to": [_("Deze persoon werkt niet bij de gekozen organisatie.")]})
        signal.assigned_organisation = organisation
        signal.assigned_to = person
        signal.save(update_fields=["assigned_organisation", "assigned_to"])
        timeline_add(ctx, signal, TimelineEvent.Kind.ASSIGNMENT, text=organisation.name)
        record.disclosed(object_id=signal.number, detail={"toegewezen": organisation.code})
    notify_transition(signal, ctx)
    return signal


def available_transitions(ctx: ProcessingContext, signal: Signal) -> list[workflow.Transition]:
    """The steps the context may take on the signal now (its roles and its organisation's scopes)."""
    if not is_worker(ctx) or signal.anonymised_at is not None:
        return []
    scopes = scopes_of(ctx, signal)
    return [t for t in workflow.transitions_from(signal.state) if workflow.allowed(t, ctx.roles, scopes)]


def _check_preconditions(signal: Signal, transition: workflow.Transition, reason: str) -> None:
    if transition.reason_required and not reason:
        raise TransitionError({"reason": [_("Geef een reden op.")]})
    if transition.requires == "intervention" and not (signal.case and signal.case.interventions.exists()):
        raise TransitionError({"to": [_("Leg eerst ten minste één interventie vast.")]})
    if transition.requires == "evaluation":
        if not (signal.case and Evaluation.objects.filter(case=signal.case).exists()):
            raise TransitionError({"to": [_("Een casus wordt pas afgesloten na de evaluatie.")]})
        open_ = [str(i) for i in signal.case.interventions.all() if not i.result.strip()]
        if open_:
            raise TransitionError(
                {
                    "to": [
                        _(
                            "Een casus wordt pas afgesloten als elke interventie een resultaat heeft; nog zonder: %(open)s."
                        )
                        % {"open": ", ".join(open_)}
                    ]
                }
            )
    if transition.requires == "case" and signal.case_id is None:
        raise TransitionError({"to": [_("Dit signaal heeft geen casus.")]})


@transaction.atomic
def signal_transition(*, ctx: ProcessingContext, signal: Signal, to: str, reason: str = "") -> Signal:
    """Take one step in the workflow: permission, row lock, preconditions, timeline, audit, notify."""
    with audited(ctx, object_type="signals.signal", action=Action.UPDATE, purposes=ACTIVITIES) as record:
        signal = Signal.objects.select_for_update().get(pk=signal.pk)
        require(policy_for(Signal).can_change(ctx, signal), NO_ACCESS)
        transition = workflow.transition_for(signal.state, to)
        if transition is None:
            raise TransitionError({"to": [f"Van '{signal.state}' naar '{to}' is geen toegestane stap."]})
        if not workflow.allowed(transition, ctx.roles, scopes_of(ctx, signal)):
            record.refused(
                reason="role or organisation may not take this step",
                object_id=signal.number,
                detail={"van": signal.state, "naar": to},
            )
            raise PermissionDenied("uw rol of organisatie mag deze stap niet zetten")
        reason = (reason or "").strip()
        _check_preconditions(signal, transition, reason)
        source = signal.state
        now = timezone.now()
        signal.state = to
        signal.state_changed_at = now
        signal.stage_deadline = workflow.stage_deadline(to, now)
        if to == State.INGEBRACHT:
            signal.ingebracht = True
        if to == State.CASUS and signal.case_id is None:
            signal.case = _case_create(ctx, signal)
        signal.closed_at = now if to in workflow.TERMINAL else None
        if to == State.GEEN_VERVOLG:
            signal.no_followup_reason = reason
        signal.save()
        timeline_add(ctx, signal, TimelineEvent.Kind.TRANSITION, text=reason, from_state=source, to_state=to)
        record.disclosed(object_id=signal.number, detail={"van": source, "naar": to})
    notify_transition(signal, ctx)
    return signal


def _case_create(ctx: ProcessingContext, signal: Signal) -> Case:
    """The case the informatieplein makes of a signal: led by the context's organisation, with the
    reporting and the assigned organisation in its team."""
    case = Case.objects.create(
        number=numbers.placeholder(),
        title=signal.title,
        created_by_id=ctx.actor.pk if ctx.actor is not None else None,
        lead_organisation_id=organisation_of(ctx),
        access_level=signal.access_level,
    )
    numbers.assign(case, numbers.CASE)
    for org_id in {organisation_of(ctx), signal.reporting_organisation_id, signal.assigned_organisation_id}:
        CaseTeamMember.objects.get_or_create(case=case, organisation_id=org_id)
    return case
