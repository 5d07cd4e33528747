"""The matcher's view of a person, company or address: normalised values, columnar.

`person`, `company` and `address` build a `Record` from values as a source gives them (whole or in
parts, as messy as it comes); `Records` holds many as columns the comparisons read pair-wise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from ..normalise.addresses import Adres, adres, huisnummer
from ..normalise.addresses import postcode as dutch_postcode
from ..normalise.companies import bedrijfsnaam
from ..normalise.dates import Datum, datum
from ..normalise.identifiers import digits, is_valid_bsn, kvk_nummer, rsin
from ..normalise.names import formal_name, naam
from ..normalise.text import fold, squash

KINDS = ("person", "company", "address")


@dataclass(frozen=True)
class Record:
    id: str
    kind: str
    first_name: str = ""
    first_formal: str = ""
    initials: str = ""
    surnames: tuple[str, ...] = ()
    name: str = ""
    birth: tuple[Datum, ...] = ()
    postcode: str = ""
    number: str = ""
    street: str = ""
    place: str = ""
    identifiers: frozenset[str] = field(default_factory=frozenset)

    @property
    def surname(self) -> str:
        return self.surnames[0] if self.surnames else ""

    @cached_property
    def birth_key(self) -> str:
        """The most likely full birth date as yyyymmdd ("" without a full date)."""
        for candidate in self.birth:
            if candidate.day:
                return f"{candidate.year:04d}{candidate.month:02d}{candidate.day:02d}"
        return ""


def _postcode(value: str | None) -> str:
    """Dutch postcodes in their one form; a foreign one folded as it is (FEBRL's are Australian)."""
    return dutch_postcode(value) or squash(value).upper()


def _identifiers(values: Iterable[str | None], *, of_person: bool) -> frozenset[str]:
    """Identifiers as digits (or folded text). A person's nine digits passing the elfproef are a BSN
    (an RSIN looks the same, but people have none): dropped, never kept for matching."""
    out = set()
    for value in values:
        if not value:
            continue
        number = digits(value)
        if of_person and number and is_valid_bsn(number):
            continue
        out.add(number or squash(value))
    return frozenset(out)


def _where(address: str | None, street: str, number: str, postcode: str, place: str) -> Adres:
    parsed = adres(address) if address else Adres()
    return Adres(
        fold(street) or parsed.straat,
        huisnummer(number) or parsed.nummer,
        _postcode(postcode) or parsed.postcode,
        fold(place) or parsed.woonplaats,
    )


def person(
    id: str,
    *,
    name: str | None = None,
    first_name: str = "",
    surname: str = "",
    voorvoegsel: str = "",
    birth_date: str | None = None,
    address: str | None = None,
    street: str = "",
    number: str = "",
    postcode: str = "",
    place: str = "",
    identifiers: Sequence[str | None] = (),
) -> Record:
    """A person from a whole name or name parts, a birth date as written, an address line or its parts."""
    parsed = naam(name, voornamen=first_name, voorvoegsel=voorvoegsel, geslachtsnaam=surname)
    where = _where(address, street, number, postcode, place)
    first = parsed.voornaam
    return Record(
        id=id,
        kind="person",
        first_name=first,
        first_formal=formal_name(first) if first else "",
        initials=parsed.initialen,
        surnames=parsed.surname_keys(),
        name=" ".join([first, *parsed.geslachtsnamen]).strip(),
        birth=datum(birth_date),
        postcode=where.postcode or "",
        number=where.nummer.key() if where.nummer else "",
        street=where.straat,
        place=where.woonplaats,
        identifiers=_identifiers(identifiers, of_person=True),
    )


def company(
    id: str,
    *,
    name: str,
    kvk: str | None = None,
    rsin_number: str | None = None,
    address: str | None = None,
    street: str = "",
    number: str = "",
    postcode: str = "",
    place: str = "",
    identifiers: Sequence[str | None] = (),
) -> Record:
    """A company: its name without legal form (trade names count as names too), KvK, RSIN, address."""
    parsed = bedrijfsnaam(name)
    where = _where(address, street, number, postcode, place)
    ids = {kvk_nummer(kvk) or "", rsin(rsin_number) or ""} - {""}
    return Record(
        id=id,
        kind="company",
        name=parsed.key(),
        surnames=tuple(squash(n) for n in (parsed.naam, *parsed.handelsnamen) if n),
        postcode=where.postcode or "",
        number=where.nummer.key() if where.nummer else "",
        street=where.straat,
        place=where.woonplaats,
        identifiers=frozenset(ids) | _identifiers(identifiers, of_person=False),
    )


def address(
    id: str,
    *,
    full: str | None = None,
    street: str = "",
    number: str = "",
    postcode: str = "",
    place: str = "",
) -> Record:
    """An address: a whole line or its parts."""
    where = _where(full, street, number, postcode, place)
    return Record(
        id=id,
        kind="address",
        postcode=where.postcode or "",
        number=where.nummer.key() if where.nummer else "",
        street=where.straat,
        place=where.woonplaats,
    )


_HUISNUMMER = re.compile(r"\d*")


def _swap(key: str) -> str:
    """yyyymmdd with day and month swapped ("" when that is no date)."""
    return f"{key[:4]}{key[6:8]}{key[4:6]}" if len(key) == 8 else ""


class Records:
    """Records of one side as columns: what the comparisons and the blocking read."""

    def __init__(self, records: Sequence[Record]) -> None:
        self.records = list(records)
        self.ids = [r.id for r in records]
        self.kind = [r.kind for r in records]
        self.first_name = [r.first_name for r in records]
        self.first_formal = np.array([r.first_formal for r in records], dtype=object)
        self.birth_swapped = np.array([_swap(r.birth_key) for r in records], dtype=object)
        self.birth_ambiguous = np.array([len(r.birth) > 1 for r in records], dtype=bool)
        self.married = np.array([len(r.surnames) > 1 for r in records], dtype=bool)
        self.identifier = np.array(
            [min(r.identifiers) if r.identifiers else "" for r in records], dtype=object
        )
        self.identifiers_many = np.array([len(r.identifiers) > 1 for r in records], dtype=bool)
        self.initials = [r.initials for r in records]
        self.surname = [r.surname for r in records]
        self.name = [r.name for r in records]
        self.birth = [r.birth_key for r in records]
        self.postcode = [r.postcode for r in records]
        self.number = [r.number for r in records]
        self.huisnummer = np.array([_HUISNUMMER.match(r.number).group(0) for r in records], dtype=object)  # type: ignore[union-attr,type-var]
        self.street = [r.street for r in records]
        self.place = [r.place for r in records]

    def __len__(self) -> int:
        return len(self.records)
