"""Factsheets under /api/v1/factsheets: search with facets, and one factsheet (the same
selectors as the pages)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from weerbaar.core.access import AccessLevel
from weerbaar.privacy.context import request_context

from .models import Factsheet
from .selectors import factsheet_get, factsheet_search, is_stale

router = Router(tags=["factsheets"])
ROUTER_PREFIX = ""


class DistributieOut(Schema):
    soort: str
    formaat: str
    titel: str
    url: str
    kaartlaag: str


class FactsheetOut(Schema):
    identificatie: str
    titel: str
    beschrijving: str
    eigenaar: str
    beheerder: str
    themas: list[str]
    trefwoorden: list[str]
    toegangsniveau: AccessLevel
    persoonsgegevens: bool
    categorieenPersoonsgegevens: list[str]
    grondslagen: list[str]
    toegangAanvragen: str
    contactpersoon: str | None
    actualisatiefrequentie: str
    dekking: str
    periodeVanaf: dt.date | None
    periodeTot: dt.date | None
    laatstBeoordeeld: dt.date
    nietActueel: bool
    versie: int
    distributies: list[DistributieOut]


class FactsheetPageOut(Schema):
    totaal: int
    resultaten: list[FactsheetOut]
    facetten: dict[str, dict[str, int]]


class FactsheetFilters(Schema):
    q: str = Field("", max_length=200, description="Zoektekst (Nederlandse stamvormen, tikfouten toegestaan)")
    eigenaar: list[str] = Field(default_factory=list, description="Code van de eigenaar, bijv. PV23")
    thema: list[str] = Field(default_factory=list)
    toegangsniveau: list[AccessLevel] = Field(default_factory=list)
    persoonsgegevens: list[Literal["ja", "nee"]] = Field(default_factory=list)
    formaat: list[str] = Field(default_factory=list)
    sortering: Literal["relevance", "freshness"] = "relevance"
    pagina: int = Field(1, ge=1)
    paginaGrootte: int = Field(20, ge=1, le=100)


def factsheet_out(factsheet: Factsheet) -> dict[str, Any]:
    return {
        "identificatie": factsheet.identifier,
        "titel": factsheet.title,
        "beschrijving": factsheet.description,
        "eigenaar": factsheet.owner.code,
        "beheerder": factsheet.maintainer.code,
        "themas": sorted(t.code for t in factsheet.themes.all()),
        "trefwoorden": factsheet.keywords,
        "toegangsniveau": factsheet.access_level,
        "persoonsgegevens": factsheet.personal_data,
        "categorieenPersoonsgegevens": factsheet.personal_data_categories,
        "grondslagen": sorted(b.code for b in factsheet.legal_bases.all()),
        "toegangAanvragen": factsheet.access_procedure,
        "contactpersoon": factsheet.contact.key if factsheet.contact else None,
        "actualisatiefrequentie": factsheet.frequency,
        "dekking": factsheet.spatial,
        "periodeVanaf": factsheet.temporal_start,
        "periodeTot": factsheet.temporal_end,
        "laatstBeoordeeld": factsheet.reviewed_on,
        "nietActueel": is_stale(factsheet),
        "versie": factsheet.version,
        "distributies": [
            {"soort": d.kind, "formaat": d.format, "titel": d.title, "url": d.url, "kaartlaag": d.layer}
            for d in factsheet.distributions.all()
        ],
    }


@router.get("/factsheets", response=FactsheetPageOut, summary="Factsheets zoeken, met facetten")
def factsheets(request: HttpRequest, filters: Query[FactsheetFilters]):
    page = factsheet_search(
        ctx=request_context(request),
        query=filters.q,
        filters={
            "owner": filters.eigenaar,
            "theme": filters.thema,
            "access": [level.value for level in filters.toegangsniveau],
            "personal": filters.persoonsgegevens,
            "format": filters.formaat,
        },
        sort=filters.sortering,
        page=filters.pagina,
        per_page=filters.paginaGrootte,
        detail=True,
    )
    names = {
        "owner": "eigenaar",
        "theme": "thema",
        "access": "toegangsniveau",
        "personal": "persoonsgegevens",
        "format": "formaat",
    }
    return {
        "totaal": page.total,
        "resultaten": [factsheet_out(f) for f in page.factsheets],
        "facetten": {names[k]: v for k, v in page.facets.items()},
    }


@router.get("/factsheets/{identificatie}", response=FactsheetOut, summary="Eén factsheet")
def factsheet(request: HttpRequest, identificatie: str):
    found = factsheet_get(ctx=request_context(request), identifier=identificatie)
    if found is None:
        raise Http404(f"Geen factsheet {identificatie}")
    return factsheet_out(found)
