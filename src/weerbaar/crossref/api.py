"""Partner datasets, versions, linkage pairs, judgements and hit / no-hit under /api/v1.

The endpoints call the same selectors and services as the pages: the holder reads its own
datasets (every read audited there); anyone else may only ask hit / no-hit.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import File, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile
from pydantic import Field

from weerbaar.api.auth import GatedAuth
from weerbaar.core.policies import require_partner
from weerbaar.privacy.context import ProcessingContext, request_context

from . import selectors
from .indexfile import IndexFileError
from .services import index as index_services
from .services import linkage, questions


def _gate(request: HttpRequest) -> ProcessingContext:
    """Partners only, checked before the body is read (401 when anonymous, 403 otherwise)."""
    ctx = request_context(request)
    require_partner(ctx)
    return ctx


router = Router(tags=["partnerbestanden"], auth=GatedAuth(_gate))
ROUTER_PREFIX = ""


class PartnerbestandOut(Schema):
    id: int
    naam: str
    houder: str
    toegangsniveau: str
    bewarenTot: str | None
    fictief: bool
    versies: list[dict[str, Any]]


class PaarOut(Schema):
    id: int
    links: str
    rechts: str
    kans: float
    uitleg: list[dict[str, Any]]
    oordeel: str | None


class KoppelingIn(Schema):
    #: the latest version of another dataset to link against; none: against the registers
    tegen: int | None = Field(None, description="Versie van een ander partnerbestand; leeg: de registers.")


class KoppelingOut(Schema):
    id: int
    links: int
    rechts: int | None
    tegen: str
    status: str
    algoritme: str
    paren: int
    taak: int | None


def _run_out(run: Any) -> dict[str, Any]:
    return {
        "id": run.pk,
        "links": run.left_id,
        "rechts": run.right_id,
        "tegen": run.against,
        "status": run.status,
        "algoritme": f"{run.matcher} {run.matcher_version}".strip(),
        "paren": run.pair_count,
        "taak": run.job_id,
    }


class OordeelIn(Schema):
    oordeel: str = Field(..., pattern="^(same|not_same|unsure)$")


class TrefferIn(Schema):
    partnerbestand: int
    soort: str = Field(..., pattern="^(kvk|adres|persoon)$")
    waarde: str = Field(..., max_length=200)
    geboortedatum: str = Field("", max_length=40)


class TrefferOut(Schema):
    treffer: bool
    partnerbestand: str
    houder: str
    vraagAan: str
    #: "exact" (an equal key), "bloom" (a similar name and date of birth) or "geen"
    gevondenVia: str


class TrefferindexOut(Schema):
    partnerbestand: int
    gemaakt: str
    gemaaktOp: str
    aantallen: dict[str, int]


class VraagOut(Schema):
    gevraagdOp: str
    organisatie: str
    soort: str
    treffer: bool
    gevondenVia: str
    traceId: str


@router.get(
    "/partnerbestanden",
    response=list[PartnerbestandOut],
    url_name="partnerbestanden",
    summary="Eigen partnerbestanden",
)
def datasets_api(request: HttpRequest) -> list[dict[str, Any]]:
    ctx = _gate(request)
    return [
        {
            "id": d.pk,
            "naam": d.name,
            "houder": str(d.organisation),
            "toegangsniveau": d.access_level,
            "bewarenTot": d.retention_until.isoformat() if d.retention_until else None,
            "fictief": d.fictitious,
            "versies": [
                {"id": v.pk, "versie": v.number, "status": v.status, "entiteiten": v.entity_count}
                for v in selectors.version_list(ctx=ctx, dataset=d)
            ],
        }
        for d in selectors.dataset_list(ctx=ctx)
    ]


@router.get(
    "/partnerbestanden/versies/{id}/entiteiten",
    response=list[dict[str, Any]],
    url_name="versie_entiteiten",
    summary="Entiteiten van een versie (FollowTheMoney)",
)
def version_entities_api(request: HttpRequest, id: int) -> list[dict[str, Any]]:
    ctx = _gate(request)
    version = selectors.version_get(ctx=ctx, pk=id)
    if version is None:
        raise Http404("Niet gevonden.")
    return selectors.version_export_ftm(ctx=ctx, version=version)


@router.post(
    "/partnerbestanden/versies/{id}/koppelingen",
    response={201: KoppelingOut},
    url_name="koppeling_start",
    summary="Koppeling starten (tegen een ander partnerbestand of de registers)",
    openapi_extra={"responses": {403: {"description": "Alleen redacteuren starten een koppeling."}}},
)
def linkage_start_api(request: HttpRequest, id: int, body: KoppelingIn) -> tuple[int, dict[str, Any]]:
    """Queues the linkage as a job; poll `GET /partnerbestanden/koppelingen/{id}` for its status.
    Against the registers it needs clearance for shielded data and a declared purpose
    (header `Doelbinding`), or the run ends refused."""
    ctx = _gate(request)
    left = selectors.version_get(ctx=ctx, pk=id)
    right = selectors.version_get(ctx=ctx, pk=body.tegen) if body.tegen is not None else None
    if left is None or (body.tegen is not None and right is None):
        raise Http404("Niet gevonden.")
    return 201, _run_out(linkage.linkage_start(ctx=ctx, left=left, right=right))


@router.get(
    "/partnerbestanden/koppelingen/{id}",
    response=KoppelingOut,
    url_name="koppeling",
    summary="Een koppeling: status, algoritme en aantal paren",
)
def run_api(request: HttpRequest, id: int) -> dict[str, Any]:
    ctx = _gate(request)
    run = linkage.run_get(ctx=ctx, pk=id)
    if run is None:
        raise Http404("Niet gevonden.")
    return _run_out(run)


@router.get(
    "/partnerbestanden/koppelingen/{id}/paren",
    response=list[PaarOut],
    url_name="koppeling_paren",
    summary="Kandidaatparen van een koppeling, onzekerste eerst",
)
def run_pairs_api(request: HttpRequest, id: int) -> list[dict[str, Any]]:
    ctx = _gate(request)
    run = linkage.run_get(ctx=ctx, pk=id)
    if run is None:
        raise Http404("Niet gevonden.")
    return [
        {
            "id": p["pair"].pk,
            "links": p["pair"].left_id,
            "rechts": p["pair"].right_id,
            "kans": p["pair"].probability,
            "uitleg": p["pair"].explanation,
            "oordeel": p["judgement"].verdict if p["judgement"] else None,
        }
        for p in linkage.run_pairs(ctx=ctx, run=run)
    ]


@router.post(
    "/partnerbestanden/paren/{id}/oordeel",
    response={201: dict[str, str]},
    url_name="paar_oordeel",
    summary="Oordeel over een paar",
)
def judge_api(request: HttpRequest, id: int, body: OordeelIn) -> tuple[int, dict[str, str]]:
    ctx = _gate(request)
    pair = linkage.pair_get(ctx=ctx, pk=id)
    if pair is None:
        raise Http404("Niet gevonden.")
    judgement = linkage.judgement_set(ctx=ctx, pair=pair, verdict=body.oordeel)
    return 201, {"oordeel": judgement.verdict}


@router.post(
    "/partnerbestanden/treffer",
    response=TrefferOut,
    url_name="treffer",
    summary="Treffer / geen treffer",
    openapi_extra={
        "responses": {
            404: {"description": "Geen partnerbestand met dit nummer, of u mag geen treffervragen stellen."},
            422: {"description": "De waarde is als deze soort niet te lezen (bijvoorbeeld geen KvK-nummer)."},
        }
    },
)
def hit_api(request: HttpRequest, body: TrefferIn) -> dict[str, Any]:
    ctx = _gate(request)
    try:
        answer = questions.hit_question_ask(
            ctx=ctx,
            dataset_pk=body.partnerbestand,
            kind=body.soort,
            value=body.waarde,
            birth_date=body.geboortedatum,
        )
    except ValueError as exc:
        raise HttpError(422, str(exc)) from exc
    if answer is None:
        raise Http404("Niet gevonden.")
    return {
        "treffer": answer.hit,
        "partnerbestand": answer.dataset.name,
        "houder": answer.dataset.holder,
        "vraagAan": answer.ask,
        "gevondenVia": answer.way,
    }


def _own_dataset(ctx: ProcessingContext, id: int) -> Any:
    dataset = selectors.dataset_get(ctx=ctx, pk=id)
    if dataset is None:
        raise Http404("Niet gevonden.")
    return dataset


@router.post(
    "/partnerbestanden/{id}/trefferindex",
    response={201: TrefferindexOut},
    url_name="trefferindex",
    summary="Trefferindex publiceren (gemaakt met weerbaar xref_index)",
)
def index_publish_api(request: HttpRequest, id: int, index: File[UploadedFile]) -> tuple[int, dict]:
    """The holder publishes an index made at home: digests and Bloom filters, no values. A file that
    fails a check is refused with 422 naming the member, line and reason; the old index stays."""
    ctx = _gate(request)
    dataset = _own_dataset(ctx, id)
    try:
        published = index_services.index_publish(ctx=ctx, dataset=dataset, upload=index)
    except IndexFileError as exc:
        raise HttpError(422, str(exc)) from exc
    return 201, {
        "partnerbestand": dataset.pk,
        "gemaakt": published.origin,
        "gemaaktOp": published.made_at.isoformat(),
        "aantallen": published.counts,
    }


@router.get(
    "/partnerbestanden/{id}/vragen",
    response=list[VraagOut],
    url_name="vragen",
    summary="Vragen aan een eigen partnerbestand (zonder de gevraagde waarden)",
)
def questions_api(request: HttpRequest, id: int) -> list[dict[str, Any]]:
    ctx = _gate(request)
    dataset = _own_dataset(ctx, id)
    return [
        {
            "gevraagdOp": q.asked_at.isoformat(),
            "organisatie": q.organisation,
            "soort": q.kind,
            "treffer": q.hit,
            "gevondenVia": q.way,
            "traceId": q.trace_id,
        }
        for q in selectors.questions_for(ctx=ctx, dataset=dataset, limit=500)
    ]
