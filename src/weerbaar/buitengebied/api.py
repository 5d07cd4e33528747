"""The rural area under /api/v1/buitengebied (NL API Design Rules: Dutch resource names, problem+json errors)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema

from weerbaar.api.auth import GatedAuth
from weerbaar.core.access import PARTNER_ROLES
from weerbaar.privacy.context import request_context

from . import services
from .policies import may_see_farm_locations
from .selectors import (
    VabRij,
    actie_get,
    acties,
    bezoeken_per_gemeente,
    deelnemers,
    dumping_get,
    dumping_list,
    dumpingen_per_gemeente,
    jaarverslag,
    vab_get,
    vab_lijst,
)

router = Router(tags=["buitengebied"])


class DumpingOut(Schema):
    id: int
    gevonden_op: dt.date
    soort: str
    hoeveelheid: Decimal
    eenheid: str
    gemeente: str | None
    status: str
    proces_verbaalnummer: str
    opruimkosten: Decimal | None
    betaald_door: str
    vergoeding: Decimal | None
    signaal: str
    x: float
    y: float


class AggregaatRijOut(Schema):
    code: str
    naam: str
    cellen: list[str]
    totaal: str


class AggregaatOut(Schema):
    jaren: list[int]
    drempel: int
    gemeenten: list[AggregaatRijOut]
    regio: AggregaatRijOut


def _out(item) -> dict:
    return {
        "id": item.pk,
        "gevonden_op": item.gevonden_op,
        "soort": item.soort.code,
        "hoeveelheid": item.hoeveelheid,
        "eenheid": item.eenheid,
        "gemeente": item.gemeente.cbs_code if item.gemeente else None,
        "status": item.status,
        "proces_verbaalnummer": item.proces_verbaalnummer,
        "opruimkosten": item.opruimkosten,
        "betaald_door": item.betaald_door,
        "vergoeding": item.vergoeding,
        "signaal": item.signaal_nummer,
        "x": item.punt.x,
        "y": item.punt.y,
    }


@router.get("/buitengebied/dumpingen", response=list[DumpingOut], summary="Drugsafvaldumpingen")
def dumpingen_api(request: HttpRequest):
    return [_out(i) for i in dumping_list(ctx=request_context(request))]


@router.get(
    "/buitengebied/dumpingen/cijfers",
    response=AggregaatOut,
    summary="Dumpingen per gemeente en jaar (beschermd)",
)
def dumpingen_cijfers_api(request: HttpRequest):
    table = dumpingen_per_gemeente(ctx=request_context(request))
    return {"jaren": table.jaren, "drempel": table.drempel, "gemeenten": table.rijen, "regio": table.regio}


@router.get("/buitengebied/dumpingen/{id}", response=DumpingOut, summary="Eén drugsafvaldumping")
def dumping_api(request: HttpRequest, id: int):
    item = dumping_get(ctx=request_context(request), pk=id)
    if item is None:
        raise Http404("Niet gevonden.")
    return _out(item)


class StatusIn(Schema):
    naar: str
    toelichting: str = ""
    opruimkosten: Decimal | None = None
    betaald_door: str = ""
    vergoeding: Decimal | None = None


@router.post(
    "/buitengebied/dumpingen/{id}/status", response=DumpingOut, summary="Status van een dumping wijzigen"
)
def dumping_status_api(request: HttpRequest, id: int, body: StatusIn):
    ctx = request_context(request)
    item = dumping_get(ctx=ctx, pk=id)
    if item is None:
        raise Http404("Niet gevonden.")
    item = services.dumping_transition(ctx=ctx, dumping=item, **body.dict())
    return _out(dumping_get(ctx=ctx, pk=item.pk))


# --- vacant farm buildings (shielded) -------------------------------------------------------


class InvoerOut(Schema):
    indicator: str
    gewicht: int
    invoer: bool | int | None
    punten: float


class VabOut(Schema):
    id: int
    adres: str
    gemeente: str | None
    sbi_code: str
    bedrijf_gestopt: bool
    datum_einde: dt.date | None
    score: float
    invoer: list[InvoerOut]
    fictief: bool


class BezoekOut(Schema):
    id: int
    bezocht_op: dt.date
    coach_naam: str
    onderwerpen: list[str]
    materialen: str
    vervolg: str
    benaderd: bool
    bewaren_tot: dt.date


class VabDetailOut(VabOut):
    bezoeken: list[BezoekOut]


def _vab(row: VabRij) -> dict:
    loc = row.locatie
    return {
        "id": loc.pk,
        "adres": loc.adres,
        "gemeente": loc.gemeente_code or None,
        "sbi_code": loc.sbi_code,
        "bedrijf_gestopt": loc.bedrijf_gestopt,
        "datum_einde": loc.datum_einde,
        "score": row.score.totaal,
        "invoer": [
            {
                "indicator": b.indicator.code,
                "gewicht": b.indicator.gewicht,
                "invoer": b.invoer,
                "punten": b.punten,
            }
            for b in row.score.bijdragen
        ],
        "fictief": loc.fictief,
    }


def _bezoek(visit) -> dict:
    return {
        "id": visit.pk,
        "bezocht_op": visit.bezocht_op,
        "coach_naam": visit.coach_naam,
        "onderwerpen": [t.code for t in visit.onderwerpen.all()],
        "materialen": visit.materialen,
        "vervolg": visit.vervolg,
        "benaderd": visit.benaderd,
        "bewaren_tot": visit.bewaren_tot,
    }


def _farm_gate(request: HttpRequest):
    ctx = request_context(request)
    if not may_see_farm_locations(ctx):
        vab_lijst(ctx=ctx)  # logs the refusal
        raise PermissionDenied("De VAB-lijst is alleen voor analisten met afgeschermde toegang.")
    return ctx


def _location(request: HttpRequest, id: int):
    ctx = _farm_gate(request)
    row = vab_get(ctx=ctx, pk=id)
    if row is None:
        raise Http404("Niet gevonden.")
    return ctx, row


@router.get(
    "/buitengebied/vab", response=list[VabOut], summary="VAB-locaties met score en invoer (afgeschermd)"
)
def vab_api(request: HttpRequest):
    rows = vab_lijst(ctx=request_context(request))
    if rows is None:
        raise PermissionDenied("De VAB-lijst is alleen voor analisten met afgeschermde toegang.")
    return [_vab(r) for r in rows]


@router.get("/buitengebied/vab/{id}", response=VabDetailOut, summary="Eén VAB-locatie met bezoeken")
def vab_detail_api(request: HttpRequest, id: int):
    _, row = _location(request, id)
    return {**_vab(row), "bezoeken": [_bezoek(v) for v in row.bezoeken]}


class BezoekIn(Schema):
    bezocht_op: dt.date
    coach_naam: str
    onderwerpen: list[str]
    materialen: str = ""
    vervolg: str = ""
    benaderd: bool = False


@router.post(
    "/buitengebied/vab/{id}/bezoeken",
    response={201: BezoekOut},
    summary="Een ervencoachbezoek vastleggen",
    auth=GatedAuth(_farm_gate),
)
def vab_bezoek_api(request: HttpRequest, id: int, body: BezoekIn):
    ctx, row = _location(request, id)
    visit = services.bezoek_create(ctx=ctx, locatie=row.locatie, data=body.dict())
    return 201, _bezoek(visit)


# --- ervencoach overview and the Keurmerk (partners) ------------------------------------------


def _partner(request: HttpRequest):
    ctx = request_context(request)
    if not ctx.has_role(*PARTNER_ROLES):
        raise PermissionDenied("Alleen voor partners.")
    return ctx


class OverzichtOut(Schema):
    jaar: int
    drempel: int
    gemeenten: list[AggregaatRijOut]
    regio: AggregaatRijOut
    onderwerpen: dict[str, str]


class JaarIn(Schema):
    jaar: int | None = None


def _jaar(filters: JaarIn) -> int:
    if filters.jaar is None:
        return dt.date.today().year
    if not 2000 <= filters.jaar <= 2100:
        raise ValidationError({"jaar": [f"{filters.jaar} is geen jaar tussen 2000 en 2100."]})
    return filters.jaar


@router.get(
    "/buitengebied/ervencoach/overzicht",
    response=OverzichtOut,
    summary="Ervencoachbezoeken per gemeente in een jaar (beschermd)",
)
def bezoeken_overzicht_api(request: HttpRequest, filters: Query[JaarIn]):
    table = bezoeken_per_gemeente(ctx=_partner(request), jaar=_jaar(filters))
    return {
        "jaar": table.jaar,
        "drempel": table.drempel,
        "gemeenten": table.bezoeken,
        "regio": table.regio,
        "onderwerpen": {t.code: n for t, n in table.onderwerpen},
    }


class ActieOut(Schema):
    id: int
    titel: str
    eigenaar: str
    jaar: int
    status: str
    afspraak: str


def _actie(a) -> dict:
    return {
        "id": a.pk,
        "titel": a.titel,
        "eigenaar": a.eigenaar.code,
        "jaar": a.jaar,
        "status": a.status,
        "afspraak": a.afspraak.titel if a.afspraak else "",
    }


class KeurmerkOut(Schema):
    deelnemers: list[str]
    acties: list[ActieOut]


@router.get("/buitengebied/keurmerk", response=KeurmerkOut, summary="Keurmerk Veilig Buitengebied")
def keurmerk_api(request: HttpRequest):
    ctx = _partner(request)
    return {
        "deelnemers": [d.organisatie.code for d in deelnemers(ctx=ctx)],
        "acties": [_actie(a) for a in acties(ctx=ctx)],
    }


class ActieStatusIn(Schema):
    status: str


@router.post(
    "/buitengebied/keurmerk/acties/{id}/status",
    response=ActieOut,
    summary="Status van een keurmerkactie",
    auth=GatedAuth(_partner),
)
def keurmerk_actie_status_api(request: HttpRequest, id: int, body: ActieStatusIn):
    ctx = _partner(request)
    item = actie_get(ctx=ctx, pk=id)
    if item is None:
        raise Http404("Niet gevonden.")
    return _actie(services.actie_status(ctx=ctx, actie=item, status=body.status))


class VerslagOut(Schema):
    jaar: int
    drempel: int
    deelnemers: list[str]
    bezoeken: list[AggregaatRijOut]
    dumpingen: list[AggregaatRijOut]
    acties_per_status: dict[str, int]


@router.get(
    "/buitengebied/keurmerk/jaarverslag",
    response=VerslagOut,
    summary="Jaarverslag van het Keurmerk (aantallen beschermd)",
)
def keurmerk_verslag_api(request: HttpRequest, filters: Query[JaarIn]):
    report = jaarverslag(ctx=_partner(request), jaar=_jaar(filters))
    return {
        "jaar": report.jaar,
        "drempel": report.dumpingen.drempel,
        "deelnemers": [d.organisatie.code for d in report.deelnemers],
        "bezoeken": [*report.bezoeken.bezoeken, report.bezoeken.regio],
        "dumpingen": [*report.dumpingen.rijen, report.dumpingen.regio],
        "acties_per_status": {value: n for value, _, n in report.acties_per_status},
    }


__all__ = ["ValidationError", "router"]
