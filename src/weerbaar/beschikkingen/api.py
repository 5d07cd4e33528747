"""Beschikkingen under /api/v1/beschikkingen (NL API Design Rules: Dutch resource names,
problem+json errors). Reading and recording decisions is for partners of the issuing
organisation; a refused share (no legal basis for sharing) is a 400 naming the field."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.contrib.gis.geos import Point, Polygon
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status

from weerbaar.api.auth import GatedAuth
from weerbaar.core.access import PARTNER_ROLES, AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.core.spatial import geometry_from_text
from weerbaar.organisations.models import RD_NEW
from weerbaar.privacy.context import request_context
from weerbaar.privacy.models import LegalBasis

from .models import Beschikking, BeschikkingSoort
from .models import Status as BeschikkingStatus
from .selectors import abonnement_get, abonnement_list, beschikking_get, beschikking_list
from .services import abonnement_create, abonnement_delete, beschikking_create


def _gate(request: HttpRequest) -> ProcessingContext:
    ctx = request_context(request)
    if not ctx.has_role(*PARTNER_ROLES) or ctx.organisation_id is None:
        raise PermissionDenied("Alleen partners met een organisatie werken met beschikkingen.")
    return ctx


router = Router(tags=["beschikkingen"], auth=GatedAuth(_gate))


class BeschikkingOut(Schema):
    id: int
    kenmerk: str
    soort: str
    grondslag: str
    grondslagDelen: str | None
    onderwerpSoort: str
    onderwerpSleutel: str
    onderwerpNaam: str
    gemeente: str
    datum: date
    ingang: date | None
    einde: date | None
    status: str
    uitgevendeOrganisatie: str
    contact: str
    gedeeld: bool


class BeschikkingIn(Schema):
    kenmerk: str
    soort: str
    grondslag: str
    grondslagDelen: str | None = None
    onderwerpSoort: str
    onderwerp: str
    onderwerpNaam: str = ""
    gemeente: str
    x: float | None = None
    y: float | None = None
    datum: date
    ingang: date | None = None
    einde: date | None = None
    status: str = BeschikkingStatus.VASTGESTELD
    contact: str
    toegangsniveau: str = AccessLevel.AFGESCHERMD
    delen: bool = False


def _out(item: Beschikking) -> dict:
    return {
        "id": item.pk,
        "kenmerk": item.kenmerk,
        "soort": item.soort.code,
        "grondslag": item.grondslag.code,
        "grondslagDelen": item.grondslag_delen.code if item.grondslag_delen else None,
        "onderwerpSoort": item.onderwerp_soort,
        "onderwerpSleutel": item.onderwerp_sleutel,
        "onderwerpNaam": item.onderwerp_naam,
        "gemeente": item.gemeente,
        "datum": item.datum,
        "ingang": item.ingang,
        "einde": item.einde,
        "status": item.status,
        "uitgevendeOrganisatie": item.organisation.code,
        "contact": item.contact,
        "gedeeld": item.gedeeld_op is not None,
    }


def _lookup(model, field: str, code: str | None):
    if not code:
        return None
    found = model.objects.filter(code=code).first()
    if found is None:
        raise ValidationError({field: [f"onbekende code {code!r}"]})
    return found


@router.get("/beschikkingen", response=list[BeschikkingOut], summary="Beschikkingen van mijn organisatie")
def beschikking_list_api(request: HttpRequest):
    return [_out(i) for i in beschikking_list(ctx=_gate(request))]


@router.get("/beschikkingen/{int:id}", response=BeschikkingOut, summary="Eén beschikking")
def beschikking_get_api(request: HttpRequest, id: int):
    item = beschikking_get(ctx=_gate(request), pk=id)
    if item is None:
        raise Http404("Niet gevonden.")
    return _out(item)


@router.post("/beschikkingen", response={201: BeschikkingOut}, summary="Beschikking vastleggen (en delen)")
def beschikking_nieuw_api(request: HttpRequest, payload: BeschikkingIn):
    ctx = _gate(request)
    if (payload.x is None) != (payload.y is None):
        raise ValidationError({"y": ["Geef x en y allebei, of geen van beide."]})
    soort = _lookup(BeschikkingSoort, "soort", payload.soort)
    grondslag = _lookup(LegalBasis, "grondslag", payload.grondslag)
    if soort is None or grondslag is None:
        raise ValidationError({"soort" if soort is None else "grondslag": ["verplicht"]})
    item = beschikking_create(
        ctx=ctx,
        soort=soort,
        kenmerk=payload.kenmerk,
        grondslag=grondslag,
        grondslag_delen=_lookup(LegalBasis, "grondslagDelen", payload.grondslagDelen),
        onderwerp_soort=payload.onderwerpSoort,
        onderwerp_identificatie=payload.onderwerp,
        onderwerp_naam=payload.onderwerpNaam,
        gemeente=payload.gemeente,
        locatie=Point(payload.x, payload.y, srid=RD_NEW) if payload.x is not None else None,
        datum=payload.datum,
        ingang=payload.ingang,
        einde=payload.einde,
        status=payload.status,
        contact=payload.contact,
        access_level=payload.toegangsniveau,
        delen=payload.delen,
    )
    shown = beschikking_get(ctx=ctx, pk=item.pk)
    return Status(201, _out(shown or item))


# --- subscriptions (the Notificaties API's abonnementen) -------------------------------------------


class AbonnementIn(Schema):
    naam: str = Field(..., min_length=1, max_length=120)
    bezorgwijze: str = Field(..., description="callback, email of in_app")
    gemeenten: list[str] = Field(default_factory=list, description="CBS-codes, bijvoorbeeld GM0193")
    gebied: dict[str, Any] | None = Field(None, description="GeoJSON Polygon in RD New (EPSG:28992)")
    onderwerpSoorten: list[str] = Field(default_factory=list)
    beschikkingSoorten: list[str] = Field(default_factory=list)
    callbackUrl: str = Field("", max_length=500)
    #: the Authorization header the platform sends to the callback; never returned
    callbackAuth: str = Field("", max_length=500)
    email: str = Field("", max_length=254)


class AbonnementOut(Schema):
    id: int
    naam: str
    bezorgwijze: str
    gemeenten: list[str]
    gebied: bool
    onderwerpSoorten: list[str]
    beschikkingSoorten: list[str]
    callbackUrl: str
    email: str


def _abonnement(a: Any) -> dict[str, Any]:
    return {
        "id": a.pk,
        "naam": a.naam,
        "bezorgwijze": a.bezorgwijze,
        "gemeenten": a.gemeenten,
        "gebied": a.gebied is not None,
        "onderwerpSoorten": a.onderwerp_soorten,
        "beschikkingSoorten": a.beschikking_soorten,
        "callbackUrl": a.callback_url,
        "email": a.email,
    }


def _area(gebied: dict[str, Any] | None) -> Polygon | None:
    if gebied is None:
        return None
    try:
        area = geometry_from_text(json.dumps(gebied))
    except ValueError as exc:
        raise ValidationError({"gebied": [f"geen geldige GeoJSON: {exc}"]}) from exc
    if not isinstance(area, Polygon) or not area.valid:
        raise ValidationError({"gebied": ["verwacht een geldige Polygon in RD New (EPSG:28992)"]})
    area.srid = RD_NEW  # GeoJSON means WGS84; this API takes RD New, as the rest of the platform
    return area


@router.get(
    "/beschikkingen/abonnementen", response=list[AbonnementOut], summary="Abonnementen van mijn organisatie"
)
def abonnement_list_api(request: HttpRequest):
    return [_abonnement(a) for a in abonnement_list(ctx=_gate(request))]


@router.post("/beschikkingen/abonnementen", response={201: AbonnementOut}, summary="Een abonnement nemen")
def abonnement_nieuw_api(request: HttpRequest, payload: AbonnementIn):
    item = abonnement_create(
        ctx=_gate(request),
        naam=payload.naam,
        bezorgwijze=payload.bezorgwijze,
        gemeenten=payload.gemeenten,
        gebied=_area(payload.gebied),
        onderwerp_soorten=payload.onderwerpSoorten,
        beschikking_soorten=payload.beschikkingSoorten,
        callback_url=payload.callbackUrl,
        callback_auth=payload.callbackAuth,
        email=payload.email,
    )
    return Status(201, _abonnement(item))


@router.delete(
    "/beschikkingen/abonnementen/{int:id}", response={204: None}, summary="Een abonnement opheffen"
)
def abonnement_opheffen_api(request: HttpRequest, id: int):
    ctx = _gate(request)
    item = abonnement_get(ctx=ctx, pk=id)
    if item is None:
        raise Http404("Niet gevonden.")
    abonnement_delete(ctx=ctx, abonnement=item)
    return Status(204, None)
