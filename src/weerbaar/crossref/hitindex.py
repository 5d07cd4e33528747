"""The keyed hit / no-hit index: HMAC-SHA256 of normalised keys with a per-dataset secret.

Three kinds of key, each normalised the same way for the holder's entities and for a question,
so "Berg, J. van der" born 04-03-1980 asks for the key "Jan van der Berg" 1980-03-04 was stored
under only when both normalise alike (surname without voorvoegsel and the first initial):

- `kvk`: the KvK-nummer (eight digits);
- `adres`: postcode + huisnummer + letter + toevoeging (the BAG nummeraanduiding);
- `persoon`: surname keys, first initial and date of birth.

The index holds digests only: a question is answered by looking its digest up, never by reading
an entity. The secret stays with the dataset; without it a digest cannot be tested against a
guessed value.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from typing import Any

from weerbaar.core.identifiers import kvk_nummer

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
