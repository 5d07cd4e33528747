"""Integrated controls under /api/v1/controles (NL API Design Rules: Dutch resource names,
problem+json errors). A finding is posted with an `Idempotency-Key` header: sent again (a phone on
a weak connection), the stored finding comes back with 200 instead of 201 and nothing is doubled."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Router, Schema, Status

from weerbaar.api.auth import GatedAuth
from weerbaar.core import photos
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import is_partner
from weerbaar.privacy.context import request_context

from . import selectors, services
from .models import Bevinding, BevindingFoto, Controle


def _gate(request: HttpRequest) -> ProcessingContext:
    ctx = request_context(request)
    if not is_partner(ctx):
        raise PermissionDenied("Alleen partners werken met integrale controles.")
    return ctx


router = Router(tags=["integrale controles"], auth=GatedAuth(_gate))


class ControleOut(Schema):
    id: int
    naam: str
    datum: dt.date
    soortGebied: str
    doel: str
    organisatie: str
    partners: list[dict[str, str]]


class BezoekadresOut(Schema):
    adresSleutel: str
    adres: str
    gebruiksdoel: str
    vestigingen: list[dict[str, Any]]
    bewoners: list[str] | None


class BezoeklijstOut(Schema):
    adressen: list[BezoekadresOut]
    percelen: list[dict[str, Any]]
    afgekapt: bool
    afgeschermdGetoond: bool
    functionarissen: dict[str, list[str]] | None


class BevindingIn(Schema):
    adres_sleutel: str
    antwoorden: dict[str, str] = {}
    niemand_aanwezig: bool = False
    opvolging: bool = False
    toelichting: str = ""
    vastgelegd_op: dt.datetime | None = None


class BevindingOut(Schema):
    id: int
    adresSleutel: str
    adres: str
    antwoorden: dict[str, str]
    niemandAanwezig: bool
    opvolging: bool
    toelichting: str
    organisatie: str
    vastgelegdOp: dt.datetime
    signaal: str
    fotos: list[str]


class FotoOut(Schema):
    id: int
    volgnummer: int
    url: str


class VraagOut(Schema):
    id: int
    partner: str
    tekst: str


class SignaalOut(Schema):
    signaal: str


class SamenvattingOut(Schema):
    adressen: int
    bezocht: int
    bevindingen: int
    perSoort: dict[str, int]
    perPartner: dict[str, int]
    signalen: int


def _controle(ctx: ProcessingContext, id: int) -> Controle:
    controle = selectors.controle_get(ctx=ctx, pk=id)
    if controle is None:
        raise Http404("Controle niet gevonden.")
    return controle


def _controle_out(ctx: ProcessingContext, c: Controle) -> dict[str, Any]:
    return {
        "id": c.pk,
        "naam": c.naam,
        "datum": c.datum,
        "soortGebied": c.soort_gebied,
        "doel": c.doel,
        "organisatie": c.organisation.code,
        "partners": [
            {"organisatie": p.organisation.code, "rol": p.rol}
            for p in selectors.partners(ctx=ctx, controle=c)
        ],
    }


def _bevinding_out(b: Bevinding) -> dict[str, Any]:
    return {
        "id": b.pk,
        "adresSleutel": b.adres_sleutel,
        "adres": b.adres,
        "antwoorden": b.antwoorden,
        "niemandAanwezig": b.niemand_aanwezig,
        "opvolging": b.opvolging,
        "toelichting": b.toelichting,
        "organisatie": b.organisation.code,
        "vastgelegdOp": b.vastgelegd_op,
        "signaal": b.signaal_nummer,
        "fotos": [_foto_url(b.controle_id, f) for f in b.fotos.all()],
    }


def _foto_url(controle_id: int, f: BevindingFoto) -> str:
    return reverse("controles:foto", kwargs={"pk": controle_id, "bevinding": f.bevinding_id, "foto": f.pk})


@router.get(
    "/controles", response=list[ControleOut], url_name="controles-lijst", summary="Integrale controles"
)
def controles(request: HttpRequest):
    ctx = _gate(request)
    return [_controle_out(ctx, c) for c in selectors.controle_list(ctx=ctx)]


@router.get("/controles/{id}", response=ControleOut, url_name="controles-controle", summary="Eén controle")
def controle(request: HttpRequest, id: int):
    ctx = _gate(request)
    return _controle_out(ctx, _controle(ctx, id))


@router.get(
    "/controles/{id}/bezoeklijst",
    response=BezoeklijstOut,
    url_name="controles-bezoeklijst",
    summary="Bezoeklijst",
)
def bezoeklijst(request: HttpRequest, id: int):
    ctx = _gate(request)
    lijst = selectors.bezoeklijst(ctx=ctx, controle=_controle(ctx, id))
    return {
        "adressen": [
            {
                "adresSleutel": a.adres_sleutel,
                "adres": a.label,
                "gebruiksdoel": a.gebruiksdoel,
                "vestigingen": a.vestigingen,
                "bewoners": a.bewoners,
            }
            for a in lijst.adressen
        ],
        "percelen": lijst.percelen,
        "afgekapt": lijst.afgekapt,
        "afgeschermdGetoond": not lijst.weigering,
        "functionarissen": lijst.functionarissen,
    }


@router.get(
    "/controles/{id}/bevindingen",
    response=list[BevindingOut],
    url_name="controles-bevindingen",
    summary="Bevindingen van een controle",
)
def bevindingen(request: HttpRequest, id: int):
    ctx = _gate(request)
    return [_bevinding_out(b) for b in selectors.bevindingen(ctx=ctx, controle=_controle(ctx, id))]


@router.get(
    "/controles/{id}/vragen",
    response=list[VraagOut],
    url_name="controles-vragen",
    summary="Checklist: de vragen per partner (in de gevraagde taal)",
)
def vragen(request: HttpRequest, id: int):
    ctx = _gate(request)
    return [
        {"id": v.pk, "partner": partner, "tekst": v.tekst}
        for partner, lijst in selectors.vragen(ctx=ctx, controle=_controle(ctx, id)).items()
        for v in lijst
    ]


@router.post(
    "/controles/{id}/bevindingen",
    response={200: BevindingOut, 201: BevindingOut},
    url_name="controles-bevinding-nieuw",
    summary="Bevinding vastleggen (met Idempotency-Key)",
)
def bevinding_nieuw(request: HttpRequest, id: int, payload: BevindingIn):
    ctx = _gate(request)
    key = request.headers.get("Idempotency-Key", "")
    if not key:
        raise ValidationError({"Idempotency-Key": ["Geef elke bevinding een eigen Idempotency-Key."]})
    result = services.bevinding_vastleggen(
        ctx=ctx,
        controle=_controle(ctx, id),
        sleutel=key,
        adres_sleutel=payload.adres_sleutel,
        antwoorden=payload.antwoorden,
        niemand_aanwezig=payload.niemand_aanwezig,
        opvolging=payload.opvolging,
        toelichting=payload.toelichting,
        vastgelegd_op=payload.vastgelegd_op,
    )
    return Status(201 if result.nieuw else 200, _bevinding_out(result.bevinding))


@router.post(
    "/controles/{id}/bevindingen/{sleutel}/fotos/{volgnummer}",
    response={200: FotoOut, 201: FotoOut},
    url_name="controles-bevinding-foto",
    summary="Foto bij een bevinding (body: de JPEG of PNG; idempotent per sleutel en volgnummer)",
)
def bevinding_foto(request: HttpRequest, id: int, sleutel: str, volgnummer: int):
    """The body is the image itself (what a phone's queue keeps as a Blob); stored without EXIF.
    Read from the stream, not `request.body`: that refuses anything above Django's 2.5 MB
    DATA_UPLOAD_MAX_MEMORY_SIZE, and a phone photo is often larger; `photos.clean` names the limit."""
    ctx = _gate(request)
    controle = _controle(ctx, id)
    inhoud = request.read(photos.MAX_BYTES + 1)
    result = services.bevinding_foto_toevoegen(
        ctx=ctx, controle=controle, sleutel=sleutel, volgnummer=volgnummer, inhoud=inhoud
    )
    f = result.foto
    return Status(
        201 if result.nieuw else 200, {"id": f.pk, "volgnummer": f.volgnummer, "url": _foto_url(id, f)}
    )


@router.post(
    "/controles/{id}/bevindingen/{bevinding}/signaal",
    response={200: SignaalOut},
    url_name="controles-bevinding-signaal",
    summary="Bevinding als signaal",
)
def bevinding_signaal(request: HttpRequest, id: int, bevinding: int, fenomeen: str = ""):
    ctx = _gate(request)
    controle = _controle(ctx, id)
    found = selectors.bevinding_get(ctx=ctx, controle=controle, pk=bevinding)
    if found is None:
        raise Http404("Bevinding niet gevonden.")
    return {"signaal": services.bevinding_naar_signaal(ctx=ctx, bevinding=found, fenomeen=fenomeen)}


@router.get(
    "/controles/{id}/samenvatting",
    response=SamenvattingOut,
    url_name="controles-samenvatting",
    summary="Samenvatting van een controle",
)
def samenvatting(request: HttpRequest, id: int):
    ctx = _gate(request)
    s = selectors.samenvatting(ctx=ctx, controle=_controle(ctx, id))
    return {
        "adressen": s.adressen,
        "bezocht": s.bezocht,
        "bevindingen": s.bevindingen,
        "perSoort": s.per_soort,
        "perPartner": s.per_partner,
        "signalen": s.signalen,
    }
