"""Company names: the legal form as a separate field, trade names split off, a comparison key.

`RECHTSVORMEN` is the table: each way of writing a legal form (folded, at the start or the end of
the name) → its code. "Jansen Bouw B.V.", "Jansen Bouw BV" and "Jansen Bouw Besloten Vennootschap"
all become name "jansen bouw", rechtsvorm "BV". `HANDELSNAAM_MARKERS` split "A h.o.d.n. B".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import fold

RECHTSVORMEN: dict[str, str] = {
    "besloten vennootschap met beperkte aansprakelijkheid": "BV",
    "besloten vennootschap": "BV",
    "b v": "BV",
    "bv": "BV",
    "naamloze vennootschap": "NV",
    "n v": "NV",
    "nv": "NV",
    "vennootschap onder firma": "VOF",
    "v o f": "VOF",
    "vof": "VOF",
    "commanditaire vennootschap": "CV",
    "c v": "CV",
    "cv": "CV",
    "cooperatie u a": "COOPERATIE",
    "cooperatie b a": "COOPERATIE",
    "cooperatie w a": "COOPERATIE",
    "cooperatieve vereniging": "COOPERATIE",
    "cooperatie": "COOPERATIE",
    "coop u a": "COOPERATIE",
    "u a": "COOPERATIE",
    "stichting": "STICHTING",
    "stg": "STICHTING",
    "vereniging": "VERENIGING",
    "ver": "VERENIGING",
    "maatschap": "MAATSCHAP",
    "eenmanszaak": "EENMANSZAAK",
    "onderlinge waarborgmaatschappij": "OWM",
    "bvba": "BVBA",
    "gmbh": "GMBH",
    "ltd": "LTD",
    "limited": "LTD",
    "sarl": "SARL",
}
_FORMS_LONGEST = sorted(RECHTSVORMEN, key=len, reverse=True)
#: left over after the legal form: "in oprichting" and the bare "i o"
IN_OPRICHTING = ("in oprichting", "i o")

HANDELSNAAM_MARKERS = re.compile(
    r"\s+(?:t\.?h\.?o\.?d\.?n\.?|h\.?o\.?d\.?n\.?|h/o/d/n|handelend onder de naam|handelend onder de namen|"
    r"ook handelend als|tevens handelend als|h\.?o\.?n\.?)\s+",
    re.IGNORECASE,
)
#: words that say nothing about which company it is
STOPWOORDEN = frozenset({"de", "het", "en", "&", "the", "van", "a"})


@dataclass(frozen=True)
class Bedrijfsnaam:
    naam: str
    rechtsvorm: str = ""
    handelsnamen: tuple[str, ...] = ()
    in_oprichting: bool = False

    def key(self) -> str:
        """Tokens of the name without stop words, sorted: word order and "&" vs "en" do not count."""
        return " ".join(sorted(t for t in self.naam.replace("'", "").split() if t not in STOPWOORDEN))


def _strip_form(folded: str) -> tuple[str, str, bool]:
    rechtsvorm, oprichting = "", False
    for tail in IN_OPRICHTING:
        if folded.endswith(" " + tail):
            folded, oprichting = folded[: -len(tail) - 1].strip(), True
    # "Coöperatie Boerenbelang U.A.": a form may be written at both ends
    for _ in range(2):
        for form in _FORMS_LONGEST:
            if folded.endswith(" " + form):
                folded, rechtsvorm = folded[: -len(form) - 1].strip(), rechtsvorm or RECHTSVORMEN[form]
                break
            if folded.startswith(form + " "):
                folded, rechtsvorm = folded[len(form) + 1 :].strip(), rechtsvorm or RECHTSVORMEN[form]
                break
        else:
            break
    return folded, rechtsvorm, oprichting


def bedrijfsnaam(text: str | None) -> Bedrijfsnaam:
    """A company name as written → name (folded), legal form code, trade names (each without legal form)."""
    if not text:
        return Bedrijfsnaam("")
    parts = HANDELSNAAM_MARKERS.split(text)
    # "B.V." folds to "b v"; a comma before the legal form is punctuation too
    naam, rechtsvorm, oprichting = _strip_form(fold(parts[0]))
    handelsnamen = tuple(_strip_form(fold(p))[0] for p in parts[1:] if fold(p))
    return Bedrijfsnaam(naam, rechtsvorm, handelsnamen, oprichting)
