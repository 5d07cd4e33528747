"""Writes in the rural area: typed, keyword-only, the acting context explicit, audited.

A failed write leaves stored data as it was: every service runs in one transaction, and photo
files are written only after every check passed (and removed again when the transaction rolls back).
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation

from weerbaar.audit.models import Action
from weerbaar.audit.services import audit_log
from weerbaar.core import photos
from weerbaar.core.access import AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require
from weerbaar.organisations.models import RD_NEW, Area
from weerbaar.signals import services as signals

from .. import workflow
from ..models import Betaler, Drugsafvaldumping, DumpingFoto, DumpingStatusWijziging
from ..workflow import DumpingStatus

OBJECT = "buitengebied.drugsafvaldumping"


class TransitionError(ValidationError):
    """A status change the transition table or its preconditions do not allow."""


def _municipality_at(point: Point) -> int | None:
    area = Area.objects.filter(kind="gemeente", geometry__contains=point).first()
    return area.organisation_id if area is not None else None


def _in_rd(point: Point) -> Point:
    point = point.clone()
    if point.srid is None:
        point.srid = 4326
    if point.srid != RD_NEW:
        point.transform(RD_NEW)
    return point


@transaction.atomic
def dumping_create(
    *,
    ctx: ProcessingContext,
    data: dict[str, Any],
    foto_bestanden: list[bytes] = (),  # type: ignore[assignment]
    access_level: str = AccessLevel.INTERN,
) -> Drugsafvaldumping:
    """Register a dumping. The location is `data["punt"]` (any SRID; WGS84 when none) or else
    the GPS position of the first photo that has one; every photo is stored without EXIF.
    All errors at once, keyed by field."""
    require(policy_for(Drugsafvaldumping).can_create(ctx), "geen recht om dumpingen te melden")
    assert ctx.actor is not None
    errors: dict[str, list[str]] = {}
    cleaned: list[photos.CleanPhoto] = []
    for content in foto_bestanden:
        try:
            cleaned.append(photos.clean(content))
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    point = data.get("punt") or next((p.gps for p in cleaned if p.gps is not None), None)
    if point is None:
        errors.setdefault("punt", []).append(
            "Geef de locatie: kies een punt, vul coördinaten in of voeg een foto met GPS-locatie toe."
        )
    fields = {
        k: data.get(k)
        for k in ("gevonden_op", "soort", "hoeveelheid", "eenheid", "proces_verbaalnummer", "toelichting")
    }
    dumping = Drugsafvaldumping(
        **{k: v for k, v in fields.items() if v is not None},
        punt=_in_rd(point) if point is not None else None,
        opruimkosten=data.get("opruimkosten"),
        betaald_door=data.get("betaald_door") or "",
        access_level=access_level,
        organisation_id=ctx.organisation_id,
        created_by_id=ctx.actor.pk,
        fictief=bool(data.get("fictief", False)),
    )
    if dumping.punt is not None:
        dumping.gemeente_id = _municipality_at(dumping.punt)
        if dumping.gemeente_id is None:
            errors.setdefault("punt", []).append("Deze locatie ligt in geen gemeente van de regio.")
    try:
        dumping.full_clean(exclude=["punt"] if dumping.punt is None else [])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    dumping.save()
    DumpingStatusWijziging.objects.create(
        dumping=dumping, van=DumpingStatus.GEMELD, naar=DumpingStatus.GEMELD, door_id=ctx.actor.pk
    )
    written: list[DumpingFoto] = []
    try:
        for photo in cleaned:
            stored = DumpingFoto(dumping=dumping, content_type=photo.content_type, sha256=photo.sha256)
            stored.bestand.save(f"{uuid.uuid4().hex}{photo.extension}", ContentFile(photo.content), save=True)
            written.append(stored)
        audit_log(
            ctx=ctx,
            action=Action.CREATE,
            object_type=OBJECT,
            object_id=str(dumping.pk),
            detail={"fotos": len(cleaned), "gemeente": dumping.gemeente_id},
        )
    except Exception:
        for stored in written:  # the rows roll back with the transaction; the files must go too
            stored.bestand.storage.delete(stored.bestand.name)
        raise
    return dumping


def _check(dumping: Drugsafvaldumping, naar: str) -> None:
    """The preconditions of a transition, each naming its field."""
    if naar == DumpingStatus.OPGERUIMD and (dumping.opruimkosten is None or not dumping.betaald_door):
        raise TransitionError(
            {"opruimkosten": ["Vul de opruimkosten en wie betaalde in voordat de dumping opgeruimd is."]}
        )
    if naar == DumpingStatus.VERGOEDING_AANGEVRAAGD and dumping.betaald_door != Betaler.GRONDEIGENAAR:
        raise TransitionError(
            {"betaald_door": ["De provincie vergoedt alleen opruimkosten die de grondeigenaar betaalde."]}
        )
    if naar == DumpingStatus.VERGOED:
        if dumping.vergoeding is None or dumping.vergoeding <= 0:
            raise TransitionError({"vergoeding": ["Vul het vergoede bedrag in."]})
        if dumping.opruimkosten is not None and dumping.vergoeding > dumping.opruimkosten:
            raise TransitionError({"vergoeding": ["De vergoeding is hoger dan de opruimkosten."]})


@transaction.atomic
def dumping_transition(
    *,
    ctx: ProcessingContext,
    dumping: Drugsafvaldumping,
    naar: str,
    toelichting: str = "",
    opruimkosten: Decimal | None = None,
    betaald_door: str = "",
    vergoeding: Decimal | None = None,
) -> Drugsafvaldumping:
    """Move a dumping along the transition table (with the figures the step needs), under a row
    lock; refused transitions change nothing."""
    policy = policy_for(Drugsafvaldumping)
    dumping = Drugsafvaldumping.objects.select_for_update().get(pk=dumping.pk)
    require(policy.can_change(ctx, dumping), "geen recht om deze dumping te wijzigen")
    if naar in workflow.PROVINCE_DECIDES:
        require(policy.can_decide_reimbursement(ctx, dumping), "alleen de provincie besluit over vergoeding")
    if not workflow.allowed(dumping.status, naar):
        raise TransitionError(
            {"naar": [f"Van '{dumping.get_status_display()}' kan de status niet naar '{naar}'."]}
        )
    if opruimkosten is not None:
        dumping.opruimkosten = opruimkosten
    if betaald_door:
        dumping.betaald_door = betaald_door
    if vergoeding is not None:
        dumping.vergoeding = vergoeding
    _check(dumping, naar)
    van = dumping.status
    dumping.status = naar
    dumping.full_clean()
    dumping.save()
    assert ctx.actor is not None
    DumpingStatusWijziging.objects.create(
        dumping=dumping, van=van, naar=naar, toelichting=toelichting[:300], door_id=ctx.actor.pk
    )
    audit_log(
        ctx=ctx,
        action=Action.UPDATE,
        object_type=OBJECT,
        object_id=str(dumping.pk),
        detail={"van": van, "naar": naar},
    )
    return dumping


@transaction.atomic
def dumping_signal_create(*, ctx: ProcessingContext, dumping: Drugsafvaldumping) -> Drugsafvaldumping:
    """Make a signal (phenomenon: dumping van drugsafval) of a report in one step, through the
    signals' own service (its policy, numbering, audit), and link the report to it. Once only."""
    dumping = Drugsafvaldumping.objects.select_for_update().get(pk=dumping.pk)
    require(policy_for(Drugsafvaldumping).can_view(ctx, dumping), "geen toegang tot deze dumping")
    if dumping.signaal_id:
        raise ValidationError(
            {"signaal": [f"Van deze melding is al signaal {dumping.signaal_nummer} gemaakt."]}
        )
    with translation.override("nl"):  # the signal's text is stored data, in the platform's language
        description = (
            f"Drugsafvaldumping aangetroffen op {dumping.gevonden_op:%d-%m-%Y}: {dumping.soort.naam}, "
            f"{dumping.hoeveelheid} {dumping.get_eenheid_display()}."
        )
    if dumping.proces_verbaalnummer:
        description += f" Proces-verbaal {dumping.proces_verbaalnummer}."
    signal = signals.signal_create(
        ctx=ctx,
        data={
            "title": f"Drugsafvaldumping {dumping.soort.naam} ({dumping.gevonden_op:%d-%m-%Y})",
            "phenomenon": "drugsafval",
            "received_on": dumping.gevonden_op,
            "description": description,
            "point": dumping.punt,
        },
    )
    dumping.signaal_id = signal.pk
    dumping.signaal_nummer = signal.number
    dumping.save(update_fields=["signaal_id", "signaal_nummer"])
    audit_log(
        ctx=ctx,
        action=Action.UPDATE,
        object_type=OBJECT,
        object_id=str(dumping.pk),
        detail={"signaal": signal.number},
    )
    return dumping
