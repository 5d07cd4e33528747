"""Subscriptions of an organisation: create and delete (the Notificaties API's abonnementen)."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.gis.geos import Polygon
from django.core.exceptions import ValidationError
from django.db import transaction

from weerbaar.audit.models import Action
from weerbaar.audit.services import audit_log
from weerbaar.core.context import ProcessingContext
from weerbaar.core.personal_data import platform_processing
from weerbaar.core.policies import policy_for, require
from weerbaar.core.subjects import subject_kinds

from ..models import Abonnement, BeschikkingSoort, Bezorgwijze, Kanaal
from ..notificaties import KANAAL


@transaction.atomic
def abonnement_create(
    *,
    ctx: ProcessingContext,
    naam: str,
    bezorgwijze: str,
    gemeenten: Sequence[str] = (),
    gebied: Polygon | None = None,
    onderwerp_soorten: Sequence[str] = (),
    beschikking_soorten: Sequence[str] = (),
    callback_url: str = "",
    callback_auth: str = "",
    email: str = "",
) -> Abonnement:
    """Subscribe the acting organisation to decisions in an area (municipality codes or a
    polygon: at least one), optionally only of some subject and decision kinds."""
    require(policy_for(Abonnement).can_create(ctx), "u mag geen abonnement aanmaken")
    assert ctx.actor is not None
    errors: dict[str, str] = {}
    gemeenten = [g.strip() for g in gemeenten if g.strip()]
    if not gemeenten and gebied is None:
        errors["gemeenten"] = "Kies een gebied: een of meer gemeenten of een getekend gebied."
    unknown = [k for k in onderwerp_soorten if k not in subject_kinds]
    if unknown:
        errors["onderwerp_soorten"] = f"onbekende soort onderwerp: {', '.join(unknown)}"
    known = set(BeschikkingSoort.objects.values_list("code", flat=True))
    unknown = [k for k in beschikking_soorten if k not in known]
    if unknown:
        errors["beschikking_soorten"] = f"onbekende soort beschikking: {', '.join(unknown)}"
    if bezorgwijze == Bezorgwijze.CALLBACK and not callback_url:
        errors["callback_url"] = "Een callback heeft een URL nodig."
    if bezorgwijze == Bezorgwijze.EMAIL and not email:
        errors["email"] = "Bezorgen per e-mail vraagt een e-mailadres."
    if errors:
        raise ValidationError(errors)
    item = Abonnement(
        organisation_id=ctx.organisation_id,
        kanaal=Kanaal.objects.get(naam=KANAAL),
        naam=naam.strip(),
        gemeenten=gemeenten,
        gebied=gebied,
        onderwerp_soorten=list(onderwerp_soorten),
        beschikking_soorten=list(beschikking_soorten),
        bezorgwijze=bezorgwijze,
        callback_url=callback_url if bezorgwijze == Bezorgwijze.CALLBACK else "",
        callback_auth=callback_auth if bezorgwijze == Bezorgwijze.CALLBACK else "",
        email=email if bezorgwijze == Bezorgwijze.EMAIL else "",
        user_id=ctx.actor.pk if bezorgwijze == Bezorgwijze.IN_APP else None,
        created_by_id=ctx.actor.pk,
    )
    item.full_clean()
    item.save()
    audit_log(
        ctx=ctx,
        action=Action.CREATE,
        object_type="beschikkingen.abonnement",
        object_id=str(item.pk),
        detail={"bezorgwijze": bezorgwijze, "gemeenten": gemeenten, "gebied": gebied is not None},
    )
    return item


@transaction.atomic
def abonnement_delete(*, ctx: ProcessingContext, abonnement: Abonnement) -> None:
    require(policy_for(Abonnement).can_delete(ctx, abonnement), "u mag dit abonnement niet opheffen")
    pk = abonnement.pk
    with platform_processing("abonnement opgeheven: zijn bezorgingen vervallen"):
        abonnement.delete()
    audit_log(ctx=ctx, action=Action.DELETE, object_type="beschikkingen.abonnement", object_id=str(pk))
