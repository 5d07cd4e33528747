"""Organisations and municipalities under /api/v1/ (public reference data)."""

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from .models import AreaKind, OrganisationKind
from .selectors import area_list, organisation_get, organisation_list

router = Router(tags=["organisaties"])
ROUTER_PREFIX = ""


class OrganisationOut(Schema):
    code: str
    naam: str
    soort: OrganisationKind
    land: str
    cbsCode: str


class AreaOut(Schema):
    code: str
    naam: str
    soort: AreaKind
    oppervlakteKm2: float


def _organisation(o) -> dict:
    return {"code": o.code, "naam": o.name, "soort": o.kind, "land": o.country, "cbsCode": o.cbs_code}


@router.get("/organisaties", response=list[OrganisationOut], summary="Deelnemende organisaties")
def organisaties(request: HttpRequest, soort: OrganisationKind | None = None):
    return [
        _organisation(o) for o in organisation_list(user=request.user, kind=soort.value if soort else None)
    ]


@router.get("/organisaties/{code}", response=OrganisationOut, summary="Eén organisatie")
def organisatie(request: HttpRequest, code: str):
    found = organisation_get(user=request.user, code=code)
    if found is None:
        raise Http404(f"Geen organisatie met code {code}")
    return _organisation(found)


@router.get("/gebieden", response=list[AreaOut], summary="Bestuurlijke gebieden (Bron: CBS, Kadaster/PDOK)")
def gebieden(request: HttpRequest, soort: AreaKind | None = None):
    return [
        {"code": a.code, "naam": a.name, "soort": a.kind, "oppervlakteKm2": round(a.geometry.area / 1e6, 2)}
        for a in area_list(user=request.user, kind=soort.value if soort else None)
    ]
