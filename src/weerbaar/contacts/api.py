"""Contact persons under /api/v1/contactpersonen, for logged-in partners only.

The endpoints call the same selectors as the pages, which log every read.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from weerbaar.core.policies import require_partner
from weerbaar.privacy.context import request_context

from .models import Contact
from .selectors import contact_get, contact_search

router = Router(tags=["contactpersonen"])
ROUTER_PREFIX = ""


class ContactpersoonOut(Schema):
    sleutel: str
    rol: str
    organisatie: str
    themas: list[str]
    regio: str
    email: str
    telefoon: str
    bereikbaarheid: str
    vervanger: str | None
    talen: list[str]
    fictief: bool
    laatstBevestigd: dt.date


class ContactFilters(Schema):
    q: str = Field("", max_length=200, description="Bijv. 'vakantieparken Twente'")
    organisatie: list[str] = Field(default_factory=list)
    regio: list[str] = Field(default_factory=list)
    thema: list[str] = Field(default_factory=list)


def contact_out(contact: Contact) -> dict[str, Any]:
    return {
        "sleutel": contact.key,
        "rol": contact.role,
        "organisatie": contact.organisation.code,
        "themas": sorted(t.code for t in contact.themes.all()),
        "regio": contact.region,
        "email": contact.email,
        "telefoon": contact.phone,
        "bereikbaarheid": contact.availability,
        "vervanger": contact.deputy.key if contact.deputy else None,
        "talen": contact.languages,
        "fictief": contact.fictitious,
        "laatstBevestigd": contact.reviewed_on,
    }


@router.get("/contactpersonen", response=list[ContactpersoonOut], summary="Contactpersonen zoeken")
def contactpersonen(request: HttpRequest, filters: Query[ContactFilters]):
    ctx = request_context(request)
    require_partner(ctx)
    page = contact_search(
        ctx=ctx,
        query=filters.q,
        filters={"organisation": filters.organisatie, "region": filters.regio, "theme": filters.thema},
    )
    return [contact_out(c) for c in page.contacts]


@router.get("/contactpersonen/{sleutel}", response=ContactpersoonOut, summary="Eén contactpersoon")
def contactpersoon(request: HttpRequest, sleutel: str):
    ctx = request_context(request)
    require_partner(ctx)
    found = contact_get(ctx=ctx, key=sleutel)
    if found is None:
        raise Http404(f"Geen contactpersoon {sleutel}")
    return contact_out(found)
