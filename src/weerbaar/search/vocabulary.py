"""The vocabulary of the index, and what a query word may stand for: typos and compounds.

The vocabulary (every term with the number of documents holding it, per kind and access level)
lives in the database (`IndexedTerm`), updated with every document. A worker keeps the part a
query may use — the kinds searched, at the access levels the context may see, so a correction
never comes from a document the reader could not find — in memory until the index's stamp
changes; then it reads it again (one query; no rebuild of anything).

A query word expands to index terms with a weight:
- its stem in Dutch, German and English, where the index has it (1.0);
- when the index has none of them (a typo), terms within a small edit distance (rapidfuzz
  ratio >= 80, the best 5 per stem): 0.8 x similarity;
- for words of 4+ letters, compounds that contain it ("dumping" finds "drugsafvaldumpingen",
  "recreatiepark" finds "recreatieparkenregister"): 0.6.
"""

from __future__ import annotations

import bisect
import itertools
import math
import threading
from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache

from django.db import connection
from rapidfuzz import fuzz, process

from .models import IndexState
from .text import query_variants

FUZZY_WEIGHT = 0.8
COMPOUND_WEIGHT = 0.6
FUZZY_CUTOFF = 80.0
FUZZY_LIMIT = 5
MIN_EXPANSION_LENGTH = 4
#: Endings the stemmer keeps when a word stands alone but drops inside a longer compound
#: ("dumping" stays, "drugsafvaldumpingen" becomes "drugsafvaldump").
COMPOUND_SUFFIXES = ("ing", "en", "e", "s")
#: vocabularies kept per worker (one per combination of kinds and visible levels)
CACHED_VOCABULARIES = 16

Scope = frozenset[tuple[str, str]]  # (kind, access level) pairs a query may see


class Vocabulary:
    """The terms of one scope: document frequencies, substring search, and expansion."""

    def __init__(self, frequencies: dict[str, int], documents: int) -> None:
        self.frequencies = frequencies
        self.documents = documents
        self.terms = sorted(frequencies)
        # the vocabulary as one string, so the substring search for compounds runs in C
        self._joined = "\n".join(self.terms)
        self._starts = list(itertools.accumulate((len(t) + 1 for t in self.terms[:-1]), initial=0))
        self.expand = lru_cache(maxsize=4096)(self._expand)

    def idf(self, term: str) -> float:
        return math.log(1 + max(self.documents, 1) / max(self.frequencies.get(term, 1), 1))

    def _containing(self, part: str) -> list[str]:
        found = []
        at = self._joined.find(part)
        while at != -1:
            index = bisect.bisect_right(self._starts, at) - 1
            term = self.terms[index]
            found.append(term)
            at = self._joined.find(part, self._starts[index] + len(term) + 1)
        return found

    def _compounds(self, term: str, expansions: dict[str, float]) -> None:
        if len(term) < MIN_EXPANSION_LENGTH:
            return
        parts = {term} | {
            term[: -len(suffix)]
            for suffix in COMPOUND_SUFFIXES
            if term.endswith(suffix) and len(term) - len(suffix) >= MIN_EXPANSION_LENGTH
        }
        for part in parts:
            for candidate in self._containing(part):
                if candidate != term:
                    expansions.setdefault(candidate, COMPOUND_WEIGHT)

    def _corrections(self, term: str, expansions: dict[str, float]) -> None:
        if len(term) < MIN_EXPANSION_LENGTH:
            return
        for candidate, score, _ in process.extract(
            term, self.terms, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=FUZZY_LIMIT
        ):
            weight = FUZZY_WEIGHT * score / 100
            if weight > expansions.get(candidate, 0.0):
                expansions[candidate] = weight

    def _expand(self, word: str) -> tuple[tuple[str, float], ...]:
        """The index terms a query word may stand for, with their weight, best first."""
        variants = query_variants(word)
        expansions = {v: 1.0 for v in variants if v in self.frequencies}
        if not expansions:  # a typo: no stem of the word is in the index
            for variant in variants:
                self._corrections(variant, expansions)
        for variant in variants:
            self._compounds(variant, expansions)
        # best weight first; among equal weights (the compounds) the term in most documents
        return tuple(
            sorted(
                expansions.items(), key=lambda item: (-item[1], -self.frequencies.get(item[0], 0), item[0])
            )
        )


_lock = threading.Lock()
_cache: OrderedDict[tuple[str, Scope], Vocabulary] = OrderedDict()


def index_stamp() -> str:
    """The index's stamp: new with every change."""
    return IndexState.objects.values_list("stamp", flat=True).first() or ""


def _load(scope: Scope) -> Vocabulary:
    kinds = sorted({kind for kind, _level in scope})
    marks = ", ".join(["%s"] * len(kinds))
    frequencies: dict[str, int] = {}
    documents = 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT kind, access_level, term, documents FROM search_term WHERE kind IN ({marks})",  # noqa: S608
            kinds,
        )
        for kind, level, term, count in cursor.fetchall():
            if (kind, level) in scope:
                frequencies[term] = frequencies.get(term, 0) + count
        cursor.execute(
            "SELECT kind, access_level, COUNT(*) FROM search_document "  # noqa: S608 (placeholders only)
            f"WHERE kind IN ({marks}) GROUP BY kind, access_level",
            kinds,
        )
        documents = sum(n for kind, level, n in cursor.fetchall() if (kind, level) in scope)
    return Vocabulary(frequencies, documents)


def vocabulary_for(scope: Iterable[tuple[str, str]], *, stamp: str | None = None) -> Vocabulary:
    """The vocabulary of `scope` as of the index's `stamp` (read now when not given): read again
    when the index changed since it was last read."""
    key = (stamp if stamp is not None else index_stamp(), frozenset(scope))
    with _lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
            return found
    loaded = _load(key[1])
    with _lock:
        for stale in [k for k in _cache if k[0] != key[0]]:
            del _cache[stale]
        _cache[key] = loaded
        while len(_cache) > CACHED_VOCABULARIES:
            _cache.popitem(last=False)
    return loaded


def forget_expansions() -> None:
    """Empty the expansion caches of this worker's vocabularies (the benchmark measures every
    query as if it were new)."""
    with _lock:
        for vocabulary in _cache.values():
            vocabulary.expand.cache_clear()
