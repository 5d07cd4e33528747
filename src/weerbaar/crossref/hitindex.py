"""The keyed hit / no-hit index: HMAC-SHA256 of normalised keys with a per-dataset secret.

Three kinds of key, each normalised the same way for the holder's entities and for a question,
so "Berg, J. van der" born 04-03-1980 asks for the key "Jan van der Berg" 1980-03-04 was stored
under only when both normalise alike (surname without voorvoegsel and the first initial):

- `kvk`: the KvK-nummer (eight digits);
- `adres`: postcode + huisnummer + letter + toevoeging (the BAG nummeraanduiding);
- `persoon`: surname keys, first initial and date of birth.

The index holds digests only: a question is answered by looking its digest up, never by reading
an entity. The secret stays with the dataset; without it a digest cannot be tested against a
guessed value. Persons also get a Bloom-filter encoding (`bloom`) for the fuzzy question: a hit
when name and date of birth are alike, not only equal.

The platform builds the index from a delivery (`build`); a holder who keeps its data at home
builds the same index with `weerbaar xref_index` and the dataset's key, and publishes only the
index file (`indexfile`). The platform then never sees a value. What it can do with the key is
ask questions of its own, and every question is logged for the asker and for the holder.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from weerbaar.core.identifiers import kvk_nummer

from .bloom import BloomIndex, Encoder, PersonTokens, empty_index, person_tokens
from .normalise.addresses import adres, huisnummer
from .normalise.dates import datum
from .normalise.names import naam

KINDS = ("kvk", "adres", "persoon")


def person_key(name: str, birth_date: str) -> str | None:
    parsed = naam(name)
    readings = datum(birth_date)
    surnames = "-".join(sorted(parsed.surname_keys()))
    initial = (parsed.voornaam or parsed.initialen or "")[:1].casefold()
    if not surnames or not readings:
        return None
    return f"{surnames}|{initial}|{readings[0].iso()}"


def address_key(text: str) -> str | None:
    return adres(text).nummeraanduiding_key()


def question_key(kind: str, value: str, *, birth_date: str = "") -> str | None:
    """The normal form of what a question asks about; None when it cannot be read."""
    if kind == "kvk":
        return kvk_nummer(value)
    if kind == "adres":
        return address_key(value)
    if kind == "persoon":
        return person_key(value, birth_date)
    raise ValueError(f"onbekende soort sleutel {kind!r}")


def entity_keys(entity: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(kind, normal key) of one FollowTheMoney entity dict."""
    props = entity.get("properties", {})
    first = {p: (v[0] if v else "") for p, v in props.items()}
    schema = entity.get("schema")
    if schema == "Company" and first.get("registrationNumber"):
        yield "kvk", first["registrationNumber"]
    if schema == "Person" and first.get("name") and first.get("birthDate"):
        key = person_key(first["name"], first["birthDate"])
        if key:
            yield "persoon", key
    if schema == "Address" and first.get("full"):
        key = address_key(first["full"])
        if key is None and first.get("postalCode"):
            # a delivery without street names: the mapping wrote "12A, 8011AB Zwolle"
            number = huisnummer(first["full"].split(",")[0].split()[-1])
            key = f"{first['postalCode']}-{number.key()}" if number else None
        if key:
            yield "adres", key


def digest(secret: str, kind: str, key: str) -> str:
    return hmac.new(bytes.fromhex(secret), f"{kind}:{key}".encode(), hashlib.sha256).hexdigest()


def fingerprint(secret: str) -> str:
    """Names the secret without revealing it: an index made with another key is refused."""
    return hmac.new(bytes.fromhex(secret), b"weerbaar-trefferindex", hashlib.sha256).hexdigest()[:16]


@dataclass
class IndexContent:
    """A dataset's whole hit / no-hit index: digests for exact keys, Bloom filters for persons."""

    keys: set[tuple[str, str]]
    bloom: BloomIndex
    fingerprint: str

    def counts(self) -> dict[str, int]:
        found = {kind: 0 for kind in KINDS}
        for kind, _digest in self.keys:
            found[kind] += 1
        return {**found, "bloom": len(self.bloom)}


def build(entities: Iterable[dict[str, Any]], secret: str) -> IndexContent:
    """The index of FollowTheMoney entity dicts under `secret` (hex): what the platform makes of a
    delivery, and what `weerbaar xref_index` makes at the holder's without the platform."""
    encoder = Encoder(bytes.fromhex(secret))
    keys: set[tuple[str, str]] = set()
    filters, year_blocks, name_blocks = [], [], []
    for entity in entities:
        keys.update((k, digest(secret, k, v)) for k, v in entity_keys(entity))
        person = _person_of(entity)
        if person is not None:
            filters.append(encoder.encode(person))
            year, surname = encoder.blocks(person)
            year_blocks.append(year)
            name_blocks.append(surname)
    if not filters:
        return IndexContent(keys, empty_index(), fingerprint(secret))
    bloom = BloomIndex(
        np.vstack(filters), np.array(year_blocks, dtype=np.uint64), np.array(name_blocks, dtype=np.uint64)
    )
    return IndexContent(keys, bloom, fingerprint(secret))


def _person_of(entity: dict[str, Any]) -> PersonTokens | None:
    if entity.get("schema") != "Person":
        return None
    props = entity.get("properties", {})
    name, born = (props.get("name") or [""])[0], (props.get("birthDate") or [""])[0]
    return person_tokens(name, born) if name and born else None


def fuzzy_person(secret: str, name: str, birth_date: str) -> tuple[np.ndarray, tuple[int, int]] | None:
    """A question's filter and block keys, encoded as the index was; None if it cannot be read."""
    person = person_tokens(name, birth_date)
    if person is None:
        return None
    encoder = Encoder(bytes.fromhex(secret))
    return encoder.encode(person), encoder.blocks(person)
