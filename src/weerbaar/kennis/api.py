"""The knowledge network under /api/v1/kennis. Knowledge items by access level (public ones for
everyone); the dilemma room for its members only: anyone else gets 404, as for a post that does
not exist. Anonymous posts come without their author."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import AuthenticationError
from pydantic import Field

from weerbaar.api.auth import GatedAuth
from weerbaar.privacy.context import request_context

from . import selectors, services

router = Router(tags=["kennis"])
ROUTER_PREFIX = ""


class KennisOut(Schema):
    id: int
    soort: str
    titel: str
    samenvatting: str
    themas: list[str]
    trefwoorden: list[str]
    eigenaar: str
    toegangsniveau: str
    fictief: bool


class KennisIn(Schema):
    soort: str = Field(..., description="best_practice, pilot, instrument of modeldocument")
    titel: str = Field(..., min_length=1, max_length=300)
    samenvatting: str = Field(..., min_length=1, max_length=4000)
    themas: list[str] = Field(..., min_length=1)
    trefwoorden: list[str] = Field(default_factory=list)
    toegangsniveau: str = "intern"


class KennisFilters(Schema):
    q: str = Field("", max_length=200)
    thema: list[str] = Field(default_factory=list)


class DilemmaOut(Schema):
    id: int
    titel: str
    tekst: str
    status: str
    geplaatst: dt.datetime
    #: null when the author posted anonymously
    auteur: str | None
    reacties: list[DilemmaOut] = []


class DilemmaIn(Schema):
    kamer: str
    titel: str = Field("", max_length=200)
    tekst: str = Field(..., min_length=1, max_length=8000)
    anoniem: bool = False
    reactieOp: int | None = None


def _item(i: Any) -> dict[str, Any]:
    return {
        "id": i.pk,
        "soort": i.kind,
        "titel": i.title,
        "samenvatting": i.summary,
        "themas": sorted(t.code for t in i.themes.all()),
        "trefwoorden": i.tags,
        "eigenaar": i.owner.code,
        "toegangsniveau": i.access_level,
        "fictief": i.fictitious,
    }


def _post(p: selectors.ShownPost) -> dict[str, Any]:
    return {
        "id": p.pk,
        "titel": p.title,
        "tekst": p.text,
        "status": p.status,
        "geplaatst": p.created_at,
        "auteur": p.author,
        "reacties": [_post(r) for r in p.replies],
    }


def _logged_in(request: HttpRequest) -> Any:
    ctx = request_context(request)
    if ctx.actor is None:
        raise AuthenticationError()
    return ctx


@router.get("/kennis", response=list[KennisOut], summary="Kennis zoeken")
def kennis_zoeken(request: HttpRequest, filters: Query[KennisFilters]):
    page = selectors.knowledge_search(
        ctx=request_context(request), query=filters.q, filters={"theme": filters.thema}
    )
    return [_item(i) for i in page.items]


@router.get("/kennis/items/{id}", response=KennisOut, summary="Eén kennisitem")
def kennis_item(request: HttpRequest, id: int):
    item = selectors.item_get(ctx=request_context(request), pk=id)
    if item is None:
        raise Http404("Niet gevonden.")
    return _item(item)


def _item_values(data: KennisIn) -> dict[str, Any]:
    return {
        "kind": data.soort,
        "title_nl": data.titel,
        "summary_nl": data.samenvatting,
        "themes": data.themas,
        "tags": data.trefwoorden,
        "access_level": data.toegangsniveau,
    }


@router.post(
    "/kennis/items",
    response={201: KennisOut},
    summary="Een kennisitem van mijn organisatie delen",
    auth=GatedAuth(_logged_in),
)
def kennis_item_delen(request: HttpRequest, data: KennisIn):
    ctx = _logged_in(request)
    item = services.item_create(ctx=ctx, **_item_values(data))
    return 201, _item(selectors.item_get(ctx=ctx, pk=item.pk))


@router.put(
    "/kennis/items/{id}",
    response=KennisOut,
    summary="Een kennisitem van mijn organisatie wijzigen",
    auth=GatedAuth(_logged_in),
)
def kennis_item_wijzigen(request: HttpRequest, id: int, data: KennisIn):
    ctx = _logged_in(request)
    if selectors.item_get(ctx=ctx, pk=id) is None:
        raise Http404("Niet gevonden.")
    services.item_update(ctx=ctx, pk=id, **_item_values(data))
    return _item(selectors.item_get(ctx=ctx, pk=id))


@router.get("/kennis/dilemmas/", response=list[DilemmaOut], summary="Dilemma's van mijn besloten kamers")
def dilemmas(request: HttpRequest, q: str = ""):
    ctx = _logged_in(request)
    posts = selectors.dilemma_search(ctx=ctx, query=q[:200]) if q else selectors.dilemma_list(ctx=ctx)
    if not posts and not selectors.my_rooms(ctx=ctx):
        raise Http404("Niet gevonden.")
    return [_post(p) for p in posts or []]


@router.get("/kennis/dilemmas/{id}", response=DilemmaOut, summary="Eén dilemma met de reacties")
def dilemma(request: HttpRequest, id: int):
    post = selectors.dilemma_get(ctx=_logged_in(request), pk=id)
    if post is None:
        raise Http404("Niet gevonden.")
    return _post(post)


@router.post(
    "/kennis/dilemmas/",
    response={201: DilemmaOut},
    summary="Een dilemma of reactie plaatsen",
    auth=GatedAuth(_logged_in),
)
def dilemma_plaatsen(request: HttpRequest, data: DilemmaIn):
    ctx = _logged_in(request)
    if not any(r.key == data.kamer for r in selectors.my_rooms(ctx=ctx)):
        raise Http404("Niet gevonden.")
    post = services.dilemma_post(
        ctx=ctx,
        room=data.kamer,
        title=data.titel,
        text=data.tekst,
        anonymous=data.anoniem,
        parent=data.reactieOp,
    )
    shown = selectors.dilemma_get(ctx=ctx, pk=post.parent_id or post.pk)
    assert shown is not None
    return 201, _post(shown)


@router.post(
    "/kennis/dilemmas/{id}/sluiten",
    response=DilemmaOut,
    summary="Een dilemma sluiten (wie het voorlegde); daarna geen reacties meer",
    auth=GatedAuth(_logged_in),
)
def dilemma_sluiten(request: HttpRequest, id: int):
    ctx = _logged_in(request)
    if selectors.dilemma_get(ctx=ctx, pk=id) is None:  # not a member: as if it did not exist
        raise Http404("Niet gevonden.")
    services.dilemma_close(ctx=ctx, pk=id)
    shown = selectors.dilemma_get(ctx=ctx, pk=id)
    assert shown is not None
    return _post(shown)
