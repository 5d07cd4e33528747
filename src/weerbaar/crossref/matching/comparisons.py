"""Per-property comparisons: each turns a list of pairs into comparison levels.

Level 0 means "cannot say" (a value is missing on either side) and weighs nothing; levels 1..k go
from the strongest agreement to disagreement (the last). String similarities come from rapidfuzz's
`process.cpdist` (pair-wise, in C) over the paired columns; the Dutch specifics (roepnamen,
married names, swapped day and month) are checked per pair only where the similarity is low.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler

from .records import Records

Levels = np.ndarray


def _pairwise(
    left: list[str], right: list[str], li: np.ndarray, ri: np.ndarray, scorer: Callable
) -> np.ndarray:
    if len(li) == 0:
        return np.zeros(0)
    a = np.asarray(left, dtype=object)[li]
    b = np.asarray(right, dtype=object)[ri]
    return np.asarray(process.cpdist(a, b, scorer=scorer, workers=1), dtype=np.float64)


def _missing(left: list[str], right: list[str], li: np.ndarray, ri: np.ndarray) -> np.ndarray:
    lm = np.array([not v for v in left], dtype=bool)
    rm = np.array([not v for v in right], dtype=bool)
    return lm[li] | rm[ri]


def _ladder(missing: np.ndarray, rules: list[np.ndarray]) -> Levels:
    """Level of each pair: 0 when missing, else the first rule that holds (1-based), else the last level."""
    levels = np.full(missing.shape, len(rules) + 1, dtype=np.int8)
    for index in range(len(rules) - 1, -1, -1):
        levels[rules[index]] = index + 1
    levels[missing] = 0
    return levels


@dataclass(frozen=True)
class Comparison:
    """A property compared by a ladder of levels; `labels` name levels 1..k (the last: disagrees)."""

    name: str
    labels: tuple[str, ...]
    compute: Callable[[Records, Records, np.ndarray, np.ndarray], Levels]
    #: says who it is (names, birth date, identifiers), not where (the address a household shares)
    identifying: bool = False
    #: shared within a household like the address (the surname), so it cannot tell its members apart
    household: bool = False


def first_name(L: Records, R: Records, li: np.ndarray, ri: np.ndarray) -> Levels:
    jw = _pairwise(L.first_name, R.first_name, li, ri, JaroWinkler.normalized_similarity)
    missing = _missing(L.first_name, R.first_name, li, ri) & _missing(L.initials, R.initials, li, ri)
    # a roepnaam and its formal name ("Hans", "Johannes") count as the same name
    exact = (jw >= 1.0) | ((L.first_formal[li] == R.first_formal[ri]) & (L.first_formal[li] != ""))
    # one side only initials: the initials agreeing is all that can be said
    only_initials = _missing(L.first_name, R.first_name, li, ri) & ~missing
    ini_l = np.array([s[:1] for s in L.initials], dtype=object)[li]
    ini_r = np.array([s[:1] for s in R.initials], dtype=object)[ri]
    crossed = _pairwise(L.first_name, R.surname, li, ri, JaroWinkler.normalized_similarity) >= 0.92
    return _ladder(
        missing,
        [
            exact & ~only_initials,
            (jw >= 0.92) & ~only_initials,
            (jw >= 0.8) & ~only_initials,
            ini_l == ini_r,
            crossed,
        ],
    )


FIRST_NAME = Comparison(
    "first_name",
    (
        "exact or roepnaam",
        "jaro-winkler ≥ 0.92",
        "jaro-winkler ≥ 0.8",
        "initial agrees",
        "swapped with surname",
        "differs",
    ),
    first_name,
    identifying=True,
)


def surname(L: Records, R: Records, li: np.ndarray, ri: np.ndarray) -> Levels:
    jw = _pairwise(L.surname, R.surname, li, ri, JaroWinkler.normalized_similarity)
    missing = _missing(L.surname, R.surname, li, ri)
    exact = jw >= 1.0
    # married names: "Jansen-de Vries" agrees with "de Vries" on either surname
    for k in np.flatnonzero(~exact & (jw < 0.92) & (L.married[li] | R.married[ri])):
        a, b = L.records[li[k]].surnames, R.records[ri[k]].surnames
        if set(a) & set(b):
            exact[k] = True
    crossed = _pairwise(L.surname, R.first_name, li, ri, JaroWinkler.normalized_similarity) >= 0.92
    return _ladder(missing, [exact, jw >= 0.92, jw >= 0.8, crossed])


SURNAME = Comparison(
    "surname",
    (
        "exact or one of a married name",
        "jaro-winkler ≥ 0.92",
        "jaro-winkler ≥ 0.8",
        "swapped with first name",
        "differs",
    ),
    surname,
    identifying=True,
    household=True,
)


def name(L: Records, R: Records, li: np.ndarray, ri: np.ndarray) -> Levels:
    """Company names: token sets, so word order and legal forms do not count."""
    ratio = _pairwise(L.name, R.name, li, ri, _token_set)
    return _ladder(_missing(L.name, R.name, li, ri), [ratio >= 100, ratio >= 90, ratio >= 75])


def _token_set(a: str, b: str, **kwargs: object) -> float:
    from rapidfuzz import fuzz

    return fuzz.token_set_ratio(a, b)


NAME = Comparison(
    "name", ("same words", "token set ≥ 90", "token set ≥ 75", "differs"), name, identifying=True
)


def birth_date(L: Records, R: Records, li: np.ndarray, ri: np.ndarray) -> Levels:
    """yyyymmdd: exact; day and month swapped or one typo; same year; differs."""
    missing = _missing(L.birth, R.birth, li, ri)
    distance = _pairwise(L.birth, R.birth, li, ri, DamerauLevenshtein.distance)
    near = (distance <= 1) | ((L.birth_swapped[li] == np.asarray(R.birth, dtype=object)[ri]) & ~missing)
    # an ambiguous date read the other way round on one side agrees with one of its candidates
    for k in np.flatnonzero(~near & ~missing & (L.birth_ambiguous[li] | R.birth_ambiguous[ri])):
        left, right = L.records[li[k]].birth, R.records[ri[k]].birth
        if len(left) > 1 or len(right) > 1:
            near[k] = bool(set(left) & set(right))
    year_l = np.array([s[:4] for s in L.birth], dtype=object)[li]
    year_r = np.array([s[:4] for s in R.birth], dtype=object)[ri]
    return _ladder(missing, [distance == 0, near, year_l == year_r])


BIRTH_DATE = Comparison(
    "birth_date",
    ("exact", "swapped day/month or one typo", "same year", "differs"),
    birth_date,
    identifying=True,
)


def _identifier(L: Records, R: Records, li: np.ndarray, ri: np.ndarray) -> Levels:
    left = [min(r.identifiers) if r.identifiers else "" for r in L.records]
    right = [min(r.identifiers) if r.identifiers else "" for r in R.records]
    missing = _missing(left, right, li, ri)
    exact = np.zeros(len(li), dtype=bool)
    for k in np.flatnonzero(~missing):
        exact[k] = bool(L.records[li[k]].identifiers & R.records[ri[k]].identifiers)
    distance = _pairwise(left, right, li, ri, DamerauLevenshtein.distance)
    return _ladder(missing, [exact, distance <= 1])


IDENTIFIER = Comparison("identifier", ("exact", "one typo", "differs"), _identifier, identifying=True)


def _column(column: str, typo: bool) -> Callable[[Records, Records, np.ndarray, np.ndarray], Levels]:
    def compute(L: Records, R: Records, li: np.ndarray, ri: np.ndarray) -> Levels:
        left, right = getattr(L, column), getattr(R, column)
        missing = _missing(left, right, li, ri)
        if typo:
            distance = _pairwise(left, right, li, ri, DamerauLevenshtein.distance)
            return _ladder(missing, [distance == 0, distance <= 1])
        jw = _pairwise(left, right, li, ri, JaroWinkler.normalized_similarity)
        return _ladder(missing, [jw >= 1.0, jw >= 0.9, jw >= 0.8])

    return compute


POSTCODE = Comparison("postcode", ("exact", "one typo", "differs"), _column("postcode", typo=True))


def number(L: Records, R: Records, li: np.ndarray, ri: np.ndarray) -> Levels:
    """House numbers: the whole key, else the huisnummer without letter or toevoeging, else one typo."""
    missing = _missing(L.number, R.number, li, ri)
    distance = _pairwise(L.number, R.number, li, ri, DamerauLevenshtein.distance)
    same_number = L.huisnummer[li] == R.huisnummer[ri]
    return _ladder(missing, [distance == 0, same_number, distance <= 1])


NUMBER = Comparison(
    "number", ("exact", "same number, letter or toevoeging differs", "one typo", "differs"), number
)
STREET = Comparison(
    "street", ("exact", "jaro-winkler ≥ 0.9", "jaro-winkler ≥ 0.8", "differs"), _column("street", typo=False)
)
PLACE = Comparison(
    "place", ("exact", "jaro-winkler ≥ 0.9", "jaro-winkler ≥ 0.8", "differs"), _column("place", typo=False)
)

#: the comparisons of each kind of record
COMPARISONS: dict[str, tuple[Comparison, ...]] = {
    "person": (FIRST_NAME, SURNAME, BIRTH_DATE, IDENTIFIER, POSTCODE, NUMBER, STREET, PLACE),
    "company": (NAME, IDENTIFIER, POSTCODE, NUMBER, STREET, PLACE),
    "address": (POSTCODE, NUMBER, STREET, PLACE),
}
