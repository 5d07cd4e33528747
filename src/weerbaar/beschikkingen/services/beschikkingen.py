"""Recording a decision and sharing it with the partners whose subscriptions it matches.

Sharing is the AVG check made concrete: a decision is shared only with a recorded legal basis for
sharing; per subscriber, the subject's key and name go into the message only when the subscriber
organisation holds a grant on that basis (privacy's processing register), and each of those
choices is an audit entry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from weerbaar.audit.models import Action
from weerbaar.audit.recording import audited
from weerbaar.core.access import AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require
from weerbaar.core.subjects import subject_kinds
from weerbaar.privacy.models import LegalBasis
from weerbaar.privacy.selectors import organisation_holds_basis

from ..models import Abonnement, Beschikking, BeschikkingSoort, Bezorging, Status
from ..notificaties import KANAAL, cloudevent, matches
from .bezorging import enqueue_after_commit

#: purposes the decisions serve in the processing register
ACTIVITIES = ("informatieplein", "bibob-toets", "gebiedsanalyse")

NIET_GEDEELD = (
    "Deze beschikking heeft geen grondslag voor delen en wordt daarom niet gedeeld. "
    "Leg eerst de grondslag voor delen vast (AVG-toets)."
)


def beschikking_create(
    *,
    ctx: ProcessingContext,
    soort: BeschikkingSoort,
    kenmerk: str,
    grondslag: LegalBasis,
    onderwerp_soort: str,
    onderwerp_identificatie: str,
    gemeente: str,
    datum: dt.date,
    contact: str,
    grondslag_delen: LegalBasis | None = None,
    onderwerp_naam: str = "",
    locatie: Point | None = None,
    ingang: dt.date | None = None,
    einde: dt.date | None = None,
    status: str = Status.VASTGESTELD,
    access_level: str = AccessLevel.AFGESCHERMD,
    delen: bool = False,
) -> Beschikking:
    """Record a decision of the acting organisation; with `delen`, share it at once.

    A refused share (no legal basis for sharing) refuses the whole call: nothing is stored."""
    require(policy_for(Beschikking).can_create(ctx), "u mag geen beschikking vastleggen")
    assert ctx.actor is not None
    kind = subject_kinds.get(onderwerp_soort)
    if kind is None:
        raise ValidationError({"onderwerp_soort": f"onbekende soort onderwerp {onderwerp_soort!r}"})
    if not kind.valid(onderwerp_identificatie):
        raise ValidationError(
            {
                "onderwerp_identificatie": f"{onderwerp_identificatie!r} is geen geldige {kind.identifier_label or kind.label}"
            }
        )
    if ingang and einde and einde < ingang:
        raise ValidationError({"einde": "De einddatum ligt voor de ingangsdatum."})
    if delen and grondslag_delen is None:
        raise ValidationError({"grondslag_delen": NIET_GEDEELD})
    with (
        transaction.atomic(),
        audited(
            ctx, object_type="beschikkingen.beschikking", action=Action.CREATE, purposes=ACTIVITIES
        ) as record,
    ):
        item = Beschikking(
            soort=soort,
            kenmerk=kenmerk.strip(),
            grondslag=grondslag,
            grondslag_delen=grondslag_delen,
            onderwerp_soort=kind.name,
            onderwerp_sleutel=kind.key(onderwerp_identificatie, name=onderwerp_naam),
            onderwerp_naam=onderwerp_naam.strip(),
            gemeente=gemeente.strip(),
            locatie=locatie,
            datum=datum,
            ingang=ingang,
            einde=einde,
            status=status,
            contact=contact.strip(),
            access_level=access_level,
            organisation_id=ctx.organisation_id,
            created_by_id=ctx.actor.pk,
        )
        item.full_clean()
        item.save()
        record.disclosed(
            subject_id=item.onderwerp_sleutel, object_id=str(item.pk), detail={"kenmerk": item.kenmerk}
        )
        if delen:
            beschikking_share(ctx=ctx, beschikking=item)
    return item


def _matching(beschikking: Beschikking) -> list[Abonnement]:
    candidates = (
        Abonnement.objects.filter(kanaal__naam=KANAAL)
        .exclude(organisation_id=beschikking.organisation_id)
        .select_related("organisation")
    )
    in_gebied: set[int] = set()
    if beschikking.locatie is not None:
        in_gebied = set(candidates.filter(gebied__contains=beschikking.locatie).values_list("pk", flat=True))
    return [a for a in candidates if matches(a, beschikking, in_gebied=a.pk in in_gebied)]


def beschikking_share(*, ctx: ProcessingContext, beschikking: Beschikking) -> list[Bezorging]:
    """Notify every matching subscription of another organisation (once per subscription).

    Refused, with `NIET_GEDEELD`, when the decision has no legal basis for sharing; refused when
    it is not (or no longer) in force. Returns the new deliveries; a job sends each after commit."""
    require(policy_for(Beschikking).can_change(ctx, beschikking), "u mag deze beschikking niet delen")
    if beschikking.grondslag_delen is None:
        raise ValidationError({"grondslag_delen": NIET_GEDEELD})
    if beschikking.status != Status.VASTGESTELD:
        raise ValidationError({"status": "Alleen een vastgestelde beschikking wordt gedeeld."})
    basis = beschikking.grondslag_delen.code
    created: list[Bezorging] = []
    with (
        transaction.atomic(),
        audited(
            ctx, object_type="beschikkingen.beschikking", action=Action.DISCLOSE, purposes=ACTIVITIES
        ) as record,
    ):
        for abonnement in _matching(beschikking):
            allowed = organisation_holds_basis(
                organisation_id=abonnement.organisation_id, legal_basis_code=basis
            )
            detail: dict[str, Any] = {
                "aan": abonnement.organisation.code,
                "abonnement": abonnement.pk,
                "bezorgwijze": abonnement.bezorgwijze,
            }
            bezorging, new = Bezorging.objects.get_or_create(
                abonnement=abonnement,
                beschikking=beschikking,
                defaults={
                    "bericht": cloudevent(beschikking, met_persoonsgegevens=allowed),
                    "met_persoonsgegevens": allowed,
                    "volgende_poging": timezone.now(),
                },
            )
            if not new:
                continue
            created.append(bezorging)
            if allowed:
                record.disclosed(
                    subject_id=beschikking.onderwerp_sleutel,
                    object_id=str(beschikking.pk),
                    detail=detail,
                    legal_basis=basis,
                )
            else:
                record.refused(
                    reason=f"geen grant op grondslag {basis}: bericht zonder persoonsgegevens",
                    object_id=str(beschikking.pk),
                    detail=detail,
                )
        beschikking.gedeeld_op = timezone.now()
        beschikking.save(update_fields=["gedeeld_op"])
        enqueue_after_commit([b.pk for b in created])
    return created
