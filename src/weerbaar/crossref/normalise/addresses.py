"""Dutch addresses: postcode, and the house number split as the BAG keeps it.

A BAG nummeraanduiding has `huisnummer` (1–99999), `huisletter` (one letter) and
`huisnummertoevoeging` (up to four letters or digits). Exports write them together in many
ways ("12-A", "12a", "12 A", "12 hs", "12 bis", "12-1"); `HUISNUMMER_RULES` says, in order,
how each way is read. The first rule whose pattern matches the whole text wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# one postcode rule for the whole platform, shared with the registers
from weerbaar.core.identifiers import postcode

from .text import fold, repair_mojibake


@dataclass(frozen=True)
class Huisnummer:
    huisnummer: int
    huisletter: str = ""
    toevoeging: str = ""

    def key(self) -> str:
        """ "12", "12A", "12-HS", "12A-1": one text per nummeraanduiding."""
        text = f"{self.huisnummer}{self.huisletter}"
        return f"{text}-{self.toevoeging}" if self.toevoeging else text


#: toevoegingen that are words, not letters: "12 hs" is huis, "12 bis" the second number 12
TOEVOEGING_WORDS = {
    "hs": "HS",
    "huis": "HS",
    "bg": "BG",
    "bel": "BG",
    "beg": "BG",
    "bis": "BIS",
    "rd": "RD",
    "rood": "RD",
    "zw": "ZW",
    "i": "I",
    "ii": "II",
    "iii": "III",
    "iv": "IV",
    "bv": "BV",
    "boven": "BOV",
    "bov": "BOV",
    "zol": "ZOL",
}

_SEP = r"[\s\-/.]*"

# (name, pattern over the folded text, meaning of the groups); order matters: the first whole match wins.
HUISNUMMER_RULES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("number only", re.compile(r"(\d{1,5})"), "n"),
    (
        "word toevoeging",
        re.compile(rf"(\d{{1,5}}){_SEP}({'|'.join(sorted(TOEVOEGING_WORDS, key=len, reverse=True))})"),
        "nw",
    ),
    (
        "letter then word",
        re.compile(
            rf"(\d{{1,5}}){_SEP}([a-z]){_SEP}({'|'.join(sorted(TOEVOEGING_WORDS, key=len, reverse=True))})"
        ),
        "nlw",
    ),
    ("letter", re.compile(rf"(\d{{1,5}}){_SEP}([a-z])"), "nl"),
    ("letter then number", re.compile(rf"(\d{{1,5}}){_SEP}([a-z]){_SEP}(\d{{1,4}})"), "nlt"),
    ("number then number", re.compile(rf"(\d{{1,5}}){_SEP}(\d{{1,4}})"), "nt"),
    ("other toevoeging", re.compile(rf"(\d{{1,5}}){_SEP}([a-z0-9]{{2,4}})"), "nt"),
)


def huisnummer(value: str | int | None) -> Huisnummer | None:
    """The BAG parts of a written house number, or None when it is not one."""
    if value is None:
        return None
    text = fold(str(value)).replace(" ", " ")
    text = text.strip(" -")
    for _name, pattern, meaning in HUISNUMMER_RULES:
        found = pattern.fullmatch(text)
        if not found:
            continue
        number = int(found.group(1))
        if not 1 <= number <= 99999:
            return None
        parts = found.groups()[1:]
        if meaning == "n":
            return Huisnummer(number)
        if meaning == "nw":
            return Huisnummer(number, "", TOEVOEGING_WORDS[parts[0]])
        if meaning == "nlw":
            return Huisnummer(number, parts[0].upper(), TOEVOEGING_WORDS[parts[1]])
        if meaning == "nl":
            return Huisnummer(number, parts[0].upper())
        if meaning == "nlt":
            return Huisnummer(number, parts[0].upper(), parts[1])
        return Huisnummer(number, "", parts[0].upper())
    return None


@dataclass(frozen=True)
class Adres:
    straat: str = ""
    nummer: Huisnummer | None = None
    postcode: str | None = None
    woonplaats: str = ""

    def nummeraanduiding_key(self) -> str | None:
        """postcode + house number parts, as the BAG identifies a nummeraanduiding; None without both."""
        if not self.postcode or not self.nummer:
            return None
        return f"{self.postcode}-{self.nummer.key()}"


_POSTCODE_IN_TEXT = re.compile(r"\b([1-9][0-9]{3})\s?([A-Za-z]{2})\b")
_STREET_AND_NUMBER = re.compile(
    r"^(?P<straat>.*?\D)\s*(?P<nummer>\d{1,5}(?:[\s\-/.]*[A-Za-z0-9]{1,4}){0,2})\s*$"
)


def adres(text: str | None) -> Adres:
    """A whole address line ("Hoofdstraat 12-A, 7511 AB Enschede", "7511ab enschede hoofdstraat 12 hs")
    into its parts; parts that cannot be found stay empty."""
    if not text:
        return Adres()
    text = repair_mojibake(text)
    code = None
    rest = text
    found = _POSTCODE_IN_TEXT.search(text)
    if found and postcode(found.group(0)):
        code = postcode(found.group(0))
        before, after = text[: found.start()], text[found.end() :]
        number = huisnummer(after.strip(" ,")) if not before.strip(" ,") else None
        if number:  # "8011 AB 12-2": postcode and number only, as a signal's subject is typed
            return Adres("", number, code, "")
        # "straat nr, postcode plaats" or "postcode plaats, straat nr"
        if "," in after:
            place, rest = after.split(",", 1)
        else:
            place, rest = after, before
        woonplaats = fold(place)
    else:
        parts = [p.strip() for p in text.split(",")]
        rest, woonplaats = parts[0], fold(" ".join(parts[1:]))
    rest = rest.strip(" ,")
    street_number = _STREET_AND_NUMBER.match(rest)
    if street_number:
        return Adres(fold(street_number["straat"]), huisnummer(street_number["nummer"]), code, woonplaats)
    if rest[:1].isdigit() and (number := huisnummer(rest)):  # "12 a, 8011 AB Zwolle": no street given
        return Adres("", number, code, woonplaats)
    return Adres(fold(rest), None, code, woonplaats)
