"""Generic person lists (CSV or XLSX): name parts, date of birth, address; one row per address."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from weerbaar.core.access import AccessLevel
from weerbaar.importing.readers.text import delimited_rows, head_line
from weerbaar.importing.readers.xlsx import xlsx_rows

from ... import identifiers
from ...fastinsert import insert_rows
from ...models import Persoon, PersoonAdres
from ..base import BaseImporter, RowError, register
from .common import person_values, upsert_persons

REQUIRED = {"persoon_id", "geslachtsnaam", "geboortedatum", "postcode", "huisnummer"}


@register("personen")
class PersonenImporter(BaseImporter):
    label = "Personen (CSV of XLSX)"
    also_stores = (PersoonAdres,)
    model = Persoon
    key_field = "bron_id"
    access_level = AccessLevel.AFGESCHERMD

    def matches(self, path: Path) -> bool:
        if path.suffix.lower() == ".xlsx":
            return True
        if path.suffix.lower() != ".csv":
            return False
        head = head_line(path)
        return "geslachtsnaam" in head and "persoon_id" in head

    def rows(self, path: Path):
        if path.suffix.lower() == ".xlsx":
            return xlsx_rows(path, REQUIRED)
        return delimited_rows(path, REQUIRED)

    def clean(self, raw: dict[str, Any]) -> dict[str, Any]:
        problems: list[tuple[str, str]] = []
        person = person_values(
            str(raw.get("persoon_id") or ""),
            str(raw.get("voornamen") or ""),
            str(raw.get("voorvoegsel") or ""),
            str(raw.get("geslachtsnaam") or ""),
            raw.get("geboortedatum"),
            problems,
            geslacht=str(raw.get("geslacht") or ""),
            fictief=str(raw.get("fictief") or "").lower() in {"ja", "true", "1"},
        )
        postcode = identifiers.normalise_postcode(str(raw.get("postcode") or ""))
        if not identifiers.is_postcode(postcode):
            problems.append(("postcode", f"{raw.get('postcode')!r} is geen geldige postcode"))
        try:
            huisnummer = int(str(raw.get("huisnummer")).strip())
        except ValueError:
            problems.append(("huisnummer", f"{raw.get('huisnummer')!r} is geen getal"))
            huisnummer = None
        if problems:
            raise RowError(problems)
        letter = str(raw.get("huisletter") or "").strip().upper()[:1]
        toevoeging = str(raw.get("toevoeging") or "").strip().upper()[:6]
        address = {
            "soort": str(raw.get("adres_soort") or "woonadres"),
            "straat": str(raw.get("straat") or ""),
            "huisnummer": huisnummer,
            "huisletter": letter,
            "toevoeging": toevoeging,
            "postcode": postcode,
            "woonplaats": str(raw.get("woonplaats") or ""),
            "adres_sleutel": identifiers.address_key(postcode, huisnummer, letter, toevoeging),
            "postcode_huisnummer": f"{postcode}|{huisnummer}",
        }
        return {"person": person, "address": address}

    def key(self, cleaned):
        # a person may appear on several rows (several addresses): the row key includes the address
        return f"{cleaned['person']['bron_id']}|{cleaned['address']['soort']}|{cleaned['address']['adres_sleutel']}"

    def store(self, batch, run, *, record_new):
        persons = upsert_persons([c["person"] for c in batch], run, record_new=record_new)
        existing = set(
            PersoonAdres.objects.filter(persoon__in=persons.values()).values_list(
                "persoon__bron_id", "soort", "adres_sleutel"
            )
        )
        new = []
        for c in batch:
            a = c["address"]
            key = (c["person"]["bron_id"], a["soort"], a["adres_sleutel"])
            if key in existing:
                continue
            existing.add(key)
            new.append(
                {"persoon": persons[c["person"]["bron_id"]], "access_level": AccessLevel.AFGESCHERMD, **a}
            )
        insert_rows(PersoonAdres, new)
        return len(new), 0, len(batch) - len(new)
