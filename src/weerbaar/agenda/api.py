"""The collaboration agenda under /api/v1/agenda, for logged-in partners (NL API Design Rules:
Dutch resource names, problem+json errors). The endpoints call the pages' selectors and services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from pydantic import Field

from weerbaar.api.auth import GatedAuth
from weerbaar.core.policies import require_partner
from weerbaar.privacy.context import ProcessingContext, request_context

from . import selectors, services
from .models import AgendaVersion


def _gate(request: HttpRequest) -> ProcessingContext:
    """Partners only, checked before a body is read (401 when anonymous, 403 otherwise)."""
    ctx = request_context(request)
    require_partner(ctx)
    return ctx


router = Router(tags=["agenda"], auth=GatedAuth(_gate))
ROUTER_PREFIX = ""


class VersieOut(Schema):
    nummer: int
    datum: dt.date
    auteur: str
    organisatie: str | None
    reden: str
    dvo: bool


class VersieInhoudOut(VersieOut):
    inhoud: dict[str, Any]


class VerschilOut(Schema):
    oud: int
    nieuw: int
    toegevoegd: list[str]
    verwijderd: list[str]
    gewijzigd: list[dict[str, Any]]


class OpmerkingIn(Schema):
    tekst: str = Field(..., min_length=1, max_length=4000)


class OpmerkingOut(Schema):
    id: int
    actie: str
    organisatie: str
    bijVersie: int | None
    tekst: str
    geplaatst: dt.datetime


class PublicatieIn(Schema):
    reden: str = Field(..., min_length=1, max_length=2000)
    dvo: bool = False


def _version(v: AgendaVersion, *, content: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "nummer": v.number,
        "datum": v.published_on,
        "auteur": v.author_name,
        "organisatie": v.organisation.code if v.organisation_id else None,
        "reden": v.reason,
        "dvo": v.dvo,
    }
    if content:
        out["inhoud"] = v.snapshot
    return out


@router.get("/agenda/versies", response=list[VersieOut], summary="Versies van de samenwerkingsagenda")
def agenda_versies(request: HttpRequest):
    ctx = _gate(request)
    return [_version(v) for v in selectors.version_list(ctx=ctx)]


@router.get("/agenda/concept", response=dict[str, Any], summary="Het concept: de agenda zoals die nu is")
def agenda_concept(request: HttpRequest):
    ctx = _gate(request)
    return selectors.draft_snapshot(ctx=ctx)


@router.get("/agenda/versies/{nummer}", response=VersieInhoudOut, summary="Eén versie met haar inhoud")
def agenda_versie(request: HttpRequest, nummer: int):
    ctx = _gate(request)
    version = selectors.version_get(ctx=ctx, number=nummer)
    if version is None:
        raise Http404("Deze versie bestaat niet.")
    return _version(version, content=True)


@router.get(
    "/agenda/versies/{oud}/verschil/{nieuw}", response=VerschilOut, summary="Verschil tussen twee versies"
)
def agenda_verschil(request: HttpRequest, oud: int, nieuw: int):
    ctx = _gate(request)
    comparison = selectors.versions_compare(ctx=ctx, old=oud, new=nieuw)
    if comparison is None:
        raise Http404("Een van beide versies bestaat niet.")
    return {"oud": oud, "nieuw": nieuw, **comparison.diff.as_dict()}


@router.post("/agenda/versies", response={201: VersieOut}, summary="Het concept publiceren als nieuwe versie")
def agenda_publiceren(request: HttpRequest, data: PublicatieIn):
    ctx = _gate(request)
    version = services.agenda_publish(ctx=ctx, reason=data.reden, dvo=data.dvo)
    return 201, _version(version)


@router.get(
    "/agenda/acties/{sleutel}/opmerkingen", response=list[OpmerkingOut], summary="Opmerkingen bij een actie"
)
def actie_opmerkingen(request: HttpRequest, sleutel: str):
    ctx = _gate(request)
    if selectors.action_get(ctx=ctx, key=sleutel) is None:
        raise Http404("Deze actie bestaat niet.")
    return [_comment(c) for c in selectors.action_comments(ctx=ctx, key=sleutel)]


@router.post(
    "/agenda/acties/{sleutel}/opmerkingen", response={201: OpmerkingOut}, summary="Een opmerking plaatsen"
)
def actie_opmerking_plaatsen(request: HttpRequest, sleutel: str, data: OpmerkingIn):
    ctx = _gate(request)
    if selectors.action_get(ctx=ctx, key=sleutel) is None:
        raise Http404("Deze actie bestaat niet.")
    comment = services.comment_add(ctx=ctx, key=sleutel, text=data.tekst)
    return 201, _comment(comment)


def _comment(c: Any) -> dict[str, Any]:
    return {
        "id": c.pk,
        "actie": c.action_key,
        "organisatie": c.organisation.code,
        "bijVersie": c.version_number,
        "tekst": c.text,
        "geplaatst": c.created_at,
    }
