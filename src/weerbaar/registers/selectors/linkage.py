"""For batch linkage of a partner dataset against the registers: the register persons and
companies that could be the same as the dataset's, as plain values for the matcher.

Candidates, not matches: persons whose surname key, date of birth or postcode is one of the
dataset's, companies whose KvK-nummer or postcode is. The matcher decides; what it pairs is
shown to the analyst, and the caller logs each of those. This read itself is logged once (the
purpose, the counts), and refused like every shielded read without clearance and purpose.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from weerbaar.audit.models import Action
from weerbaar.audit.recording import audited
from weerbaar.core.context import ProcessingContext

from .. import identifiers
from ..models import Onderneming, Persoon, PersoonAdres, Vestiging
from .base import REGISTER_PURPOSES, _area_address_keys, _persons_in_area, _visible, shielded_refusal

#: at most this many register persons and companies are read for one linkage
CANDIDATE_LIMIT = 200_000
_CHUNK = 500


@dataclass(frozen=True)
class RegisterEntry:
    """A register person or company as the matcher reads it; `id` is stable across imports."""

    id: str
    kind: str  # "person" or "company"
    label: str
    name: str = ""
    first_name: str = ""
    voorvoegsel: str = ""
    surname: str = ""
    birth_date: str = ""
    street: str = ""
    number: str = ""
    postcode: str = ""
    place: str = ""
    identifiers: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class LinkageCandidates:
    entries: list[RegisterEntry]
    #: there were more than `CANDIDATE_LIMIT` candidates; the rest was not read
    cut_off: bool
    #: why nothing was read ('' when it was)
    refusal: str = ""


def _chunks(values: Collection[Any]) -> Iterator[list[Any]]:
    items = sorted(values)
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _number(huisnummer: int | None, huisletter: str, toevoeging: str) -> str:
    if huisnummer is None:
        return ""
    return f"{huisnummer}{huisletter}{'-' + toevoeging if toevoeging else ''}"


def linkage_candidates(
    *,
    ctx: ProcessingContext,
    surnames: Collection[str] = (),
    birth_dates: Collection[dt.date] = (),
    postcodes: Collection[str] = (),
    kvk_nummers: Collection[str] = (),
    limit: int = CANDIDATE_LIMIT,
) -> LinkageCandidates:
    """The register persons and companies that share a surname key, a date of birth, a postcode
    or a KvK-nummer with the dataset being linked (surnames as written; keyed here)."""
    with audited(
        ctx, object_type="registers.persoon", action=Action.SEARCH, purposes=REGISTER_PURPOSES
    ) as record:
        if refusal := shielded_refusal(ctx):
            record.refused(reason=refusal, detail={"doel": "koppeling"})
            return LinkageCandidates([], False, refusal)
        keys = {identifiers.name_key(s, "-") for s in surnames} - {""}
        codes = {p.replace(" ", "").upper() for p in postcodes if p}
        person_ids = _person_ids(ctx, keys, set(birth_dates), codes, limit + 1)
        company_ids = _company_ids(ctx, set(kvk_nummers), codes, limit + 1 - len(person_ids))
        cut_off = len(person_ids) + len(company_ids) > limit
        entries = _persons(sorted(person_ids)[:limit]) + _companies(
            sorted(company_ids)[: max(0, limit - len(person_ids))]
        )
        record.disclosed(
            detail={
                "doel": "koppeling",
                "kandidaten": {"personen": len(person_ids), "ondernemingen": len(company_ids)},
                "afgekapt": cut_off,
            }
        )
        return LinkageCandidates(entries, cut_off)


def _person_ids(
    ctx: ProcessingContext, keys: set[str], dates: set[dt.date], codes: set[str], limit: int
) -> set[int]:
    persons = _visible(Persoon, ctx)
    found: set[int] = set()
    for column, values in (("naam_sleutel", keys), ("geboortedatum", dates)):
        for chunk in _chunks(values):
            found.update(persons.filter(**{f"{column}__in": chunk}).values_list("pk", flat=True)[:limit])
            if len(found) >= limit:
                return found
    addresses = _visible(PersoonAdres, ctx)
    for chunk in _chunks(codes):
        found.update(addresses.filter(postcode__in=chunk).values_list("persoon_id", flat=True)[:limit])
        if len(found) >= limit:
            break
    if ctx.area_scope is not None:
        found = _persons_in_area(ctx, sorted(found))
    return found


def _company_ids(ctx: ProcessingContext, kvk: set[str], codes: set[str], limit: int) -> set[int]:
    if limit <= 0:
        return set()
    found: set[int] = set()
    companies = _visible(Onderneming, ctx)
    for chunk in _chunks(kvk):
        found.update(companies.filter(kvk_nummer__in=chunk).values_list("pk", flat=True))
    branches = _visible(Vestiging, ctx).exclude(onderneming=None)
    for chunk in _chunks(codes):
        found.update(branches.filter(postcode__in=chunk).values_list("onderneming_id", flat=True)[:limit])
        if len(found) >= limit:
            break
    if ctx.area_scope is not None:
        in_area = set(
            Vestiging.objects.filter(onderneming_id__in=found)
            .filter(adres_sleutel__in=_area_address_keys(ctx))
            .values_list("onderneming_id", flat=True)
        )
        found &= in_area
    return found


def _persons(ids: Sequence[int]) -> list[RegisterEntry]:
    homes: dict[int, PersoonAdres] = {}
    for chunk in _chunks(ids):
        for home in PersoonAdres.objects.filter(persoon_id__in=chunk).order_by("persoon_id", "-soort"):
            homes.setdefault(home.persoon_id, home)  # the woonadres before a briefadres
    entries = []
    for chunk in _chunks(ids):
        for p in Persoon.objects.filter(pk__in=chunk).order_by("pk"):
            home = homes.get(p.pk)
            surname = f"{p.voorvoegsel} {p.geslachtsnaam}".strip()
            entries.append(
                RegisterEntry(
                    id=f"register:persoon:{p.bron_id}",
                    kind="person",
                    label=f"{p.voornamen} {surname}".strip()
                    + (f" ({p.geboortedatum:%d-%m-%Y})" if p.geboortedatum else ""),
                    first_name=p.voornamen,
                    voorvoegsel=p.voorvoegsel,
                    surname=p.geslachtsnaam,
                    birth_date=p.geboortedatum.isoformat() if p.geboortedatum else "",
                    street=home.straat if home else "",
                    number=_number(home.huisnummer, home.huisletter, home.toevoeging) if home else "",
                    postcode=home.postcode if home else "",
                    place=home.woonplaats if home else "",
                )
            )
    return entries


def _companies(ids: Sequence[int]) -> list[RegisterEntry]:
    seats: dict[int, Vestiging] = {}
    for chunk in _chunks(ids):
        for branch in Vestiging.objects.filter(onderneming_id__in=chunk).order_by("-hoofdvestiging", "pk"):
            assert branch.onderneming_id is not None
            seats.setdefault(branch.onderneming_id, branch)  # the main branch first
    entries = []
    for chunk in _chunks(ids):
        for c in Onderneming.objects.filter(pk__in=chunk).order_by("pk"):
            seat = seats.get(c.pk)
            entries.append(
                RegisterEntry(
                    id=f"register:onderneming:{c.kvk_nummer}",
                    kind="company",
                    label=f"{c.naam} (KvK {c.kvk_nummer})",
                    name=c.naam,
                    street=seat.straat if seat else "",
                    number=_number(seat.huisnummer, seat.huisletter, seat.toevoeging) if seat else "",
                    postcode=seat.postcode if seat else "",
                    place=seat.plaats if seat else "",
                    identifiers=tuple(v for v in (c.kvk_nummer, c.rsin) if v),
                )
            )
    return entries
