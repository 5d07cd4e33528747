"""Test factories for register rows (used by the tests of every app that reads the registers)."""

from __future__ import annotations

from typing import Any

from weerbaar.core.access import AccessLevel

from . import identifiers
from .models import AdresseerbaarObject


def make_address(
    *, postcode: str, huisnummer: int, huisletter: str = "", toevoeging: str = "", **fields: Any
) -> AdresseerbaarObject:
    """An openbaar verblijfsobject with its look-up keys derived as the importers derive them."""
    values: dict[str, Any] = {
        "soort": AdresseerbaarObject.Soort.VERBLIJFSOBJECT,
        "woonplaats_naam": "Zwolle",
        "access_level": AccessLevel.OPENBAAR,
        **fields,
    }
    return AdresseerbaarObject.objects.create(
        postcode=postcode,
        huisnummer=huisnummer,
        huisletter=huisletter,
        toevoeging=toevoeging,
        adres_sleutel=identifiers.address_key(postcode, huisnummer, huisletter, toevoeging),
        postcode_huisnummer=f"{postcode}|{huisnummer}",
        **values,
    )
