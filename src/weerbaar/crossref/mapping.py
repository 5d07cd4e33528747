"""Column mapping: which column of a partner's file holds which property of which entity.

A mapping is data (`{"column as the file names it": "target"}`), saved on the dataset and run
again on the next delivery. `TARGETS` is the table of what a column can be: each target names
its entity (Person, Company, Address, Parcel, Vehicle), the FollowTheMoney property it fills
and the normaliser that reads it, which refuses a value it cannot read (a postcode that is
none, a KvK-nummer of seven digits and a letter, an RSIN failing the elfproef) with a message
naming the column. A row becomes one main entity (the mapping's one non-address entity, or an
Address when only address columns are mapped) and, for a person or company with address
columns, an Address entity it points to.

Entity ids are stable across deliveries: a hash of the dataset's key, the schema and the row's
normalised identity (KvK-nummer; name, date of birth and address; postcode and number; ...),
so a judgement about an entity still applies to the same entity in the next version.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from weerbaar.core.identifiers import kvk_nummer, postcode, rsin, vestigingsnummer
from weerbaar.importing import RowError

from .normalise.addresses import huisnummer
from .normalise.dates import datum
from .normalise.identifiers import is_valid_bsn
from .normalise.parcels import kadastrale_aanduiding
from .normalise.text import repair_mojibake
from .normalise.vehicles import kenteken

PERSON, COMPANY, ADDRESS, PARCEL, VEHICLE = "Person", "Company", "Address", "RealEstate", "Vehicle"


class Refused(ValueError):
    """A value the normaliser cannot read; the message says why, in Dutch."""


def _text(value: str) -> str:
    return " ".join(repair_mojibake(value).split())


def _postcode(value: str) -> str:
    normal = postcode(value)
    if normal is None:
        raise Refused(f"{value!r} is geen geldige postcode")
    return normal


def _huisnummer(value: str) -> str:
    parsed = huisnummer(value)
    if parsed is None:
        raise Refused(f"{value!r} is geen huisnummer")
    return parsed.key()


def _letter(value: str) -> str:
    if len(value.strip()) != 1 or not value.strip().isalpha():
        raise Refused(f"{value!r} is geen huisletter (één letter)")
    return value.strip().upper()


def _toevoeging(value: str) -> str:
    compact = "".join(value.split()).upper()
    if len(compact) > 4 or not compact.isalnum():
        raise Refused(f"{value!r} is geen huisnummertoevoeging (hoogstens vier letters of cijfers)")
    return compact


def _birth_date(value: str) -> str:
    readings = datum(value)
    if not readings or not readings[0].day:
        raise Refused(f"{value!r} is geen datum")
    return readings[0].iso()


def _checked(reader: Callable[[str], str | None], what: str) -> Callable[[str], str]:
    def read(value: str) -> str:
        if is_valid_bsn(value) and what != "RSIN":
            raise Refused("dit lijkt een BSN; BSN's worden niet opgeslagen")
        normal = reader(value)
        if normal is None:
            raise Refused(f"{value!r} is geen geldig {what}")
        return normal

    return read


def _kadastraal(value: str) -> str:
    parsed = kadastrale_aanduiding(value)
    if parsed is None:
        raise Refused(f"{value!r} is geen kadastrale aanduiding")
    return parsed.key()


def _kenteken(value: str) -> str:
    parsed = kenteken(value)
    if parsed is None:
        raise Refused(f"{value!r} is geen kenteken")
    return parsed.kenteken


@dataclass(frozen=True)
class Target:
    entity: str
    prop: str
    label: Any
    read: Callable[[str], str] = _text


#: what a column can be mapped to; the key is stored in the mapping
TARGETS: dict[str, Target] = {
    "person.name": Target(PERSON, "name", _("Persoon: volledige naam")),
    "person.first_name": Target(PERSON, "firstName", _("Persoon: voornamen")),
    "person.tussenvoegsel": Target(PERSON, "middleName", _("Persoon: tussenvoegsel")),
    "person.last_name": Target(PERSON, "lastName", _("Persoon: achternaam")),
    "person.birth_date": Target(PERSON, "birthDate", _("Persoon: geboortedatum"), _birth_date),
    "company.name": Target(COMPANY, "name", _("Onderneming: naam")),
    "company.kvk": Target(
        COMPANY, "registrationNumber", _("Onderneming: KvK-nummer"), _checked(kvk_nummer, "KvK-nummer")
    ),
    "company.rsin": Target(COMPANY, "taxNumber", _("Onderneming: RSIN"), _checked(rsin, "RSIN")),
    "company.vestigingsnummer": Target(
        COMPANY,
        "idNumber",
        _("Onderneming: vestigingsnummer"),
        _checked(vestigingsnummer, "vestigingsnummer"),
    ),
    "address.postcode": Target(ADDRESS, "postalCode", _("Adres: postcode"), _postcode),
    "address.huisnummer": Target(ADDRESS, "huisnummer", _("Adres: huisnummer"), _huisnummer),
    "address.huisletter": Target(ADDRESS, "huisletter", _("Adres: huisletter"), _letter),
    "address.toevoeging": Target(ADDRESS, "toevoeging", _("Adres: toevoeging"), _toevoeging),
    "address.street": Target(ADDRESS, "street", _("Adres: straat")),
    "address.place": Target(ADDRESS, "city", _("Adres: woonplaats")),
    "parcel.kadastrale_aanduiding": Target(
        PARCEL, "cadastralCode", _("Perceel: kadastrale aanduiding"), _kadastraal
    ),
    "vehicle.kenteken": Target(VEHICLE, "registrationNumber", _("Voertuig: kenteken"), _kenteken),
}
#: the properties that say who or what a row is (the entity id is made from them)
IDENTITY = {
    PERSON: ("name", "firstName", "middleName", "lastName", "birthDate"),
    COMPANY: ("registrationNumber", "idNumber", "taxNumber"),
    PARCEL: ("cadastralCode",),
    VEHICLE: ("registrationNumber",),
    ADDRESS: ("postalCode", "huisnummer"),
}
#: an entity needs at least one of these, or the row says nothing
REQUIRED = {
    PERSON: ("name", "lastName"),
    COMPANY: ("name", "registrationNumber"),
    ADDRESS: ("postalCode", "street"),
    PARCEL: ("cadastralCode",),
    VEHICLE: ("registrationNumber",),
}


class MappingError(ValueError):
    """A mapping that cannot be run (unknown target, two kinds of entity, a column missing)."""


def check_mapping(mapping: Mapping[str, str], columns: list[str] | None = None) -> str:
    """The mapping's main schema; MappingError when it is not a mapping of one kind of entity."""
    used = {t: c for c, t in mapping.items() if t}
    unknown = sorted(t for t in used if t not in TARGETS)
    if unknown:
        raise MappingError(f"onbekend doel: {', '.join(unknown)}")
    if columns is not None:
        missing = sorted(c for c, t in mapping.items() if t and c not in columns)
        if missing:
            raise MappingError(f"kolommen ontbreken in het bestand: {', '.join(missing)}")
    targets = [TARGETS[t] for t in used]
    mains = {t.entity for t in targets if t.entity != ADDRESS}
    if len(mains) > 1:
        raise MappingError(f"één soort entiteit per bestand, niet {', '.join(sorted(mains))}")
    if not targets:
        raise MappingError("geen enkele kolom gekoppeld")
    return mains.pop() if mains else ADDRESS


def entity_id(dataset_key: str, schema: str, identity: list[str]) -> str:
    digest = hashlib.sha256("|".join([dataset_key, schema, *identity]).encode()).hexdigest()
    return f"{dataset_key}-{digest[:20]}"


def _address_full(values: dict[str, str]) -> str:
    number = values.get("huisnummer", "")
    if values.get("huisletter"):
        number = f"{number}{values['huisletter']}"
    if values.get("toevoeging"):
        number = f"{number}-{values['toevoeging']}"
    street = " ".join(v for v in (values.get("street", ""), number) if v)
    place = " ".join(v for v in (values.get("postalCode", ""), values.get("city", "")) if v)
    return ", ".join(v for v in (street, place) if v)


def row_entities(
    mapping: Mapping[str, str], raw: Mapping[str, Any], *, dataset_key: str
) -> list[dict[str, Any]]:
    """The FollowTheMoney entities (as dicts) of one row, main entity first; RowError naming
    each column whose value the normaliser refuses."""
    schema = check_mapping(mapping)
    values: dict[str, dict[str, str]] = {}
    problems: list[tuple[str, str]] = []
    for column, key in mapping.items():
        if not key:
            continue
        written = raw.get(column)
        if isinstance(written, datetime | date):  # a spreadsheet's date cell
            written = written.strftime("%Y-%m-%d")
        text = "" if written is None else str(written).strip()
        if not text:
            continue
        target = TARGETS[key]
        try:
            values.setdefault(target.entity, {})[target.prop] = target.read(text)
        except Refused as exc:
            problems.append((column, str(exc)))
    if problems:
        raise RowError(problems)
    main = values.get(schema, {})
    if not any(main.get(p) for p in REQUIRED[schema]):
        wanted = [c for c, t in mapping.items() if t and TARGETS[t].entity == schema]
        raise RowError([(", ".join(wanted), "leeg: deze rij noemt niemand en niets")])
    address = values.get(ADDRESS, {})
    entities: list[dict[str, Any]] = []
    address_entity: dict[str, Any] | None = None
    if address:
        full = _address_full(address)
        props = {p: [v] for p, v in address.items() if p in ("postalCode", "street", "city")}
        address_id = entity_id(dataset_key, ADDRESS, [full.casefold()])
        address_entity = {"id": address_id, "schema": ADDRESS, "properties": {**props, "full": [full]}}
    if schema == ADDRESS:
        assert address_entity is not None
        return [address_entity]
    identity = [main.get(p, "").casefold() for p in IDENTITY[schema]]
    if schema == PERSON or not any(identity):
        # a person is who they are at an address; a company without a number is its name there
        identity += [
            main.get("name", "").casefold(),
            address_entity["properties"]["full"][0].casefold() if address_entity else "",
        ]
    properties: dict[str, list[str]] = {p: [v] for p, v in main.items()}
    if schema == PERSON and "name" not in main:
        last = main.get("lastName", "")
        if "," in last:  # "Berg, van der": the voorvoegsel written after the surname
            surname, _comma, prefix = last.partition(",")
            last = f"{prefix.strip()} {surname.strip()}".strip()
        whole = " ".join(v for v in (main.get("firstName", ""), main.get("middleName", ""), last) if v)
        properties["name"] = [whole]
    if address_entity is not None:
        properties["address"] = address_entity["properties"]["full"]
        properties["addressEntity"] = [address_entity["id"]]
    entities.append(
        {"id": entity_id(dataset_key, schema, identity), "schema": schema, "properties": properties}
    )
    if address_entity is not None:
        entities.append(address_entity)
    return entities


def target_choices() -> list[tuple[str, str]]:
    return [("", "—"), *((key, t.label) for key, t in TARGETS.items())]
