"""Kadastrale aanduidingen: "ENS00 K 1234", "ENS00K01234A0001", "Enschede K 1234 A1".

The key is `GEMEENTECODE SECTIE PERCEELNUMMER` plus ` A<index>` for an apartment right. A kadastrale
gemeente written by name is turned into its code through `KADASTRALE_GEMEENTEN` (a table to extend
from the Kadaster's list; unknown names are refused, never guessed).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .text import fold

#: folded name → code of the kadastrale gemeente (the region's; extend from the Kadaster's list)
KADASTRALE_GEMEENTEN = {
    "enschede": "ENS00",
    "lonneker": "LNK00",
    "hengelo": "HGL00",
    "almelo": "AMO00",
    "oldenzaal": "ODZ00",
    "losser": "LSR00",
    "haaksbergen": "HKB00",
    "borne": "BNE00",
    "delden": "DDN00",
    "zwolle": "ZWL00",
    "deventer": "DVT00",
    "amsterdam": "ASD00",
    "rotterdam": "RTD00",
    "utrecht": "UTT00",
}

_CODED = re.compile(r"^([A-Z]{3}\d{2})\s*([A-Z]{1,2})\s*0*(\d{1,5})\s*(?:([AG])\s*0*(\d{1,4}))?$")
_NAMED = re.compile(r"^(.+?)\s+([A-Z]{1,2})\s+0*(\d{1,5})\s*(?:([AG])\s*0*(\d{1,4}))?$")


class KadastraleAanduiding(NamedTuple):
    gemeentecode: str
    sectie: str
    perceelnummer: int
    appartementsindex: int | None = None

    def key(self) -> str:
        text = f"{self.gemeentecode} {self.sectie} {self.perceelnummer}"
        return f"{text} A{self.appartementsindex}" if self.appartementsindex else text


def kadastrale_aanduiding(text: str | None) -> KadastraleAanduiding | None:
    """The parts of a written kadastrale aanduiding, or None. A trailing "G 0000" (the parcel
    itself, no apartment right) counts as no index."""
    if not text:
        return None
    upper = re.sub(r"[\s\-.]+", " ", text.strip().upper())
    found = _CODED.match(upper) or _CODED.match(upper.replace(" ", ""))
    code = found.group(1) if found else None
    if not found:
        found = _NAMED.match(upper)
        if not found:
            return None
        code = KADASTRALE_GEMEENTEN.get(fold(found.group(1)))
        if code is None:
            return None
    _, sectie, nummer, kind, index = found.groups()
    apartment = int(index) if kind == "A" and index and int(index) else None
    assert code is not None
    return KadastraleAanduiding(code, sectie, int(nummer), apartment)
