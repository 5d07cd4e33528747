"""Signals and cases under /api/v1/: the same selectors, services and audit log as the pages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field, field_validator

from weerbaar.api.auth import GatedAuth
from weerbaar.api.errors import api_field_names
from weerbaar.core.access import AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.core.spatial import geometry_from_text
from weerbaar.core.subjects import kinds_in_order, subject_kinds
from weerbaar.organisations.models import Organisation
from weerbaar.privacy.context import request_context

from . import selectors, services
from .models import (
    Case,
    InformationReliability,
    Intervention,
    InterventionType,
    Phenomenon,
    Signal,
    SourceReliability,
    Subject,
)
from .policies import is_worker
from .selectors import network
from .selectors.enrichment import EnrichmentView
from .workflow import State


def _gate(request: HttpRequest) -> ProcessingContext:
    """The request's processing context, when it has a worker role with an organisation; else 403
    (401 when anonymous) before any look-up."""
    ctx = request_context(request)
    if not is_worker(ctx):
        raise PermissionDenied("Alleen analisten en partners met een organisatie werken met signalen.")
    return ctx


router = Router(tags=["signalen en casussen"], auth=GatedAuth(_gate))


def _kind_names() -> list[str]:
    return [kind.name for kind in kinds_in_order()]


class OnderwerpIn(Schema):
    soort: str = Field(
        ...,
        description="soort onderwerp: persoon, onderneming, adres, perceel, voertuig (en wat apps nog registreren)",
        json_schema_extra=lambda schema: schema.update(enum=_kind_names()),
    )
    kenmerk: str = Field(..., min_length=1, max_length=120)
    naam: str = ""
    geboortedatum: date | None = None
    rol: str = ""
    deelbaar: bool = False

    @field_validator("soort")
    @classmethod
    def _registered(cls, value: str) -> str:
        if value not in subject_kinds:
            raise ValueError(f"kies een van: {', '.join(_kind_names())}")
        return value


class OnderwerpOut(Schema):
    id: int
    soort: str
    kenmerk: str
    naam: str
    geboortedatum: date | None
    rol: str
    deelbaar: bool


class SignaalIn(Schema):
    titel: str = Field(..., min_length=1, max_length=200)
    # strings with the allowed values in the schema: the model checks them together with every
    # other field, so one answer lists all errors (a pydantic enum would stop before the rest)
    fenomeen: str = Field(..., json_schema_extra={"enum": list(Phenomenon.values)})
    datum: date | None = None
    toelichting: str = ""
    betrouwbaarheidBron: str = Field("F", json_schema_extra={"enum": list(SourceReliability.values)})
    betrouwbaarheidInformatie: str = Field(
        "6", json_schema_extra={"enum": list(InformationReliability.values)}
    )
    adres: str = Field("", description="postcode en huisnummer, bijvoorbeeld '7411 AB 12'")
    perceel: str = Field("", description="kadastrale aanduiding, bijvoorbeeld 'ZWL00 K 1234'")
    geometrie: str = Field("", description="punt of vlak als WKT of GeoJSON in RD New (EPSG:28992)")
    toegewezenAan: str = Field("", description="organisatiecode; leeg: de eigen organisatie")
    onderwerpen: list[OnderwerpIn] = []


class SignaalOut(Schema):
    id: int
    nummer: str
    titel: str
    fenomeen: str
    datum: date
    status: str
    termijn: datetime | None
    verlopen: bool
    melder: str
    toegewezenAan: str
    gemeente: str | None
    toegangsniveau: AccessLevel
    casus: str | None


class SignaalDetailOut(SignaalOut):
    toelichting: str
    adres: str
    perceel: str
    betrouwbaarheid: str
    onderwerpen: list[OnderwerpOut]


class TransitieIn(Schema):
    naar: State
    reden: str = ""


class TransitieOut(Schema):
    naar: str
    redenVerplicht: bool


class TransitiesOut(Schema):
    status: str
    mogelijk: list[TransitieOut]
    geschiedenis: list[dict]


class FeitOut(Schema):
    onderwerp: str
    categorie: str
    gegeven: str
    waarde: str
    bron: str
    actualiteit: str
    hit: bool | None
    houder: str
    opvragen: str


class VerrijkingOut(Schema):
    id: int
    tijdstip: datetime
    duurMs: int
    verouderd: bool
    feiten: list[FeitOut]


class InterventieIn(Schema):
    soort: InterventionType
    uitvoerendePartner: str = Field("", description="organisatiecode; leeg: de eigen organisatie")
    grondslag: str = Field(..., min_length=1)
    gepland: date | None = None
    uitgevoerd: date | None = None
    resultaat: str = ""


class InterventieOut(Schema):
    id: int
    soort: InterventionType
    uitvoerendePartner: str
    grondslag: str
    gepland: date | None
    uitgevoerd: date | None
    resultaat: str


class EvaluatieIn(Schema):
    effect: str = Field(..., min_length=1)
    watWerkte: str = Field(..., min_length=1)
    knelpunten: str = ""
    lessen: str = Field(..., min_length=1)


class EvaluatieOut(Schema):
    effect: str
    watWerkte: str
    knelpunten: str
    lessen: str


class SignaalFilter(Schema):
    status: State | None = None
    bereik: Literal["all", "mine", "assigned"] = Field(
        "all", description="all: alles wat u mag zien; mine: door u gemeld; assigned: aan u toegewezen"
    )


def _signal_out(s: Signal) -> dict:
    return {
        "id": s.pk,
        "nummer": s.number,
        "titel": s.title,
        "fenomeen": s.phenomenon,
        "datum": s.received_on,
        "status": s.state,
        "termijn": s.stage_deadline,
        "verlopen": s.overdue,
        "melder": s.reporting_organisation.code,
        "toegewezenAan": s.assigned_organisation.code,
        "gemeente": s.municipality.code if s.municipality_id else None,
        "toegangsniveau": s.access_level,
        "casus": s.case.number if s.case_id else None,
    }


def _subject_out(s: Subject) -> dict:
    return {
        "id": s.pk,
        "soort": s.kind,
        "kenmerk": s.identifier,
        "naam": s.name,
        "geboortedatum": s.birth_date,
        "rol": s.role,
        "deelbaar": s.shareable,
    }


def _detail(signal: Signal) -> dict:
    return {
        **_signal_out(signal),
        "toelichting": signal.description,
        "adres": signal.address,
        "perceel": signal.parcel,
        "betrouwbaarheid": f"{signal.source_reliability}{signal.information_reliability}",
        "onderwerpen": [_subject_out(s) for s in getattr(signal, "visible_subjects", [])],
    }


#: model field -> the API's (camelCase, Dutch) name, so invalidParams name what the caller sent
SIGNAL_NAMES = {
    "title": "titel",
    "phenomenon": "fenomeen",
    "received_on": "datum",
    "description": "toelichting",
    "source_reliability": "betrouwbaarheidBron",
    "information_reliability": "betrouwbaarheidInformatie",
    "address": "adres",
    "parcel": "perceel",
    "point": "geometrie",
    "area": "geometrie",
    "kind": "onderwerpen.soort",
    "identifier": "onderwerpen.kenmerk",
    "name": "onderwerpen.naam",
    "birth_date": "onderwerpen.geboortedatum",
    "role": "onderwerpen.rol",
    "assigned_organisation": "toegewezenAan",
}
SUBJECT_NAMES = {
    "kind": "soort",
    "identifier": "kenmerk",
    "name": "naam",
    "birth_date": "geboortedatum",
    "role": "rol",
    "shareable": "deelbaar",
}
INTERVENTION_NAMES = {
    "kind": "soort",
    "executing_organisation": "uitvoerendePartner",
    "legal_basis": "grondslag",
    "planned_on": "gepland",
    "executed_on": "uitgevoerd",
    "result": "resultaat",
}
EVALUATION_NAMES = {
    "effect": "effect",
    "what_worked": "watWerkte",
    "bottlenecks": "knelpunten",
    "lessons": "lessen",
}
TRANSITION_NAMES = {"to": "naar", "reason": "reden", "text": "reden"}


def _org(code: str, field: str) -> Organisation | None:
    if not code:
        return None
    org = Organisation.objects.filter(code=code).first()
    if org is None:
        raise ValidationError({field: [f"Onbekende organisatie '{code}'."]})
    return org


@router.get(
    "/signalen", response=list[SignaalOut], url_name="signals-signalen", summary="Signalen die u mag zien"
)
def signalen(request: HttpRequest, filters: Query[SignaalFilter]):
    ctx = _gate(request)
    found = selectors.signal_list(ctx=ctx, scope=filters.bereik, state=filters.status or "", limit=500)
    return [_signal_out(s) for s in found]


@router.post(
    "/signalen",
    response={201: SignaalDetailOut},
    url_name="signals-signaal-nieuw",
    summary="Signaal registreren",
)
def signaal_nieuw(request: HttpRequest, payload: SignaalIn):
    ctx = _gate(request)
    geometry = payload.geometrie or None
    data = {
        "title": payload.titel,
        "phenomenon": payload.fenomeen,
        "received_on": payload.datum,
        "description": payload.toelichting,
        "source_reliability": payload.betrouwbaarheidBron,
        "information_reliability": payload.betrouwbaarheidInformatie,
        "address": payload.adres,
        "parcel": payload.perceel,
    }
    if geometry:
        try:
            geom = geometry_from_text(geometry, srid=28992)
        except ValueError as exc:
            raise ValidationError({"geometrie": ["Geen geldige geometrie."]}) from exc
        data["point" if geom.geom_type == "Point" else "area"] = geom
    subjects = [
        {
            "kind": o.soort,
            "identifier": o.kenmerk,
            "name": o.naam,
            "birth_date": o.geboortedatum,
            "role": o.rol,
            "shareable": o.deelbaar,
        }
        for o in payload.onderwerpen
    ]
    with api_field_names(SIGNAL_NAMES):
        signal = services.signal_create(
            ctx=ctx,
            data=data,
            subjects=subjects,
            assigned_organisation=_org(payload.toegewezenAan, "toegewezenAan"),
        )
    return Status(201, _detail(selectors.signal_get(ctx=ctx, pk=signal.pk)))


@router.get("/signalen/{id}", response=SignaalDetailOut, url_name="signals-signaal", summary="Eén signaal")
def signaal(request: HttpRequest, id: int):
    return _detail(selectors.signal_get(ctx=_gate(request), pk=id))


@router.get(
    "/signalen/{id}/onderwerpen",
    response=list[OnderwerpOut],
    url_name="signals-onderwerpen",
    summary="Onderwerpen van een signaal",
)
def onderwerpen(request: HttpRequest, id: int):
    signal = selectors.signal_get(ctx=_gate(request), pk=id)
    return [_subject_out(s) for s in signal.visible_subjects]


@router.post(
    "/signalen/{id}/onderwerpen",
    response={201: OnderwerpOut},
    url_name="signals-onderwerp-nieuw",
    summary="Onderwerp toevoegen",
)
def onderwerp_nieuw(request: HttpRequest, id: int, payload: OnderwerpIn):
    ctx = _gate(request)
    signal = selectors.signal_get(ctx=ctx, pk=id)
    with api_field_names(SUBJECT_NAMES):
        subject = services.subject_add(
            ctx=ctx,
            signal=signal,
            kind=payload.soort,
            identifier=payload.kenmerk,
            name=payload.naam,
            birth_date=payload.geboortedatum,
            role=payload.rol,
            shareable=payload.deelbaar,
        )
    return Status(201, _subject_out(subject))


@router.get(
    "/signalen/{id}/transities",
    response=TransitiesOut,
    url_name="signals-transities",
    summary="Mogelijke stappen en geschiedenis",
)
def transities(request: HttpRequest, id: int):
    ctx = _gate(request)
    signal, history = selectors.signal_history(ctx=ctx, pk=id)
    return {
        "status": signal.state,
        "mogelijk": [
            {"naar": t.target, "redenVerplicht": t.reason_required}
            for t in services.available_transitions(ctx, signal)
        ],
        "geschiedenis": [
            {
                "tijdstip": e.at.isoformat(),
                "van": e.from_state,
                "naar": e.to_state,
                "organisatie": e.organisation,
                "reden": e.text,
            }
            for e in history
        ],
    }


@router.post(
    "/signalen/{id}/transities",
    response=SignaalOut,
    url_name="signals-transitie",
    summary="Een stap in de workflow zetten",
)
def transitie(request: HttpRequest, id: int, payload: TransitieIn):
    ctx = _gate(request)
    signal = selectors.signal_get(ctx=ctx, pk=id)
    with api_field_names(TRANSITION_NAMES):
        signal = services.signal_transition(ctx=ctx, signal=signal, to=payload.naar, reason=payload.reden)
    return _signal_out(signal)


def _run_out(view: EnrichmentView) -> dict[str, Any]:
    run = view.run
    if run is None:
        raise Http404("Dit signaal is nog niet verrijkt.")
    return {
        "id": run.pk,
        "tijdstip": run.created_at,
        "duurMs": run.duration_ms,
        "verouderd": view.stale,
        "feiten": [
            {
                "onderwerp": f["subject"],
                "categorie": f["category"],
                "gegeven": f["label"],
                "waarde": f["value"],
                "bron": f["source"],
                "actualiteit": f["freshness"],
                "hit": f["hit"],
                "houder": f["holder"],
                "opvragen": f["request"],
            }
            for f in view.facts
        ],
    }


@router.get(
    "/signalen/{id}/verrijking",
    response=VerrijkingOut,
    url_name="signals-verrijking",
    summary="De laatste verrijking",
)
def verrijking(request: HttpRequest, id: int):
    ctx = _gate(request)
    signal = selectors.signal_get(ctx=ctx, pk=id)
    return _run_out(selectors.last_enrichment(ctx=ctx, signal=signal))


@router.post(
    "/signalen/{id}/verrijking",
    response={201: VerrijkingOut},
    url_name="signals-verrijken",
    summary="Verrijken (opnieuw)",
)
def verrijken(request: HttpRequest, id: int):
    ctx = _gate(request)
    signal = selectors.signal_get(ctx=ctx, pk=id)
    run = services.enrich(ctx=ctx, signal=signal)
    facts = selectors.facts_for(ctx=ctx, run=run)
    return Status(201, _run_out(EnrichmentView(run, facts, selectors.stale(ctx=ctx, run=run))))


def _case(request: HttpRequest, id: int) -> tuple[ProcessingContext, Case]:
    ctx = _gate(request)
    return ctx, selectors.case_get(ctx=ctx, pk=id).case


def _intervention_out(i: Intervention) -> dict:
    return {
        "id": i.pk,
        "soort": i.kind,
        "uitvoerendePartner": i.executing_organisation.code,
        "grondslag": i.legal_basis,
        "gepland": i.planned_on,
        "uitgevoerd": i.executed_on,
        "resultaat": i.result,
    }


@router.get(
    "/casussen/{id}/interventies",
    response=list[InterventieOut],
    url_name="signals-interventies",
    summary="Interventies van een casus",
)
def interventies(request: HttpRequest, id: int):
    ctx, case = _case(request, id)
    return [_intervention_out(i) for i in selectors.case_interventions(ctx=ctx, case=case)]


@router.post(
    "/casussen/{id}/interventies",
    response={201: InterventieOut},
    url_name="signals-interventie-nieuw",
    summary="Interventie vastleggen",
)
def interventie_nieuw(request: HttpRequest, id: int, payload: InterventieIn):
    ctx, case = _case(request, id)
    data = {
        "kind": payload.soort,
        "executing_organisation": _org(payload.uitvoerendePartner, "uitvoerendePartner"),
        "legal_basis": payload.grondslag,
        "planned_on": payload.gepland,
        "executed_on": payload.uitgevoerd,
        "result": payload.resultaat,
    }
    with api_field_names(INTERVENTION_NAMES):
        intervention = services.intervention_add(ctx=ctx, case=case, data=data)
    return Status(201, _intervention_out(intervention))


@router.get(
    "/casussen/{id}/evaluatie",
    response=EvaluatieOut,
    url_name="signals-evaluatie",
    summary="Evaluatie van een casus",
)
def evaluatie(request: HttpRequest, id: int):
    ctx, case = _case(request, id)
    e = selectors.case_evaluation(ctx=ctx, case=case)
    if e is None:
        raise Http404("Deze casus is nog niet geëvalueerd.")
    return {"effect": e.effect, "watWerkte": e.what_worked, "knelpunten": e.bottlenecks, "lessen": e.lessons}


@router.put(
    "/casussen/{id}/evaluatie",
    response=EvaluatieOut,
    url_name="signals-evaluatie-opslaan",
    summary="Evaluatie vastleggen",
)
def evaluatie_opslaan(request: HttpRequest, id: int, payload: EvaluatieIn):
    ctx, case = _case(request, id)
    data = {
        "effect": payload.effect,
        "what_worked": payload.watWerkte,
        "bottlenecks": payload.knelpunten,
        "lessons": payload.lessen,
    }
    with api_field_names(EVALUATION_NAMES):
        e = services.evaluation_save(ctx=ctx, case=case, data=data)
    return {"effect": e.effect, "watWerkte": e.what_worked, "knelpunten": e.bottlenecks, "lessen": e.lessons}


class NetwerkOut(Schema):
    nodes: list[dict]
    edges: list[dict]
    more: int


@router.get(
    "/casussen/{id}/netwerk",
    response=NetwerkOut,
    url_name="signals-netwerk",
    summary="Netwerk van een casus, één stap per keer",
)
def netwerk(
    request: HttpRequest,
    id: int,
    knoop: str = Query(
        "",
        description="de sleutel (`knoop`) van een knoop die het netwerk van deze casus gaf; leeg: de start",
    ),
):
    ctx, case = _case(request, id)
    if knoop:
        return network.expand(ctx=ctx, case=case, key=knoop).as_dict()
    return network.case_graph(ctx=ctx, case=case).as_dict()
