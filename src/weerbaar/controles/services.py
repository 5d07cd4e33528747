"""Writes on integrated controls: typed, keyword-only, the acting context explicit, a policy check
first, one transaction, audited."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.gis.geos import GEOSGeometry, MultiPolygon, Polygon
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from weerbaar.audit.recording import Action, audited
from weerbaar.core import photos
from weerbaar.core.access import AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require
from weerbaar.core.spatial import RD_NEW, geometry_from_text
from weerbaar.privacy.selectors import processing_activity_list
from weerbaar.signals import services as signals

from .models import Bevinding, BevindingFoto, Controle, Partner, SoortGebied, Team, Vraag
from .selectors import CONTROLE_PURPOSES, bezoekadres
from .vragenlijst import STANDAARD_VRAGEN

#: the largest area one control may cover (km²): a control visits one location, not a region
MAX_GEBIED_KM2 = 50.0
#: the phenomenon a finding's signal gets by default, by kind of area
FENOMEEN = {
    SoortGebied.BEDRIJVENTERREIN: "drugs",
    SoortGebied.HAVEN: "havens",
    SoortGebied.VAKANTIEPARK: "vakantiepark",
    SoortGebied.BUITENGEBIED: "vab",
}


def gebied_uit_tekst(text: str) -> MultiPolygon:
    """A polygon as WKT or GeoJSON, in RD New or WGS84 (told apart by the coordinates), as an RD
    New multipolygon; ValidationError naming the field and the reason otherwise."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"gebied": ["Teken of plak een gebied."]})
    try:
        geometry = geometry_from_text(text)
    except ValueError:
        raise ValidationError({"gebied": ["Het gebied is geen geldige WKT of GeoJSON."]}) from None
    if not isinstance(geometry, (Polygon, MultiPolygon)):
        raise ValidationError({"gebied": ["Het gebied moet een vlak zijn (Polygon of MultiPolygon)."]})
    minx, miny, maxx, maxy = geometry.extent
    geometry.srid = 4326 if (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90) else RD_NEW
    if geometry.srid != RD_NEW:
        geometry.transform(RD_NEW)
    if not geometry.valid:
        raise ValidationError({"gebied": [f"Het gebied is geen geldig vlak: {geometry.valid_reason}."]})
    if geometry.area / 1e6 > MAX_GEBIED_KM2:
        raise ValidationError({"gebied": [f"Het gebied is groter dan {MAX_GEBIED_KM2:.0f} km²."]})
    if isinstance(geometry, Polygon):
        geometry = MultiPolygon(geometry, srid=RD_NEW)
    return geometry


@dataclass(frozen=True)
class TeamInvoer:
    naam: str
    begin: dt.time
    einde: dt.time
    samenstelling: str = ""


@transaction.atomic
def controle_plan(
    *,
    ctx: ProcessingContext,
    naam: str,
    datum: dt.date,
    soort_gebied: str,
    gebied: GEOSGeometry | str,
    doel: str,
    partners: Sequence[tuple[Any, str]] = (),
    teams: Sequence[TeamInvoer] = (),
    rol: str = "",
    access_level: str = AccessLevel.INTERN,
) -> Controle:
    """Plan a control: the organiser (the context's organisation) takes part with `rol`, each
    partner `(organisation, role)` with its own. Every field's error at once; nothing stored then."""
    require(policy_for(Controle).can_create(ctx), "geen recht om een controle te plannen")
    errors: dict[str, list[str]] = {}
    shape: MultiPolygon | None = None
    try:
        shape = gebied_uit_tekst(gebied) if isinstance(gebied, str) else gebied_uit_tekst(gebied.ewkt)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not processing_activity_list(user=ctx).filter(code=doel).exists():
        errors["doel"] = [f"'{doel}' is geen verwerkingsactiviteit in het verwerkingsregister."]
    for team in teams:
        if team.einde <= team.begin:
            errors.setdefault("teams", []).append(f"Team '{team.naam}': het tijdvak eindigt voor het begint.")
    controle = Controle(
        naam=naam,
        datum=datum,
        soort_gebied=soort_gebied,
        gebied=shape,
        doel=doel,
        organisation_id=ctx.organisation_id,
        created_by_id=ctx.actor.pk if ctx.actor is not None else None,
        access_level=access_level,
    )
    try:
        controle.full_clean(exclude=["gebied"] if shape is None else None)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    controle.save()
    Partner.objects.create(controle=controle, organisation_id=ctx.organisation_id, rol=rol)
    for organisation, partner_rol in partners:
        if organisation.pk != ctx.organisation_id:
            Partner.objects.get_or_create(
                controle=controle, organisation=organisation, defaults={"rol": partner_rol}
            )
    for team in teams:
        Team.objects.create(
            controle=controle,
            naam=team.naam,
            begin=team.begin,
            einde=team.einde,
            samenstelling=team.samenstelling,
        )
    with audited(
        ctx, object_type="controles.controle", action=Action.CREATE, purposes=CONTROLE_PURPOSES
    ) as record:
        record.disclosed(
            object_id=str(controle.pk),
            detail={
                "doel": doel,
                "partners": controle.partners.count(),
                "gebied_km2": round(shape.area / 1e6, 3),
            },  # type: ignore[union-attr]
        )
    return controle


ANTWOORDEN = {"ja", "nee", ""}


@dataclass(frozen=True)
class Vastgelegd:
    bevinding: Bevinding
    #: False when the key was known: the same finding sent again, nothing new stored
    nieuw: bool


def bevinding_vastleggen(
    *,
    ctx: ProcessingContext,
    controle: Controle,
    sleutel: str,
    adres_sleutel: str,
    antwoorden: dict[str, str] | None = None,
    niemand_aanwezig: bool = False,
    opvolging: bool = False,
    toelichting: str = "",
    vastgelegd_op: dt.datetime | None = None,
) -> Vastgelegd:
    """Store a finding a partner recorded at an address of the control's list. `sleutel` (the
    phone's idempotency key) makes a resend harmless: the stored finding is returned, unchanged.
    A key used for another control is refused."""
    require(policy_for(Controle).can_record(ctx, controle), "geen partner van deze controle")  # type: ignore[attr-defined]
    sleutel = (sleutel or "").strip()
    errors: dict[str, list[str]] = {}
    if not 8 <= len(sleutel) <= 64:
        errors["sleutel"] = ["De sleutel (Idempotency-Key) moet 8 tot 64 tekens lang zijn."]
    answers = {str(k): str(v) for k, v in (antwoorden or {}).items()}
    wrong = sorted(k for k, v in answers.items() if v not in ANTWOORDEN)
    if wrong:
        errors["antwoorden"] = [f"Vraag {k}: antwoord 'ja', 'nee' of leeg." for k in wrong]
    with audited(
        ctx, object_type="controles.bevinding", action=Action.CREATE, purposes=CONTROLE_PURPOSES
    ) as record:
        if not errors:
            known = Bevinding.objects.filter(sleutel=sleutel).first()
            if known is not None:
                if known.controle_id != controle.pk:
                    raise ValidationError({"sleutel": ["Deze sleutel hoort bij een andere controle."]})
                return Vastgelegd(known, nieuw=False)
        adres = bezoekadres(ctx=ctx, controle=controle, adres_sleutel=adres_sleutel)
        if adres is None:
            errors["adres_sleutel"] = [
                f"Het adres '{adres_sleutel}' ligt niet in het gebied van de controle."
            ]
        if errors:
            raise ValidationError(errors)
        assert adres is not None
        try:
            with transaction.atomic():
                bevinding = Bevinding.objects.create(
                    controle=controle,
                    sleutel=sleutel,
                    adres_sleutel=adres.adres_sleutel,
                    adres=adres.label,
                    antwoorden=answers,
                    niemand_aanwezig=niemand_aanwezig,
                    opvolging=opvolging,
                    toelichting=toelichting,
                    organisation_id=ctx.organisation_id,
                    vastgelegd_door_id=ctx.actor.pk if ctx.actor is not None else None,
                    vastgelegd_op=vastgelegd_op or timezone.now(),
                )
        except IntegrityError:  # the same key arrived twice at once: the other request stored it
            return Vastgelegd(Bevinding.objects.get(sleutel=sleutel), nieuw=False)
        record.disclosed(
            object_id=str(bevinding.pk), detail={"controle": controle.pk, "adres": adres.adres_sleutel}
        )
        return Vastgelegd(bevinding, nieuw=True)


#: the most photos one finding carries (volgnummer 0 .. MAX_FOTOS - 1)
MAX_FOTOS = 10


@dataclass(frozen=True)
class FotoToegevoegd:
    foto: BevindingFoto
    #: False when this photo of this finding was stored before: nothing new stored
    nieuw: bool


def bevinding_foto_toevoegen(
    *, ctx: ProcessingContext, controle: Controle, sleutel: str, volgnummer: int, inhoud: bytes
) -> FotoToegevoegd:
    """Store photo number `volgnummer` of the finding with idempotency key `sleutel`, without any
    EXIF/XMP/ICC (`core.photos.clean`; its GPS position is not kept: the finding has its address).
    Idempotent: sent again (a weak connection), the stored photo is returned and nothing is
    doubled. Refused: no partner of the control, an unknown key, a number out of range, a file that
    is no JPEG/PNG. A failed store leaves no file behind."""
    require(policy_for(Controle).can_record(ctx, controle), "geen partner van deze controle")  # type: ignore[attr-defined]
    if not 0 <= volgnummer < MAX_FOTOS:
        raise ValidationError(
            {"volgnummer": [f"Een bevinding heeft hoogstens {MAX_FOTOS} foto's (0 tot {MAX_FOTOS})."]}
        )
    with audited(
        ctx, object_type="controles.bevindingfoto", action=Action.CREATE, purposes=CONTROLE_PURPOSES
    ) as record:
        bevinding = policy_for(Bevinding).visible(ctx).filter(controle=controle, sleutel=sleutel).first()
        if bevinding is None:
            raise ValidationError({"sleutel": ["Geen bevinding met deze sleutel bij deze controle."]})
        known = BevindingFoto.objects.filter(bevinding=bevinding, volgnummer=volgnummer).first()
        if known is not None:
            return FotoToegevoegd(known, nieuw=False)
        clean = photos.clean(inhoud)
        foto = BevindingFoto(
            bevinding=bevinding, volgnummer=volgnummer, content_type=clean.content_type, sha256=clean.sha256
        )
        foto.bestand.save(f"{uuid.uuid4().hex}{clean.extension}", ContentFile(clean.content), save=False)
        try:
            with transaction.atomic():
                foto.save()
        except IntegrityError:  # the same photo arrived twice at once: the other request stored it
            foto.bestand.storage.delete(foto.bestand.name)
            return FotoToegevoegd(
                BevindingFoto.objects.get(bevinding=bevinding, volgnummer=volgnummer), nieuw=False
            )
        except Exception:
            foto.bestand.storage.delete(foto.bestand.name)
            raise
        record.disclosed(
            object_id=str(foto.pk),
            detail={"controle": controle.pk, "bevinding": bevinding.pk, "volgnummer": volgnummer},
        )
        return FotoToegevoegd(foto, nieuw=True)


@transaction.atomic
def bevinding_naar_signaal(*, ctx: ProcessingContext, bevinding: Bevinding, fenomeen: str = "") -> str:
    """Make a finding a signal in one step (signals' own intake: its policy, numbering and audit),
    linked to the control by the finding; returns the signal's number. A finding becomes one
    signal only: asked again, the existing number is returned."""
    controle = bevinding.controle
    require(policy_for(Controle).can_record(ctx, controle), "geen partner van deze controle")  # type: ignore[attr-defined]
    with audited(
        ctx, object_type="controles.bevinding", action=Action.UPDATE, purposes=CONTROLE_PURPOSES
    ) as record:
        locked = Bevinding.objects.select_for_update().get(pk=bevinding.pk)
        if locked.signaal_nummer:
            return locked.signaal_nummer
        postcode, huisnummer, letter, toevoeging = ([*locked.adres_sleutel.split("|"), "", "", "", ""])[:4]
        beschrijving = [f"Bevinding bij integrale controle '{controle.naam}' ({controle.datum:%d-%m-%Y})."]
        if locked.niemand_aanwezig:
            beschrijving.append("Niemand aanwezig.")
        if locked.opvolging:
            beschrijving.append("Opvolging nodig.")
        if locked.toelichting:
            beschrijving.append(locked.toelichting)
        signal = signals.signal_create(
            ctx=ctx,
            data={
                "title": f"Controle {controle.naam}: {locked.adres}"[:200],
                "phenomenon": fenomeen or FENOMEEN.get(SoortGebied(controle.soort_gebied), "fraude"),
                "received_on": controle.datum,
                "description": "\n".join(beschrijving),
                "address": f"{postcode} {huisnummer}{letter}{('-' + toevoeging) if toevoeging else ''}",
            },
        )
        locked.signaal_nummer = signal.number
        locked.save(update_fields=["signaal_nummer"])
        record.disclosed(object_id=str(locked.pk), detail={"signaal": signal.number, "controle": controle.pk})
        bevinding.signaal_nummer = signal.number
        return signal.number


def vragen_standaard_laden(*, ctx: ProcessingContext) -> int:
    """Put the shipped questions in the table (idempotent): the number added. A shipped question
    already there gets its German and English text where those are still empty (never overwriting
    what a partner wrote in the admin)."""
    require(ctx.system or policy_for(Controle).can_create(ctx), "geen recht om de vragenlijst te laden")
    added = 0
    for soort, teksten in STANDAARD_VRAGEN.items():
        for volgorde, tekst in enumerate(teksten):
            vraag, created = Vraag.objects.get_or_create(
                organisatie_soort=soort,
                tekst_nl=tekst.nl,
                defaults={"volgorde": volgorde, "tekst_de": tekst.de, "tekst_en": tekst.en},
            )
            added += created
            missing = {f"tekst_{lang}": getattr(tekst, lang) for lang in ("de", "en")}
            missing = {name: value for name, value in missing.items() if not getattr(vraag, name)}
            if missing:
                Vraag.objects.filter(pk=vraag.pk).update(**missing)
    return added
