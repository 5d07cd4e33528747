"""Indicators under /api/v1/indicatoren: definitions, and values per area and period with the
same disclosure control as the pages for everyone without shielded clearance."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from weerbaar.core.access import AccessLevel
from weerbaar.privacy.context import request_context

from .models import Indicator, Refresh
from .selectors import indicator_get, indicator_list, indicator_values_page

router = Router(tags=["indicatoren"])
ROUTER_PREFIX = ""


class IndicatorOut(Schema):
    sleutel: str
    naam: str
    naamDe: str
    naamEn: str
    definitie: str
    definitieDe: str
    definitieEn: str
    eenheid: str
    bron: str
    eigenaar: str
    actualisatie: Refresh
    thema: str
    toegangsniveau: AccessLevel
    drempel: int = Field(description="Aantallen onder deze drempel worden getoond als '< drempel'")
    factsheet: str
    volgt: str = Field(description="Sleutel van de telling waarvan deze waarde de onderdrukking volgt")
    berekend: bool


class WaardeOut(Schema):
    gebiedscode: str
    periodeBegin: dt.date
    periodeEinde: dt.date
    waarde: Decimal | None = Field(description="Leeg als de waarde is onderdrukt")
    weergave: str = Field(description="Zoals gepubliceerd: het getal, '< 5' of '×'")
    onderdrukt: Literal["", "primair", "secundair"]


class WaardenOut(Schema):
    indicator: IndicatorOut
    bronvermelding: str
    totaal: int = Field(description="aantal waarden met deze filters, over alle pagina's")
    pagina: int
    paginaGrootte: int
    waarden: list[WaardeOut] = Field(description="geordend op periode en gebiedscode")


class IndicatorFilters(Schema):
    thema: str = Field("", max_length=60)


class WaardeFilters(Schema):
    niveau: Literal["", "PV", "GM", "WK", "BU"] = Field("", description="Gebiedsniveau (CBS-voorvoegsel)")
    periodeBegin: dt.date | None = None
    gemeente: str = Field(
        "",
        pattern=r"^(GM\d{4})?$",
        description="Alleen de wijken en buurten van deze gemeente (CBS-code, bijv. GM0193)",
    )
    # bounded: the offset (pagina - 1) * paginaGrootte must fit the database's integer
    pagina: int = Field(1, ge=1, le=100_000, description="paginanummer, vanaf 1 (hoogstens 100000)")
    paginaGrootte: int = Field(1000, ge=1, le=5000, description="aantal waarden per pagina (1-5000)")


def _out(indicator: Indicator) -> dict:
    return {
        "sleutel": indicator.key,
        "naam": indicator.name_nl,
        "naamDe": indicator.name_de,
        "naamEn": indicator.name_en,
        "definitie": indicator.definition,
        "definitieDe": indicator.definition_de,
        "definitieEn": indicator.definition_en,
        "eenheid": indicator.unit,
        "bron": indicator.source,
        "eigenaar": indicator.owner.code,
        "actualisatie": indicator.refresh,
        "thema": indicator.theme,
        "toegangsniveau": indicator.access_level,
        "drempel": indicator.suppression_threshold,
        "factsheet": indicator.factsheet,
        "volgt": indicator.follows.key if indicator.follows else "",
        "berekend": indicator.computed,
    }


@router.get("/indicatoren", response=list[IndicatorOut], summary="Indicatoren")
def indicatoren(request: HttpRequest, filters: Query[IndicatorFilters]):
    return [_out(i) for i in indicator_list(ctx=request_context(request), theme=filters.thema)]


@router.get("/indicatoren/{sleutel}", response=IndicatorOut, summary="Eén indicator")
def indicator(request: HttpRequest, sleutel: str):
    found = indicator_get(ctx=request_context(request), key=sleutel)
    if found is None:
        raise Http404("Indicator niet gevonden.")
    return _out(found)


@router.get(
    "/indicatoren/{sleutel}/waarden",
    response=WaardenOut,
    summary="Waarden per gebied en periode",
    description=(
        "Per pagina (standaard 1000 waarden), geordend op periode en gebiedscode. Zonder "
        "afgeschermde toegang de gepubliceerde cijfers: aantallen onder de drempel als '< 5', "
        "waarden die ze zouden teruggeven als '×'."
    ),
)
def indicator_waarden(request: HttpRequest, sleutel: str, filters: Query[WaardeFilters]):
    ctx = request_context(request)
    found = indicator_get(ctx=ctx, key=sleutel)
    if found is None:
        raise Http404("Indicator niet gevonden.")
    page = indicator_values_page(
        ctx=ctx,
        indicator=found,
        level=filters.niveau,
        period_start=filters.periodeBegin,
        within=filters.gemeente,
        offset=(filters.pagina - 1) * filters.paginaGrootte,
        limit=filters.paginaGrootte,
    )
    return {
        "indicator": _out(found),
        "bronvermelding": found.source,
        "totaal": page.total,
        "pagina": filters.pagina,
        "paginaGrootte": filters.paginaGrootte,
        "waarden": [
            {
                "gebiedscode": v.area_code,
                "periodeBegin": v.period_start,
                "periodeEinde": v.period_end,
                "waarde": v.value,
                "weergave": v.shown,
                "onderdrukt": v.suppressed,
            }
            for v in page.values
        ],
    }
