"""The look-up page, the viewer's search, the FG's search by name."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When

from weerbaar.audit.recording import Action, audited
from weerbaar.core.access import Role
from weerbaar.core.context import ProcessingContext

from .. import identifiers
from ..lookup import parse_name
from ..models import (
    AdresseerbaarObject,
    KadastraalObject,
    Onderneming,
    OpenbareRuimte,
    Persoon,
    Woonplaats,
)
from .base import (
    _visible,
)

# --- the look-up page, the viewer's search and the intake's autocomplete ---------------------

_NUMBER_RE = re.compile(r"^(?P<nr>\d{1,5})(?:\s*-?\s*(?P<letter>[A-Za-z]))?$")


@dataclass(frozen=True)
class StraatVraag:
    """'Rietweg 12 Almelo', 'Rietweg Almelo', 'Rietweg 12, Almelo': street, number, place."""

    straat: str
    huisnummer: int | None = None
    huisletter: str = ""
    plaats: str = ""


def straat_vragen(text: str) -> list[StraatVraag]:
    """The readings of a typed address without postcode, most likely first. A number splits
    street and place; without one every split of the words into street + place is a reading
    (the place read from the end), and the whole text as a street in any place comes last."""
    words = [w for w in re.split(r"[\s,]+", text or "") if w]
    for i, word in enumerate(words):
        match = _NUMBER_RE.match(word)
        if match and i > 0:
            letter = match["letter"] or ""
            rest = words[i + 1 :]
            if not letter and rest and len(rest[0]) == 1 and rest[0].isalpha():
                letter, rest = rest[0], rest[1:]
            return [StraatVraag(" ".join(words[:i]), int(match["nr"]), letter.upper(), " ".join(rest))]
    readings = [
        StraatVraag(" ".join(words[:i]), plaats=" ".join(words[i:])) for i in range(len(words) - 1, 0, -1)
    ]
    return readings + ([StraatVraag(" ".join(words))] if words else [])


def adressen_op_straat(
    *, ctx: ProcessingContext, vraag: StraatVraag | str, limit: int = 20
) -> list[AdresseerbaarObject]:
    """Addresses by street name (a beginning is enough), number and place (a woonplaats name).

    A typed text is tried reading by reading (`straat_vragen`); the first that finds addresses
    answers. BAG is open data: no audit entry (residents come only through `bewoners`)."""
    vragen = straat_vragen(vraag) if isinstance(vraag, str) else [vraag]
    for v in vragen:
        key = identifiers.name_search_key(v.straat)
        if len(key) < 3:
            continue
        streets = _visible(OpenbareRuimte, ctx).filter(naam_sleutel__startswith=key)
        if v.plaats:
            streets = streets.filter(woonplaats_sleutel=identifiers.name_search_key(v.plaats))
        ids = list(streets.values_list("identificatie", flat=True)[:50])
        if not ids:
            continue
        qs = _visible(AdresseerbaarObject, ctx).filter(openbare_ruimte_identificatie__in=ids)
        if v.huisnummer is not None:
            qs = qs.filter(huisnummer=v.huisnummer)
        if v.huisletter:
            qs = qs.filter(huisletter__iexact=v.huisletter)
        found = list(
            qs.order_by("openbare_ruimte_naam", "woonplaats_naam", "huisnummer", "huisletter", "toevoeging")[
                :limit
            ]
        )
        if found:
            return found
    return []


def woonplaatsen_zoeken(*, ctx: ProcessingContext, naam: str, limit: int = 10) -> list[Woonplaats]:
    """Woonplaatsen whose name begins with `naam` (case and diacritics folded). Open data."""
    text = (naam or "").strip()
    if len(text) < 2:
        return []
    return list(_visible(Woonplaats, ctx).filter(naam__istartswith=text).order_by("naam")[:limit])


def ondernemingen_op_naam(*, ctx: ProcessingContext, naam: str, limit: int = 20) -> list[Onderneming]:
    """Companies by (part of) their name, a beginning ranked first; a KvK-nummer finds that one.
    KvK data is intern (the policy decides who sees it); officers are not read here."""
    compact = "".join((naam or "").split())
    qs = _visible(Onderneming, ctx)
    if identifiers.is_kvk_nummer(compact):
        return list(qs.filter(kvk_nummer=compact))
    key = identifiers.strip_diacritics(" ".join((naam or "").split())).lower()
    if len(key) < 2:
        return []
    rank = Case(
        When(naam_sleutel__startswith=key, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return list(qs.filter(naam_sleutel__contains=key).annotate(_rang=rank).order_by("_rang", "naam")[:limit])


_AANDUIDING_BEGIN = re.compile(r"^([A-Z]{3}[0-9]{2})(?:([A-IK-Z]{1,2}?)([0-9]{0,5}))?(A[0-9]{0,4})?$")


def aanduiding_begin(text: str) -> str:
    """The beginning of a kadastrale aanduiding as stored ('zwl00k12' -> 'ZWL00 K 12'), so a
    typed beginning finds the aanduidingen it starts; other text as typed, in capitals."""
    compact = re.sub(r"[\s\-_.]+", "", (text or "").upper())
    match = _AANDUIDING_BEGIN.match(compact)
    if not match:
        return " ".join((text or "").split()).upper()
    return " ".join(part for part in match.groups() if part)


def percelen_op_aanduiding(
    *, ctx: ProcessingContext, aanduiding: str, limit: int = 10
) -> list[KadastraalObject]:
    """Kadastrale objecten whose aanduiding begins with what was typed, shortest first. The
    outline and aanduiding are open data: no owners are read here (those only through
    `eigenaren`), so nothing is audited."""
    begin = aanduiding_begin(aanduiding)
    if len(begin) < 3:
        return []
    qs = _visible(KadastraalObject, ctx).filter(kadastrale_aanduiding__startswith=begin)
    return sorted(qs.order_by("kadastrale_aanduiding")[: limit * 5], key=_aanduiding_order)[:limit]


def _aanduiding_order(obj: KadastraalObject) -> tuple[str, str, int, int]:
    """'ZWL00 K 12' before 'ZWL00 K 1234', and a parcel before its apartment rights."""
    return (
        obj.kadastrale_gemeente_code,
        obj.sectie,
        obj.perceelnummer or 0,
        obj.appartementsindex or 0,
    )


def personen_voor_toezicht(
    *, ctx: ProcessingContext, naam: str, geboortedatum: dt.date | None = None, limit: int = 50
) -> list[Persoon]:
    """For the privacy officer (FG) only: the register persons a name (and date of birth) may
    be, so the FG finds every log entry about them by their ids. Not a look-up for any other
    role (refused, logged); the FG's look-up is itself logged, under the supervision of the log,
    with the name asked and the persons found."""
    with audited(
        ctx, object_type="registers.persoon", action=Action.SEARCH, purposes=("toezicht-logboek",)
    ) as record:
        if not (ctx.has_role(Role.FG) and ctx.second_factor):
            record.refused(reason="FG with a verified second factor only", detail={"zoekvraag": naam})
            raise PermissionDenied("Alleen de FG zoekt personen op voor het toezicht op het logboek.")
        query = parse_name(naam)
        if not query.key:
            return []
        people = Persoon.objects.filter(naam_sleutel=query.key)
        if geboortedatum:
            people = people.filter(geboortedatum=geboortedatum)
        found = list(people.order_by("geslachtsnaam", "voornamen", "bron_id")[:limit])
        if query.voornamen:  # 'Jan de Vries': the given name or initial must fit too
            initial = query.initials[:1]
            found = [p for p in found if (p.voornamen or "").upper().startswith(initial)] or found
        if found:
            record.disclosed_each([p.bron_id for p in found], detail={"zoekvraag": naam})
        else:
            record.disclosed(detail={"zoekvraag": naam, "resultaten": []})
        return found
