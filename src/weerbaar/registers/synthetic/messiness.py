"""The imperfections of real partner exports: spelling variants, missing toevoegingen,
postcodes typed with spaces or in lower case, people registered at several addresses."""

from __future__ import annotations

import numpy as np

from .names import spelling_variant

SPELLING_RATE = 0.04
MISSING_TOEVOEGING_RATE = 0.12
POSTCODE_FORMAT_RATE = 0.08
SECOND_ADDRESS_RATE = 0.03


def messy_address(address: dict, rng: np.random.Generator) -> dict:
    """Address columns as a partner would type them; BAG itself stays clean."""
    straat = address["openbare_ruimte_naam"]
    if rng.random() < SPELLING_RATE:
        straat = spelling_variant(straat, rng)
    toevoeging = address["toevoeging"]
    if toevoeging and rng.random() < MISSING_TOEVOEGING_RATE:
        toevoeging = ""
    postcode = address["postcode"]
    if rng.random() < POSTCODE_FORMAT_RATE:
        postcode = f"{postcode[:4]} {postcode[4:]}" if rng.random() < 0.7 else postcode.lower()
    return {
        "straat": straat,
        "huisnummer": address["huisnummer"],
        "huisletter": address["huisletter"],
        "toevoeging": toevoeging,
        "postcode": postcode,
        "plaats": address["woonplaats_naam"],
    }


def persons_rows(persons: list[dict], addresses: list[dict], elsewhere, rng: np.random.Generator):
    """Rows of the persons export; some people also appear at a second (brief)adres."""
    for person in persons:
        address = messy_address(addresses[person["address"]], rng)
        yield _row(person, address, "woonadres")
        if person["rol"] == "volwassene" and rng.random() < SECOND_ADDRESS_RATE:
            other = elsewhere.pick(rng)
            if other is not None:
                yield _row(person, messy_address(other["_address"], rng), "briefadres")


def _row(person: dict, address: dict, soort: str) -> dict:
    return {
        "persoon_id": person["persoon_id"],
        "voornamen": person["voornamen"],
        "voorvoegsel": person["voorvoegsel"],
        "geslachtsnaam": person["geslachtsnaam"],
        "geslacht": person["geslacht"],
        "geboortedatum": person["geboortedatum"],
        "straat": address["straat"],
        "huisnummer": address["huisnummer"],
        "huisletter": address["huisletter"],
        "toevoeging": address["toevoeging"],
        "postcode": address["postcode"],
        "woonplaats": address["plaats"],
        "adres_soort": soort,
        "fictief": "ja",
    }
