"""Disclosure: asking the holder of a signal one may not see (a *hit*) to share it, and the
holder's decision. Sharing needs a recorded legal basis; request and decision are audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.audit.recording import Action, audited
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require
from weerbaar.organisations.models import Organisation
from weerbaar.privacy.models import LegalBasis

from ..keys import ADDRESS
from ..models import DisclosureRequest, Signal, SignalShare, TimelineEvent
from ..notifications import notify_transition
from ..policies import ACTIVITIES, organisation_of
from .timeline import timeline_add

OBJECT_TYPE = "signals.verstrekkingsverzoek"


def _matching_signals(keys: list[str], holder_id: int) -> QuerySet[Signal]:
    """The signals of `holder` (reported or assigned) on these subject keys or addresses."""
    prefix = f"{ADDRESS}:"
    addresses = [k.removeprefix(prefix) for k in keys if k.startswith(prefix)]
    q = Q(subjects__key__in=keys) | Q(address_key__in=addresses)
    return (
        Signal.objects.filter(q, anonymised_at__isnull=True)
        .filter(Q(assigned_organisation_id=holder_id) | Q(reporting_organisation_id=holder_id))
        .distinct()
    )


def signal_keys(signal: Signal) -> list[str]:
    """The subject keys of a signal, and its address as an address key."""
    keys = list(signal.subjects.values_list("key", flat=True))
    if signal.address_key:
        keys.append(f"{ADDRESS}:{signal.address_key}")
    return keys


@transaction.atomic
def disclosure_request(
    *, ctx: ProcessingContext, signal: Signal, holder: Organisation, purpose: str
) -> DisclosureRequest:
    """Ask the holder of a hidden matching signal to share it. The holder learns only which of its
    own subjects matched, the requesting organisation and the stated purpose."""
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.DISCLOSE, purposes=ACTIVITIES) as record:
        require(policy_for(Signal).can_change(ctx, signal), "geen toegang tot dit signaal")
        purpose = (purpose or "").strip()
        if not purpose:
            raise ValidationError({"purpose": [_("Geef het doel van de aanvraag op.")]})
        keys = signal_keys(signal)
        hidden = _matching_signals(keys, holder.pk).exclude(
            pk__in=policy_for(Signal).visible(ctx).values("pk")
        )
        first = hidden.exclude(pk=signal.pk).first()
        if first is None:
            raise ValidationError(
                {
                    "holder": [
                        "Deze organisatie heeft geen signaal over deze onderwerpen dat u niet kunt zien."
                    ]
                }
            )
        item = DisclosureRequest.objects.create(
            requesting_signal=signal,
            requester_id=ctx.actor.pk if ctx.actor is not None else None,
            requesting_organisation_id=organisation_of(ctx),
            holder=holder,
            keys=keys,
            purpose=purpose,
        )
        record.disclosed(
            object_id=str(item.pk),
            detail={"status": "aangevraagd", "houder": holder.code, "signaal": signal.number},
        )
    notify_transition(first, ctx, organisations=[holder.pk])
    return item


@transaction.atomic
def disclosure_decide(
    *,
    ctx: ProcessingContext,
    item: DisclosureRequest,
    grant: bool,
    legal_basis: LegalBasis | None = None,
    note: str = "",
) -> DisclosureRequest:
    """The holder grants (with a recorded legal basis: the matching signals are shared with the
    requesting organisation) or refuses (with a note). Audited either way."""
    with audited(ctx, object_type=OBJECT_TYPE, action=Action.DISCLOSE, purposes=ACTIVITIES) as record:
        item = (
            DisclosureRequest.objects.select_for_update()
            .select_related("requesting_organisation", "requesting_signal")
            .get(pk=item.pk)
        )
        require(policy_for(DisclosureRequest).can_change(ctx, item), "alleen de houder besluit")
        if item.status != DisclosureRequest.Status.REQUESTED:
            raise ValidationError({"status": [_("Over deze aanvraag is al besloten.")]})
        note = (note or "").strip()
        if grant and legal_basis is None:
            raise ValidationError(
                {"legal_basis": [_("Verstrekken kan alleen met een vastgelegde grondslag.")]}
            )
        if not grant and not note:
            raise ValidationError({"note": [_("Geef een toelichting bij een weigering.")]})
        requesting = item.requesting_organisation
        shared = []
        if grant:
            for signal in _matching_signals(item.keys, item.holder_id):
                if not policy_for(Signal).can_change(ctx, signal):
                    continue
                SignalShare.objects.get_or_create(
                    signal=signal,
                    organisation=requesting,
                    defaults={
                        "legal_basis": legal_basis,
                        "granted_by_id": ctx.actor.pk if ctx.actor is not None else None,
                        "request": item,
                    },
                )
                timeline_add(ctx, signal, TimelineEvent.Kind.TEAM, text=f"gedeeld met {requesting.name}")
                shared.append(signal.number)
        item.status = DisclosureRequest.Status.GRANTED if grant else DisclosureRequest.Status.REFUSED
        item.legal_basis = legal_basis if grant else None
        item.decided_by_id = ctx.actor.pk if ctx.actor is not None else None
        item.decided_at = timezone.now()
        item.decision_note = note
        item.save()
        detail = {"status": item.status, "aan": requesting.code, "signalen": shared}
        if grant and legal_basis is not None:
            record.disclosed(object_id=str(item.pk), detail=detail, legal_basis=legal_basis.code)
        else:
            record.refused(reason="the holder refused", object_id=str(item.pk), detail=detail)
    notify_transition(item.requesting_signal, ctx, organisations=[item.requesting_organisation_id])
    return item
