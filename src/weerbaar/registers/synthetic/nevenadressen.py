"""Nevenadressen: a few verblijfsobjecten also have an address on another street.

Nevenadressen belong mostly to shops and businesses on a corner and to farms reached from a
side road. Here a share of those verblijfsobjecten (shops, businesses, farms) gets one, on
another street of the same woonplaats in the same PC4 area, at that street's next free number.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..identifiers import address_key
from .buildings import Context

#: share of the shops, businesses and farms with a nevenadres
SHARE = 0.15
KINDS = frozenset({"winkel", "bedrijf", "boerderij"})


def nevenadressen(
    addresses: list[dict[str, Any]], ctx: Context, rng: np.random.Generator
) -> list[dict[str, Any]]:
    """New nevenadres rows ({object_id, object_type, address fields, nummeraanduiding})."""
    streets: dict[str, dict[str, Any]] = {}
    taken = set()
    for a in addresses:
        taken.add(address_key(a["postcode"], a["huisnummer"], a["huisletter"], a["toevoeging"]))
        street = streets.setdefault(
            a["openbare_ruimte_identificatie"],
            {
                "naam": a["openbare_ruimte_naam"],
                "woonplaats": a["woonplaats_naam"],
                "laatste": 0,
                "postcode": "",
            },
        )
        if a["huisnummer"] >= street["laatste"] and a["postcode"]:
            street["laatste"], street["postcode"] = a["huisnummer"], a["postcode"]
    candidates = [a for a in addresses if a["object_type"] == "verblijfsobject" and a.get("kind") in KINDS]
    result = []
    for a, chosen in zip(candidates, rng.random(len(candidates)) < SHARE, strict=True):
        if not chosen:
            continue
        others = [
            (key, s)
            for key, s in streets.items()
            if key != a["openbare_ruimte_identificatie"]
            and s["woonplaats"] == a["woonplaats_naam"]
            and s["postcode"]
        ]
        if not others:
            continue
        street_id, street = others[int(rng.integers(len(others)))]
        number = street["laatste"] + 1
        while address_key(street["postcode"], number, "", "") in taken:
            number += 1
        street["laatste"] = number
        taken.add(address_key(street["postcode"], number, "", ""))
        result.append(
            {
                "object_id": a["identificatie"],
                "object_type": a["object_type"],
                "nummeraanduiding_identificatie": ctx.sequences.next(a["gemeentecode"], "20"),
                "openbare_ruimte_identificatie": street_id,
                "openbare_ruimte_naam": street["naam"],
                "huisnummer": number,
                "huisletter": "",
                "toevoeging": "",
                "postcode": street["postcode"],
                "woonplaats_naam": street["woonplaats"],
                "gemeentecode": a["gemeentecode"],
                "x": a["x"],
                "y": a["y"],
            }
        )
    return result
