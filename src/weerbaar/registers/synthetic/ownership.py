"""Who registers what: companies at addresses, and the zakelijk gerechtigden of every parcel."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from .companies import CompanyFactory
from .parcels import BLOOT, EIGENDOM, ERFPACHT, natural, non_natural

HOME_BUSINESS_SHARE = 0.19
HOLDING_SHARE = 0.03
MOVED_SHARE = 0.06


class Organisations:
    """Public and housing bodies per municipality, created (and registered in KvK) on first use."""

    KINDS = {
        "gemeente": ("Gemeente {g}", "Publiekrechtelijke rechtspersoon"),
        "corporatie": ("Woonstichting {g}", "Stichting"),
        "natuur": ("Stichting Landschap en Natuur {g}", "Stichting"),
        "waterschap": ("Waterschap Overijsselse Vechtdelta", "Publiekrechtelijke rechtspersoon"),
    }

    def __init__(self, factory: CompanyFactory, gemeenten: dict[str, str]):
        self.factory, self.gemeenten, self.known = factory, gemeenten, {}

    def get(self, kind: str, gemeentecode: str, address: dict, new: list[dict]) -> dict:
        key = (kind, gemeentecode if kind != "waterschap" else "")
        if key not in self.known:
            template, rechtsvorm = self.KINDS[kind]
            naam = template.format(g=self.gemeenten.get(gemeentecode, gemeentecode))
            company = self.factory.create("holding", address, [], label=naam)
            company.update(
                naam=naam,
                handelsnamen=[naam],
                rechtsvorm=rechtsvorm,
                setting=kind,
                rsin=company["rsin"] or self.factory.numbers.next_rsin(),
                sbi=[("8411", "Algemeen overheidsbestuur")]
                if "Publiek" in rechtsvorm
                else [("6820", "Verhuur van overig onroerend goed")],
            )
            company["vestigingen"][0]["eersteHandelsnaam"] = naam
            self.known[key] = company
            new.append(company)
        return self.known[key]


def register_companies(addresses, residents, factory: CompanyFactory, elsewhere, rng) -> list[dict]:
    """Companies at the addresses of one PC4: businesses, shops, farms, home businesses, parks."""
    companies: list[dict] = []
    for idx, address in enumerate(addresses):
        kind = address["kind"]
        people = [p for p in residents.get(idx, []) if p["rol"] == "volwassene"]
        setting = None
        if kind == "bedrijf":
            setting = "bedrijf"
        elif kind == "winkel":
            setting = "winkel"
        elif kind == "boerderij" and people:
            setting = "boerderij"
        elif kind == "receptie":
            setting = "park"
        elif kind == "chalet" and rng.random() < 0.03:
            setting = "chalet"
        elif kind == "woonboot" and rng.random() < 0.1:
            setting = "woonboot"
        elif kind in ("woning", "appartement") and people:
            roll = rng.random()
            setting = (
                "thuis"
                if roll < HOME_BUSINESS_SHARE
                else "holding"
                if roll < HOME_BUSINESS_SHARE + HOLDING_SHARE
                else None
            )
        if setting is None:
            continue
        officers = people[:1] if setting in ("thuis", "holding", "winkel") else people[:2]
        if not officers:
            other = elsewhere.pick(rng)
            officers = [other] if other else []
        label = address["openbare_ruimte_naam"] if setting == "park" else ""
        moved = rng.random() < MOVED_SHARE and elsewhere.items
        start_address = elsewhere.pick(rng)["_address"] if moved else address
        company = factory.create(setting, start_address, officers, label=label)
        if moved:
            factory.move(company, address)
        company["_address_index"] = idx
        companies.append(company)
        if setting == "bedrijf" and rng.random() < 0.25:  # a second establishment elsewhere
            other = elsewhere.pick(rng)
            if other:
                factory.add_vestiging(company, other["_address"], hoofd=False)
    return companies


def owners_for_lot(
    lot, addresses, residents, companies_at, orgs, elsewhere, gemeentecode, rng, new_orgs
) -> list[list[dict]]:
    """Zakelijk gerechtigden per kadastraal object of one lot (one list per object)."""
    kind = lot["kind"]
    first = addresses[lot["addresses"][0]] if lot["addresses"] else None
    if kind == "appartement":
        return [
            _dwelling_owners(
                i, addresses, residents, orgs, elsewhere, gemeentecode, rng, new_orgs, urban=True
            )
            for i in lot["addresses"]
        ]
    if kind in ("woning", "boerderij", "winkel"):
        idx = lot["addresses"][0]
        for i in lot["addresses"]:
            if residents.get(i):
                idx = i
        if kind == "winkel" and idx in companies_at and rng.random() < 0.3:
            return [[non_natural(companies_at[idx][0])]]
        return [
            _dwelling_owners(
                idx,
                addresses,
                residents,
                orgs,
                elsewhere,
                gemeentecode,
                rng,
                new_orgs,
                urban=kind != "boerderij",
            )
        ]
    if kind == "bedrijf":
        company = next((companies_at[i][0] for i in lot["addresses"] if i in companies_at), None)
        if company is None:
            return [[non_natural(orgs.get("gemeente", gemeentecode, first, new_orgs))]]
        if rng.random() < 0.3:
            return [
                [
                    non_natural(orgs.get("gemeente", gemeentecode, first, new_orgs), BLOOT),
                    non_natural(company, ERFPACHT),
                ]
            ]
        return [[non_natural(company)]]
    if kind in ("chalet", "receptie"):
        exploitant = next((companies_at[i][0] for i in lot["addresses"] if i in companies_at), None)
        owner = elsewhere.pick(rng)
        if kind == "chalet" and owner and rng.random() < 0.7:
            return [[natural(owner, owner["_address"])]]
        return [[non_natural(exploitant or orgs.get("gemeente", gemeentecode, first, new_orgs))]]
    if kind == "woonwagen":
        return [[non_natural(orgs.get("gemeente", gemeentecode, first, new_orgs))]]
    return [[]]


def _dwelling_owners(
    idx, addresses, residents, orgs, elsewhere, gemeentecode, rng, new_orgs, urban
) -> list[dict]:
    adults = [p for p in residents.get(idx, []) if p["rol"] == "volwassene"]
    roll = rng.random()
    if adults and roll < (0.55 if urban else 0.8):
        share = len(adults)
        return [natural(p, addresses[idx], (1, share)) for p in adults]
    if urban and roll < 0.93:
        return [non_natural(orgs.get("corporatie", gemeentecode, addresses[idx], new_orgs))]
    landlord = elsewhere.pick(rng)
    if landlord:
        return [natural(landlord, landlord["_address"])]
    return [non_natural(orgs.get("corporatie", gemeentecode, addresses[idx], new_orgs))]


def field_owners(
    field_xy, farms_xy, farm_people, orgs, elsewhere, gemeentecode, first_address, rng, new_orgs
) -> list[dict]:
    """Owner of a field: mostly the nearest farmer, else municipality, nature body, water board, private."""
    roll = rng.random()
    if len(farms_xy) and roll < 0.65:
        nearest = int(np.argmin(np.hypot(farms_xy[:, 0] - field_xy[0], farms_xy[:, 1] - field_xy[1])))
        people, address = farm_people[nearest]
        if people:
            return [natural(people[0], address)]
    if roll < 0.75:
        return [non_natural(orgs.get("gemeente", gemeentecode, first_address, new_orgs))]
    if roll < 0.85:
        return [non_natural(orgs.get("natuur", gemeentecode, first_address, new_orgs))]
    if roll < 0.88:
        return [non_natural(orgs.get("waterschap", gemeentecode, first_address, new_orgs))]
    owner = elsewhere.pick(rng)
    if owner:
        return [natural(owner, owner["_address"])]
    return [non_natural(orgs.get("gemeente", gemeentecode, first_address, new_orgs))]


def residents_by_address(persons: list[dict]) -> dict[int, list[dict]]:
    result: dict[int, list[dict]] = defaultdict(list)
    for person in persons:
        result[person["address"]].append(person)
    return result


__all__ = [
    "EIGENDOM",
    "Organisations",
    "field_owners",
    "owners_for_lot",
    "register_companies",
    "residents_by_address",
]
