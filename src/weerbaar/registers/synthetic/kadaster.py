"""Kadastrale gemeenten (cadastral municipalities) and kadastrale aanduidingen for the region.

Kadastrale gemeenten follow the pre-merger municipalities, so their names are real historical
names; the AKR codes are real-looking (three letters, two digits), not copied from the BRK.
"""

from __future__ import annotations

from collections import defaultdict

from ..identifiers import kadastrale_aanduiding

KADASTRALE_GEMEENTEN: dict[str, tuple[tuple[str, str], ...]] = {
    "0141": (("ALO00", "Almelo"), ("ABA00", "Ambt Almelo")),
    "0147": (("BRN00", "Borne"),),
    "0148": (("DLF00", "Dalfsen"), ("NLS00", "Nieuwleusen")),
    "0150": (("DVT00", "Deventer"), ("DPV00", "Diepenveen"), ("BTM00", "Bathmen"), ("CMS00", "Colmschate")),
    "0153": (("ENS00", "Enschede"), ("LNK00", "Lonneker")),
    "0158": (("HKB00", "Haaksbergen"),),
    "0160": (
        ("HDB00", "Hardenberg"),
        ("AVR00", "Avereest"),
        ("GRB00", "Gramsbergen"),
        ("AHB00", "Ambt Hardenberg"),
    ),
    "0163": (("HLD00", "Hellendoorn"),),
    "0164": (("HGL00", "Hengelo"),),
    "0166": (("KMP00", "Kampen"), ("YSM00", "IJsselmuiden"), ("GVK00", "Grafhorst")),
    "0168": (("LSR00", "Losser"),),
    "0173": (("OZL00", "Oldenzaal"),),
    "0175": (("OMN00", "Ommen"), ("AOM00", "Ambt Ommen")),
    "0177": (("RLT00", "Raalte"), ("HNO00", "Heino")),
    "0180": (("SPH00", "Staphorst"),),
    "0183": (("TBG00", "Tubbergen"),),
    "0189": (("WDN00", "Wierden"),),
    "0193": (("ZWL00", "Zwolle"), ("ZKS00", "Zwollerkerspel")),
    "1700": (("VZV00", "Vriezenveen"), ("DHM00", "Den Ham")),
    "1708": (
        ("SWK00", "Steenwijk"),
        ("SWW00", "Steenwijkerwold"),
        ("VLH00", "Vollenhove"),
        ("BKZ00", "Blokzijl"),
        ("GTH00", "Giethoorn"),
        ("BRN01", "Brederwiede"),
    ),
    "1735": (
        ("GOR00", "Goor"),
        ("DLD00", "Delden"),
        ("AMD00", "Ambt Delden"),
        ("MKL00", "Markelo"),
        ("DPH00", "Diepenheim"),
    ),
    "1742": (("RSN00", "Rijssen"), ("HLT00", "Holten")),
    "1773": (("OLS00", "Olst"), ("WYH00", "Wijhe")),
    "1774": (("DNK00", "Denekamp"), ("OTM00", "Ootmarsum"), ("WSL00", "Weerselo")),
    "1896": (("ZWS00", "Zwartsluis"), ("HST00", "Hasselt"), ("GNM00", "Genemuiden")),
}

SECTIE_LETTERS = [c for c in "ABCDEFGHIKLMNOPQRSTUVWXYZ"]
SECTIES = SECTIE_LETTERS + [a + b for a in SECTIE_LETTERS for b in SECTIE_LETTERS]
PARCELS_PER_SECTIE = 4000


def assign_kadastrale_gemeenten(pc4s) -> dict[str, tuple[str, str]]:
    """PC4 -> (AKR code, kadastrale gemeente naam): contiguous runs of PC4s per municipality."""
    by_gemeente: dict[str, list] = defaultdict(list)
    for pc4 in pc4s:
        by_gemeente[pc4.gemeentecode].append(pc4.postcode)
    result = {}
    for gemeentecode, postcodes in by_gemeente.items():
        options = KADASTRALE_GEMEENTEN.get(gemeentecode) or (
            (f"K{gemeentecode[1:]}0", f"Kadaster {gemeentecode}"),
        )
        for rank, postcode in enumerate(sorted(postcodes)):
            result[postcode] = options[min(rank * len(options) // len(postcodes), len(options) - 1)]
    return result


class Perceelnummers:
    """Hands out sectie + perceelnummer per kadastrale gemeente, with the gaps of history."""

    def __init__(self) -> None:
        self.state: dict[str, list[int]] = {}  # code -> [sectie index, next nummer, used in sectie]

    def new_sectie(self, code: str) -> None:
        state = self.state.setdefault(code, [-1, 1, 0])
        state[0] += 1
        state[1], state[2] = 1, 0

    def next(self, code: str, rng) -> tuple[str, int]:
        state = self.state.get(code)
        if state is None or state[2] >= PARCELS_PER_SECTIE or state[1] > 90000:
            self.new_sectie(code)
            state = self.state[code]
        nummer = state[1]
        state[1] += 1 + int(rng.integers(0, 3))
        state[2] += 1
        return SECTIES[state[0] % len(SECTIES)], nummer

    def aanduiding(self, code: str, rng, appartementsindex: int | None = None) -> tuple[str, str, int]:
        sectie, nummer = self.next(code, rng)
        return kadastrale_aanduiding(code, sectie, nummer, appartementsindex), sectie, nummer
