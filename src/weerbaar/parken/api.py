"""Vakantieparken under /api/v1/parken (NL API Design Rules: Dutch resource names, problem+json errors)."""

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from weerbaar.privacy.context import request_context

from .selectors import park_get, park_list

router = Router(tags=["parken"])


class ParkOut(Schema):
    id: int
    titel: str
    organisatie: str
    toegangsniveau: str


def _out(item) -> dict:
    return {
        "id": item.pk,
        "titel": item.title,
        "organisatie": item.organisation.code,
        "toegangsniveau": item.access_level,
    }


@router.get("/parken", response=list[ParkOut], summary="Vakantieparken")
def park_list_api(request: HttpRequest):
    return [_out(i) for i in park_list(ctx=request_context(request))]


@router.get("/parken/{id}", response=ParkOut, summary="Eén vakantiepark")
def park_get_api(request: HttpRequest, id: int):
    item = park_get(ctx=request_context(request), pk=id)
    if item is None:
        raise Http404("Niet gevonden.")
    return _out(item)
