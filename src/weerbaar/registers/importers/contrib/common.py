"""Helpers shared by the importers that carry persons (BRK owners, KvK officers, person lists)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from weerbaar.core.access import AccessLevel

from ... import identifiers
from ...models import Persoon


def parse_date(value: Any, field: str, problems: list) -> dt.date | None:
    """ISO dates, KvK's yyyymmdd and Dutch dd-mm-yyyy."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if len(text) == 10 and text[4] == "-":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    for fmt in ("%Y-%m-%d", "%Y%m%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    problems.append((field, f"{text!r} is geen datum"))
    return None


def person_values(
    bron_id: str,
    voornamen: str,
    voorvoegsel: str,
    geslachtsnaam: str,
    geboortedatum: Any,
    problems: list,
    *,
    geslacht: str = "",
    fictief: bool = False,
    prefix: str = "",
) -> dict[str, Any]:
    if not bron_id:
        problems.append((f"{prefix}identificatie", "ontbreekt"))
    if not geslachtsnaam:
        problems.append((f"{prefix}geslachtsnaam", "ontbreekt"))
    voorvoegsel = (voorvoegsel or "").strip()
    geslachtsnaam = (geslachtsnaam or "").strip()
    if not voorvoegsel:
        voorvoegsel, geslachtsnaam = identifiers.split_voorvoegsel(geslachtsnaam)
    return {
        "bron_id": bron_id,
        "voornamen": (voornamen or "").strip(),
        "voorvoegsel": voorvoegsel,
        "geslachtsnaam": geslachtsnaam,
        "geslacht": (geslacht or "")[:1],
        "geboortedatum": parse_date(geboortedatum, f"{prefix}geboortedatum", problems),
        "naam_sleutel": identifiers.name_key(geslachtsnaam, voorvoegsel or "-"),
        "voornaam_sleutel": identifiers.strip_diacritics((voornamen or "").split(" ")[0]).lower()[:100],
        "fictief": bool(fictief),
    }


def upsert_persons(people: list[dict[str, Any]], run: Any, *, record_new: bool) -> dict[str, Persoon]:
    """Store the persons (deduplicated on bron_id) and return them by bron_id."""
    from ...mutations import upsert

    unique = list({p["bron_id"]: p for p in people}.values())
    if unique:
        upsert(Persoon, "bron_id", unique, run, access_level=AccessLevel.AFGESCHERMD, record_new=record_new)
    return Persoon.objects.only("pk", "bron_id").in_bulk([p["bron_id"] for p in unique], field_name="bron_id")


def is_fictief(document: dict) -> bool:
    return bool(document.get("fictief"))
