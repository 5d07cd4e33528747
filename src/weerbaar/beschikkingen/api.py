"""Beschikkingen under /api/v1/beschikkingen (NL API Design Rules: Dutch resource names,
problem+json errors). Reading and recording decisions is for partners of the issuing
organisation; a refused share (no legal basis for sharing) is a 400 naming the field."""

from __future__ import annotations

from datetime import date

from django.contrib.gis.geos import Point
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status

from weerbaar.api.auth import GatedAuth
from weerbaar.core.access import PARTNER_ROLES, AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.organisations.models import RD_NEW
from weerbaar.privacy.context import request_context
from weerbaar.privacy.models import LegalBasis

from .models import Beschikking, BeschikkingSoort
from .models import Status as BeschikkingStatus
from .selectors import beschikking_get, beschikking_list
from .services import beschikking_create


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


@router.get("/beschikkingen/{id}", response=BeschikkingOut, summary="Eén beschikking")
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
