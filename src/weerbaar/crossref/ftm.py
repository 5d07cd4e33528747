"""FollowTheMoney entities in: JSON lines as `followthemoney` writes them, read through its own
model and proxy API, into the matcher's records.

Person, Company, Organization, LegalEntity and Address entities become records; an entity's
`addressEntity` is resolved when the Address is in the same file. Values are taken as written
(`cleaned=True`: followthemoney's own cleaning would drop a "03/04/1980" that our normalisation
reads as two candidates). Other schemata (relations, documents) are skipped and counted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy

from .matching.records import Record, address, company, person

PERSON = "Person"
COMPANIES = ("Company", "Organization", "LegalEntity")
ADDRESS = "Address"


class EntityFileError(ValueError):
    """A line of an entity file that cannot be read: names the file, the line and the reason."""

    def __init__(self, path: Path, line: int, reason: str) -> None:
        super().__init__(f"{path.name}, regel {line}: {reason}")
        self.path, self.line, self.reason = path, line, reason


@dataclass
class EntityFile:
    records: list[Record]
    skipped: dict[str, int] = field(default_factory=dict)


def _first(proxy: EntityProxy, *props: str) -> str:
    for prop in props:
        if prop in proxy.schema.properties:
            value = proxy.first(prop)
            if value:
                return str(value)
    return ""


def _address_line(proxy: EntityProxy) -> str:
    """An Address entity as one line: `full`, else its parts in Dutch order."""
    full = _first(proxy, "full")
    if full:
        return full
    street = " ".join(v for v in (_first(proxy, "street"), _first(proxy, "street2")) if v)
    place = " ".join(v for v in (_first(proxy, "postalCode"), _first(proxy, "city")) if v)
    return ", ".join(v for v in (street, place) if v)


def read_proxies(path: Path) -> list[EntityProxy]:
    """Every entity of `path`; a line that is no FtM entity raises `EntityFileError`."""
    proxies: list[EntityProxy] = []
    with path.open(encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EntityFileError(path, number, f"geen JSON ({exc.msg})") from exc
            if not isinstance(data, dict) or not data.get("id") or not data.get("schema"):
                raise EntityFileError(path, number, "een entiteit heeft een 'id' en een 'schema'")
            try:
                proxy = model.get_proxy(data, cleaned=True)
            except (InvalidData, TypeError, KeyError) as exc:
                raise EntityFileError(path, number, f"schema {data.get('schema')!r}: {exc}") from exc
            proxies.append(proxy)
    return proxies


def read_entities(path: Path) -> EntityFile:
    """All linkable entities of `path`; a line that is no FtM entity raises `EntityFileError`."""
    proxies = read_proxies(path)
    skipped: dict[str, int] = {}
    addresses = {p.id: _address_line(p) for p in proxies if p.schema.is_a(ADDRESS)}
    records = []
    for proxy in proxies:
        record = _record(proxy, addresses)
        if record is None:
            skipped[proxy.schema.name] = skipped.get(proxy.schema.name, 0) + 1
        else:
            records.append(record)
    return EntityFile(records, skipped)


def entity_label(data: dict) -> str:
    """One line naming an entity dict for a reviewer: its name (or address, number), date of birth, address."""
    props = data.get("properties", {})
    name = (
        props.get("name")
        or props.get("full")
        or props.get("registrationNumber")
        or props.get("cadastralCode")
        or [""]
    )[0]
    extra = [v[0] for k in ("birthDate", "address") if (v := props.get(k))]
    return " · ".join([name, *extra])[:300]


def entity_records(entities: list[dict]) -> list[Record]:
    """Matcher records of FollowTheMoney entity dicts (as stored for a dataset version)."""
    proxies = [model.get_proxy(e, cleaned=True) for e in entities]
    addresses = {p.id: _address_line(p) for p in proxies if p.schema.is_a(ADDRESS)}
    # an Address that a person or company points to is linked through them, not on its own
    pointed = {ref for p in proxies for ref in p.get("addressEntity", quiet=True)}
    records = []
    for proxy in proxies:
        if proxy.schema.is_a(ADDRESS) and proxy.id in pointed:
            continue
        record = _record(proxy, addresses)
        if record is not None:
            records.append(record)
    return records


def _where(proxy: EntityProxy, addresses: dict[str | None, str]) -> str:
    line = _first(proxy, "address")
    if not line:
        for ref in proxy.get("addressEntity", quiet=True):
            if ref in addresses:
                return addresses[ref]
    return line


def _record(proxy: EntityProxy, addresses: dict[str | None, str]) -> Record | None:
    entity_id = str(proxy.id)
    if proxy.schema.name == PERSON:
        return person(
            entity_id,
            name=_first(proxy, "name") or None,
            first_name=_first(proxy, "firstName"),
            surname=_first(proxy, "lastName"),
            birth_date=_first(proxy, "birthDate") or None,
            address=_where(proxy, addresses) or None,
            identifiers=proxy.get("idNumber", quiet=True),
        )
    if proxy.schema.name in COMPANIES:
        return company(
            entity_id,
            name=_first(proxy, "name"),
            kvk=_first(proxy, "registrationNumber") or None,
            rsin_number=_first(proxy, "taxNumber") or None,
            address=_where(proxy, addresses) or None,
            identifiers=[*proxy.get("idNumber", quiet=True)],
        )
    if proxy.schema.name == ADDRESS:
        return address(
            entity_id,
            full=_first(proxy, "full") or None,
            street=_first(proxy, "street"),
            postcode=_first(proxy, "postalCode"),
            place=_first(proxy, "city"),
        )
    return None
