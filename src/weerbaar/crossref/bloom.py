"""Bloom-filter encodings of persons for the fuzzy hit / no-hit question (privacy-preserving
record linkage as in Schnell, Bachteler & Reiher 2009 and the `clkhash`/`anonlink` tools).

A person's normalised surname, first name and date of birth become tokens; each token sets `k`
bits of a 1,024-bit filter, chosen by double hashing with HMAC-SHA256 under the dataset's
secret (without the secret the bits say nothing about the tokens). Two filters are compared by
their Dice coefficient; at `THRESHOLD` or above the question is a hit.

The tokens are chosen for Dutch exports (see `normalise`):
- the surname without voorvoegsel ("Berg, J. van der" and "Jan van der Berg" both give "berg"),
  as bigrams, so a typo costs two bigrams, not the name; every part of a double surname;
- the first initial, always, and the first name's bigrams when it is written out, with fewer
  bits: an initial against a full name still agrees on most of the filter;
- the date of birth as the year, its decade and the day and month *unordered*, so a day/month
  swap (04-03 against 03-04) encodes alike and a birthday shared across decades is no hit.

Comparing one question with a million filters would take ~100 ms on two cores, so the index is
blocked: each filter carries two keyed block keys, its birth year and the first three letters of
its surname, and a question is compared with the filters that share either. A person with a typo
in both the year and the start of the surname is missed; that is the price, stated here.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .normalise.dates import datum
from .normalise.names import naam

BITS = 1024
WORDS = BITS // 64
#: bits per field, shared by its tokens (a record-level filter as Durham et al. 2012 propose): a
#: long surname weighs no more than a short one, and the date of birth keeps its share against the
#: name, so the same name with another date stays below the threshold
SURNAME_BITS, INITIAL_BITS, FIRST_NAME_BITS, YEAR_BITS, DECADE_BITS, DAY_MONTH_BITS = 160, 60, 80, 60, 60, 60
#: Dice coefficient from which a question is a hit. The bits and the threshold were chosen on the
#: encoding's own cases over random keys, not on a truth set (the cases are in
#: crossref/tests/test_published_index.py): one deviation (a surname typo, an initial for a full
#: name, a day or a year off within its decade, day and month swapped) stays at 0.90 or above;
#: another first name, another surname, another day and month, or the same birthday in another
#: decade stays at 0.87 or below. Two deviations at once (an initial and a typo, a married name
#: before the own) mostly fall below it: a fuzzy hit must not become a guess.
THRESHOLD = 0.88


def bigrams(text: str) -> list[str]:
    padded = f"_{text}_"
    return [padded[i : i + 2] for i in range(len(padded) - 1)]


class PersonTokens(NamedTuple):
    tokens: list[tuple[str, int]]  # (token, bits it sets)
    year: int
    surname: str


def person_tokens(name: str, birth_date: str) -> PersonTokens | None:
    """The weighted tokens of a person; None without a surname or a readable date of birth."""
    parsed = naam(name)
    surnames = parsed.surname_keys()
    readings = datum(birth_date)
    if not surnames or not readings or not readings[0].month or not readings[0].day:
        return None
    born = readings[0]
    tokens = _shared("a", [g for surname in surnames for g in bigrams(surname)], SURNAME_BITS)
    first = (parsed.voornaam or "").casefold()
    initial = (first or parsed.initialen or "")[:1].casefold()
    if initial:
        tokens.append((f"i:{initial}", INITIAL_BITS))
    if len(first) > 1:
        tokens += _shared("v", bigrams(first), FIRST_NAME_BITS)
    tokens.append((f"j:{born.year}", YEAR_BITS))
    tokens.append((f"d:{born.year // 10}", DECADE_BITS))  # a year off by one mostly keeps its decade
    tokens += [(f"dm:{part:02d}", DAY_MONTH_BITS) for part in sorted({born.day, born.month})]  # type: ignore[type-var]
    return PersonTokens(tokens, born.year, surnames[0])


def _shared(field: str, grams: list[str], bits: int) -> list[tuple[str, int]]:
    """A field's tokens, each setting its share of the field's bits. Double hashing makes a token's
    first k positions the same for any k, so a bigram shared by a short and a long spelling still
    agrees on the positions of the smaller share."""
    k = max(1, round(bits / len(grams))) if grams else 0
    return [(f"{field}:{g}", k) for g in grams]


class Encoder:
    """Encodes persons under one secret; a token's bit positions are computed once."""

    def __init__(self, secret: bytes) -> None:
        self.secret = secret
        self._positions: dict[tuple[str, int], np.ndarray] = {}

    def _hash(self, text: str) -> bytes:
        return hmac.new(self.secret, text.encode(), hashlib.sha256).digest()

    def positions(self, token: str, k: int) -> np.ndarray:
        found = self._positions.get((token, k))
        if found is None:
            digest = self._hash(token)
            h1 = int.from_bytes(digest[:8], "big")
            h2 = int.from_bytes(digest[8:16], "big") | 1
            found = np.array([(h1 + i * h2) % BITS for i in range(k)], dtype=np.uint16)
            self._positions[(token, k)] = found
        return found

    def block(self, kind: str, value: str) -> int:
        return int.from_bytes(self._hash(f"blok:{kind}:{value}")[:8], "big")

    def encode(self, person: PersonTokens) -> np.ndarray:
        """The filter as WORDS little-endian 64-bit words."""
        bits = np.zeros(BITS, dtype=bool)
        for token, k in person.tokens:
            bits[self.positions(token, k)] = True
        return np.packbits(bits, bitorder="little").view("<u8").copy()

    def blocks(self, person: PersonTokens) -> tuple[int, int]:
        return self.block("jaar", str(person.year)), self.block("naam", person.surname[:3])


def dice(a: np.ndarray, b: np.ndarray) -> float:
    common = int(np.bitwise_count(a & b).sum())
    total = int(np.bitwise_count(a).sum()) + int(np.bitwise_count(b).sum())
    return 2 * common / total if total else 0.0


@dataclass
class BloomIndex:
    """The filters of a dataset's persons with their two block keys (no names, no dates)."""

    filters: np.ndarray  # (n, WORDS) uint64
    year_blocks: np.ndarray  # (n,) uint64
    name_blocks: np.ndarray  # (n,) uint64

    def __post_init__(self) -> None:
        self.popcounts = np.bitwise_count(self.filters).sum(axis=1, dtype=np.uint16)

    def __len__(self) -> int:
        return len(self.filters)

    def best(self, query: np.ndarray, blocks: tuple[int, int]) -> float:
        """The highest Dice coefficient of `query` among the filters sharing a block key."""
        year, surname = (np.uint64(b) for b in blocks)
        candidates = np.flatnonzero((self.year_blocks == year) | (self.name_blocks == surname))
        if not len(candidates):
            return 0.0
        common = np.bitwise_count(self.filters[candidates] & query).sum(axis=1, dtype=np.uint16)
        total = self.popcounts[candidates].astype(np.float64) + float(np.bitwise_count(query).sum())
        return float((2 * common / total).max())


def empty_index() -> BloomIndex:
    return BloomIndex(
        np.zeros((0, WORDS), dtype=np.uint64), np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.uint64)
    )
