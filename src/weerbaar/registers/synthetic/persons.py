"""Fictitious households at the residential addresses; a bounded reservoir of people elsewhere."""

from __future__ import annotations

import datetime as dt

import numpy as np

from .names import NamePicker

REFERENCE_DATE = dt.date(2026, 1, 1)
HOUSEHOLD_SIZES = (1, 2, 3, 4, 5, 6)
HOUSEHOLD_P = (0.37, 0.33, 0.12, 0.12, 0.045, 0.015)
NOT_INHABITED = {
    "Verblijfsobject gevormd",
    "Verblijfsobject buiten gebruik",
    "Verblijfsobject ten onrechte opgevoerd",
}


class PersonSequence:
    def __init__(self) -> None:
        self.value = 0

    def next(self) -> str:
        self.value += 1
        return f"P{self.value:09d}"


def _birth(rng: np.random.Generator, year_low: int, year_high: int) -> dt.date:
    year = int(rng.integers(year_low, max(year_high, year_low + 1)))
    return dt.date(year, 1, 1) + dt.timedelta(days=int(rng.integers(0, 365)))


def households_for(addresses: list[dict], seq: PersonSequence, rng: np.random.Generator) -> list[dict]:
    """Persons living at the given addresses; each carries its address index and household."""
    names = NamePicker(rng)
    persons: list[dict] = []
    for idx, address in enumerate(addresses):
        if address["gebruiksdoel"] != "woonfunctie" or address["status"] in NOT_INHABITED:
            continue
        size = int(rng.choice(HOUSEHOLD_SIZES, p=HOUSEHOLD_P))
        if address["kind"] == "boerderij":
            size = max(size, 2)
        if address["kind"] == "chalet":
            size = min(size, 2)
        household = f"H{seq.value + 1:09d}"
        first_geslacht = "M" if rng.random() < 0.5 else "V"
        voorvoegsel, geslachtsnaam = names.surname()
        born = _birth(rng, 1932, 2005)
        members = [(first_geslacht, voorvoegsel, geslachtsnaam, born, "volwassene")]
        adults = 1 if size == 1 or rng.random() < 0.18 else 2
        if adults == 2:
            partner_g = "V" if first_geslacht == "M" and rng.random() < 0.96 else "M"
            pv, pg = (voorvoegsel, geslachtsnaam) if rng.random() < 0.2 else names.surname()
            partner_born = born + dt.timedelta(days=int(rng.normal(0, 4 * 365)))
            members.append((partner_g, pv, pg, partner_born, "volwassene"))
        for _child in range(size - adults):
            low = born.year + 20
            high = min(born.year + 44, REFERENCE_DATE.year)
            if low >= high:
                break
            members.append(
                (
                    "M" if rng.random() < 0.51 else "V",
                    voorvoegsel,
                    geslachtsnaam,
                    _birth(rng, low, high),
                    "kind",
                )
            )
        for geslacht, vv, gn, geboortedatum, rol in members:
            persons.append(
                {
                    "persoon_id": seq.next(),
                    "voornamen": names.first_names(geslacht),
                    "voorvoegsel": vv,
                    "geslachtsnaam": gn,
                    "geslacht": geslacht,
                    "geboortedatum": geboortedatum.isoformat(),
                    "address": idx,
                    "huishouden": household,
                    "rol": rol,
                    "fictief": True,
                }
            )
    return persons


class Reservoir:
    """A fixed-size uniform sample of items seen so far (people or addresses elsewhere)."""

    def __init__(self, size: int, rng: np.random.Generator):
        self.size, self.rng, self.items, self.seen = size, rng, [], 0

    def offer(self, items: list) -> None:
        for item in items:
            self.seen += 1
            if len(self.items) < self.size:
                self.items.append(item)
            else:
                k = int(self.rng.integers(0, self.seen))
                if k < self.size:
                    self.items[k] = item

    def pick(self, rng: np.random.Generator, fallback: list | None = None):
        pool = self.items or fallback or []
        return pool[int(rng.integers(len(pool)))] if pool else None


def address_summary(address: dict) -> dict:
    """The address fields that travel with a person or company (no geometry)."""
    keys = (
        "openbare_ruimte_naam",
        "huisnummer",
        "huisletter",
        "toevoeging",
        "postcode",
        "woonplaats_naam",
        "nummeraanduiding_identificatie",
        "identificatie",
        "x",
        "y",
        "gemeentecode",
    )
    return {k: address[k] for k in keys}
