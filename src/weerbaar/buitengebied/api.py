"""The rural area under /api/v1/buitengebied (NL API Design Rules: Dutch resource names, problem+json errors)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Router, Schema

from weerbaar.privacy.context import request_context

from . import services
from .selectors import dumping_get, dumping_list, dumpingen_per_gemeente

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


__all__ = ["ValidationError", "router"]
