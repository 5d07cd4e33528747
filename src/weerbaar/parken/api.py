"""Holiday parks under /api/v1/parken (NL API Design Rules: Dutch resource names, problem+json
errors). Everyone gets name, municipality and outline (GeoJSON in RD New); partners also the
figures, the typology and the score with its inputs."""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema

from weerbaar.privacy.context import request_context

from .policies import figures_visible
from .selectors import park_list, park_profile
from .vitality import Explanation

router = Router(tags=["parken"])


class InvoerOut(Schema):
    indicator: str
    #: the indicator's name in the request's language (nl, de, en)
    naam: str
    waarde: float | None
    geschaald: float | None
    gewicht: float
    bijdrage: float


class ParkOut(Schema):
    id: int
    code: str
    naam: str
    gemeente: str
    fictief: bool
    omtrek: dict[str, Any]
    typologie: str | None = None
    aandachtsscore: float | None = None
    eenheden: int | None = None
    eigendomsstructuur: str | None = None


class ParkDetailOut(ParkOut):
    dekking: float | None = None
    invoer: list[InvoerOut] | None = None


class ParkFilter(Schema):
    gemeente: str = ""
    typologie: str = ""


def _out(park: Any, figures: bool) -> dict[str, Any]:
    data = {
        "id": park.pk,
        "code": park.code,
        "naam": park.name,
        "gemeente": park.municipality_code,
        "fictief": park.fictitious,
        "omtrek": json.loads(park.geometry.json),
    }
    if figures:
        data.update(
            typologie=park.typology,
            aandachtsscore=park.attention_score,
            eenheden=park.units_total,
            eigendomsstructuur=park.ownership,
        )
    return data


def _inputs(explanation: Explanation) -> list[dict[str, Any]]:
    return [
        {
            "indicator": c.indicator.code,
            "naam": c.indicator.label,
            "waarde": c.value,
            "geschaald": c.scaled,
            "gewicht": c.indicator.weight,
            "bijdrage": round(c.points, 2),
        }
        for c in explanation.contributions
    ]


@router.get("/parken", response=list[ParkOut], summary="Vakantieparken", exclude_none=True)
def park_list_api(request: HttpRequest, filters: Query[ParkFilter]):
    ctx = request_context(request)
    figures = figures_visible(ctx)
    parks = park_list(ctx=ctx, municipality=filters.gemeente, typology=filters.typologie)
    return [_out(p, figures) for p in parks]


@router.get("/parken/{id}", response=ParkDetailOut, summary="Eén vakantiepark", exclude_none=True)
def park_get_api(request: HttpRequest, id: int):
    profile = park_profile(ctx=request_context(request), pk=id, registers_picture=False)
    if profile is None:
        raise Http404("Niet gevonden.")
    data = _out(profile.park, profile.figures)
    if profile.explanation is not None:
        data.update(
            aandachtsscore=profile.explanation.score,
            dekking=profile.explanation.coverage,
            invoer=_inputs(profile.explanation),
        )
    return data
