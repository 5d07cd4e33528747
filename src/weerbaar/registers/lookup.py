"""Parsing and scoring for look-ups: Dutch address notation and Dutch name rules. No database here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz

from . import identifiers

_ADDRESS_RE = re.compile(
    r"^\s*(?P<pc>[1-9][0-9]{3}\s*[A-Za-z]{2})\s*[,;]?\s*(?P<nr>[0-9]{1,5})"
    r"(?:\s*(?P<letter>[A-Za-z])(?![A-Za-z0-9]))?"
    r"(?:\s*[-/ ]?\s*(?P<toev>[A-Za-z0-9]{1,4}))?\s*$"
)


@dataclass(frozen=True)
class AddressQuery:
    postcode: str
    huisnummer: int
    huisletter: str = ""
    toevoeging: str = ""

    def candidate_keys(self) -> list[str]:
        """Exact keys to try, most likely reading first ('12 A' may be huisletter or toevoeging)."""
        readings = [(self.huisletter, self.toevoeging)]
        if self.huisletter and not self.toevoeging:
            readings.append(("", self.huisletter))
        if (
            self.toevoeging
            and not self.huisletter
            and len(self.toevoeging) == 1
            and self.toevoeging.isalpha()
        ):
            readings.append((self.toevoeging, ""))
        return [
            identifiers.address_key(self.postcode, self.huisnummer, letter, toev) for letter, toev in readings
        ]

    @property
    def postcode_huisnummer(self) -> str:
        return f"{self.postcode}|{self.huisnummer}"


def parse_address(text: str) -> AddressQuery | None:
    """'7411 ab 12', '7411AB 12a', '7411AB 12-2', '7411AB 12 A 3' -> AddressQuery; else None."""
    match = _ADDRESS_RE.match(text or "")
    if not match:
        return None
    postcode = identifiers.normalise_postcode(match["pc"])
    if not identifiers.is_postcode(postcode):
        return None
    return AddressQuery(
        postcode, int(match["nr"]), (match["letter"] or "").upper(), (match["toev"] or "").upper()
    )


@dataclass(frozen=True)
class NameQuery:
    voornamen: tuple[str, ...]
    voorvoegsel: str
    geslachtsnaam: str

    @cached_property
    def key(self) -> str:
        return identifiers.name_key(self.geslachtsnaam, self.voorvoegsel or "-")

    @cached_property
    def initials(self) -> str:
        return "".join(n[0] for n in self.voornamen).upper()

    @cached_property
    def only_initials(self) -> bool:
        return all(len(n) == 1 for n in self.voornamen)

    @cached_property
    def folded_voornamen(self) -> tuple[str, ...]:
        return tuple(identifiers.strip_diacritics(n).lower() for n in self.voornamen)


def parse_name(text: str) -> NameQuery:
    """'Jan van der Berg', 'J.W. van der Berg', 'Berg, van der', 'Berg, J. van der', 'van Dijk'."""
    text = _ABBREVIATED_PREFIX.sub(" van der ", f" {text or ''} ")
    text = " ".join(text.replace(".", ". ").split())
    if "," in text:
        surname, _, rest = text.partition(",")
        tokens = rest.split()
        prefix = [t for t in tokens if t.lower() in _PREFIX_WORDS]
        given = [t for t in tokens if t.lower() not in _PREFIX_WORDS]
        return NameQuery(_given(given), " ".join(prefix).lower(), surname.strip())
    tokens = text.split()
    for i, token in enumerate(tokens[:-1]):
        if token.lower() in _PREFIX_WORDS:
            return NameQuery(_given(tokens[:i]), " ".join(tokens[i:-1]).lower(), tokens[-1])
    if not tokens:
        return NameQuery((), "", "")
    return NameQuery(_given(tokens[:-1]), "", tokens[-1])


_ABBREVIATED_PREFIX = re.compile(r"\s(?:v\.\s*d\.?|vd\.?|v\.\s*den|v\.)(?=\s)", re.IGNORECASE)
_PREFIX_WORDS = {
    "van",
    "de",
    "der",
    "den",
    "het",
    "'t",
    "ter",
    "ten",
    "te",
    "in",
    "op",
    "uit",
    "la",
    "le",
    "du",
    "von",
    "vd",
    "v.d.",
    "d'",
}


def _given(tokens: list[str]) -> tuple[str, ...]:
    result: list[str] = []
    for token in tokens:
        token = token.strip(".")
        if not token:
            continue
        if token.isupper() and len(token) <= 3 and len(token) > 1:  # 'JW' as initials
            result.extend(token)
        else:
            result.append(token)
    return tuple(result)


@dataclass(frozen=True)
class NameScore:
    """How well a stored person matches a name query; `explanation` says why (algorithm register)."""

    score: float
    surname: float
    given: float
    explanation: str


def score_name(query: NameQuery, voornamen: str, naam_sleutel: str) -> NameScore:
    """Surname 70 %, first names or initials 30 %; diacritics, case and voorvoegsel do not count."""
    return NameScorer(query)(voornamen, naam_sleutel)


def _given_score(query: NameQuery, voornamen: str) -> tuple[float, str]:
    stored = [identifiers.strip_diacritics(n).lower() for n in voornamen.split()]
    stored_initials = "".join(n[0] for n in stored).upper()
    if query.only_initials:
        if stored_initials.startswith(query.initials):
            given = 100.0
        else:
            given = 60.0 if query.initials[:1] == stored_initials[:1] else 0.0
        return given, f"voorletters {query.initials} ~ {stored_initials}"
    wanted = query.folded_voornamen
    given = sum(max((fuzz.ratio(w, s) for s in stored), default=0) for w in wanted) / len(wanted)
    return given, f"voornamen {given:.0f}"


class NameScorer:
    """score_name for many candidates of one query, reusing surname and first-name scores."""

    def __init__(self, query: NameQuery):
        self.query = query
        self._surname: dict[str, float] = {}
        self._given: dict[str, tuple[float, str]] = {}

    def __call__(self, voornamen: str, naam_sleutel: str) -> NameScore:
        surname = self._surname.get(naam_sleutel)
        if surname is None:
            surname = self._surname[naam_sleutel] = fuzz.ratio(self.query.key, naam_sleutel)
        if not self.query.voornamen:
            return NameScore(surname, surname, 0.0, f"achternaam {surname:.0f}")
        given = self._given.get(voornamen)
        if given is None:
            given = self._given[voornamen] = _given_score(self.query, voornamen)
        total = 0.7 * surname + 0.3 * given[0]
        return NameScore(total, surname, given[0], f"achternaam {surname:.0f}, {given[1]}")
