"""The search index: weighted fields, stemmed terms, fuzzy and compound expansion, facets."""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz, process

from weerbaar.catalog.search.text import tokenize

DEFAULT_FIELD_WEIGHTS: Mapping[str, float] = {"title": 3.0, "keywords": 2.0, "description": 1.0}

# Weight of an expanded term relative to an exact (stemmed) match.
FUZZY_WEIGHT = 0.8
COMPOUND_WEIGHT = 0.6
FUZZY_CUTOFF = 80.0
MIN_EXPANSION_LENGTH = 4
#: Endings the stemmer keeps when a word stands alone but drops inside a longer compound
#: ("dumping" stays, "drugsafvaldumpingen" becomes "drugsafvaldump").
COMPOUND_SUFFIXES = ("ing", "en", "e", "s")


@dataclass(frozen=True)
class Document:
    """One searchable thing: texts per field, facet values, and a date for freshness sorting."""

    key: int | str
    fields: Mapping[str, str]
    facets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    freshness: date | None = None


@dataclass
class SearchResult:
    """Ordered hits (key, score), total before paging, and facet counts."""

    hits: list[tuple[int | str, float]]
    total: int
    facets: dict[str, dict[str, int]]
    expansions: dict[str, list[str]]


class SearchIndex:
    """An immutable inverted index over documents."""

    def __init__(
        self,
        documents: Iterable[Document],
        *,
        field_weights: Mapping[str, float] | None = None,
    ) -> None:
        weights = field_weights or DEFAULT_FIELD_WEIGHTS
        self.documents: list[Document] = list(documents)
        postings: dict[str, dict[int, float]] = defaultdict(dict)
        for position, document in enumerate(self.documents):
            counts: Counter[str] = Counter()
            for name, text in document.fields.items():
                weight = weights.get(name, 1.0)
                for term in tokenize(text):
                    counts[term] += weight
            for term, tf in counts.items():
                # saturating term frequency, as in BM25 with k1 = 1.2
                postings[term][position] = tf * 2.2 / (tf + 1.2)
        # Facet values as bitmasks over document positions: filtering is AND/OR of ints,
        # a facet count is a popcount, so facets cost nothing per document at query time.
        self._facet_masks: dict[str, dict[str, int]] = defaultdict(dict)
        for position, document in enumerate(self.documents):
            bit = 1 << position
            for name, values in document.facets.items():
                masks = self._facet_masks[name]
                for value in values:
                    masks[value] = masks.get(value, 0) | bit
        self._all = (1 << len(self.documents)) - 1
        self._by_freshness = sorted(
            range(len(self.documents)), key=lambda p: self.documents[p].freshness or date.min, reverse=True
        )
        total = max(len(self.documents), 1)
        self._idf = {term: math.log(1 + total / len(docs)) for term, docs in postings.items()}
        self._postings = dict(postings)
        self._vocabulary = sorted(self._postings)
        # The vocabulary as one string, so substring search for compounds runs in C (str.find).
        self._joined = "\n".join(self._vocabulary)
        self._starts = list(itertools.accumulate((len(t) + 1 for t in self._vocabulary[:-1]), initial=0))
        self._expand = lru_cache(maxsize=4096)(self._expand_uncached)

    def _mask(self, name: str, values: Collection[str]) -> int:
        masks = self._facet_masks.get(name, {})
        result = 0
        for value in values:
            result |= masks.get(value, 0)
        return result

    def clear_expansion_cache(self) -> None:
        self._expand.cache_clear()

    def __len__(self) -> int:
        return len(self.documents)

    def _expand_uncached(self, term: str) -> tuple[tuple[str, float], ...]:
        """Index terms a query term may stand for, with a weight: itself, typos, compounds."""
        expansions: dict[str, float] = {}
        if term in self._postings:
            expansions[term] = 1.0
        if len(term) >= MIN_EXPANSION_LENGTH:
            for candidate, score, _ in process.extract(
                term, self._vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=5
            ):
                expansions.setdefault(candidate, FUZZY_WEIGHT * score / 100)
            parts = {term} | {
                term[: -len(suffix)]
                for suffix in COMPOUND_SUFFIXES
                if term.endswith(suffix) and len(term) - len(suffix) >= MIN_EXPANSION_LENGTH
            }
            for part in parts:
                for candidate in self._containing(part):
                    if candidate != term:
                        expansions.setdefault(candidate, COMPOUND_WEIGHT)
        return tuple(expansions.items())

    def _containing(self, part: str) -> list[str]:
        """Vocabulary terms that contain `part`."""
        found = []
        at = self._joined.find(part)
        while at != -1:
            index = bisect.bisect_right(self._starts, at) - 1
            term = self._vocabulary[index]
            found.append(term)
            at = self._joined.find(part, self._starts[index] + len(term) + 1)
        return found

    def _score(self, terms: list[str]) -> dict[int, float]:
        scores: dict[int, float] = defaultdict(float)
        matched: dict[int, int] = defaultdict(int)
        for term in terms:
            best: dict[int, float] = {}
            for candidate, weight in self._expand(term):
                idf = self._idf[candidate]
                for position, tf in self._postings[candidate].items():
                    value = weight * idf * tf
                    if value > best.get(position, 0.0):
                        best[position] = value
            for position, value in best.items():
                scores[position] += value
                matched[position] += 1
        n = len(terms)
        return {pos: score * (matched[pos] / n) ** 2 for pos, score in scores.items()}

    def search(
        self,
        query: str = "",
        *,
        filters: Mapping[str, Collection[str]] | None = None,
        restrict: Mapping[str, Collection[str]] | None = None,
        sort: str = "relevance",
        offset: int = 0,
        limit: int | None = 20,
    ) -> SearchResult:
        """Search; `filters` are user-chosen facet values, `restrict` is always applied (policy).

        Facet counts are disjunctive: a facet's counts ignore that facet's own filter, so
        the user can widen a choice.
        """
        terms = tokenize(query)
        scored = self._score(terms) if terms else {}
        if terms:
            matched = 0
            for position in scored:
                matched |= 1 << position
        else:
            matched = self._all
        base = matched
        for name, values in (restrict or {}).items():
            base &= self._mask(name, values)
        chosen = {name: self._mask(name, values) for name, values in (filters or {}).items() if values}
        final = base
        for mask in chosen.values():
            final &= mask

        facets: dict[str, dict[str, int]] = {}
        for name, value_masks in self._facet_masks.items():
            scope = base
            for other, mask in chosen.items():
                if other != name:
                    scope &= mask
            counts = {value: (scope & mask).bit_count() for value, mask in value_masks.items()}
            facets[name] = dict(
                sorted(((v, c) for v, c in counts.items() if c), key=lambda vc: (-vc[1], vc[0]))
            )

        wanted = None if limit is None else offset + limit
        if terms and sort != "freshness":
            kept = [(pos, score) for pos, score in scored.items() if final >> pos & 1]

            def order(item):
                return (item[1], self.documents[item[0]].freshness or date.min)

            ranked = (
                heapq.nlargest(wanted, kept, key=order)
                if wanted is not None
                else sorted(kept, key=order, reverse=True)
            )
        else:
            ranked = []
            for pos in self._by_freshness:
                if final >> pos & 1:
                    ranked.append((pos, scored.get(pos, 0.0)))
                    if wanted is not None and len(ranked) >= wanted:
                        break
        page = ranked[offset:]
        expansions = {term: [candidate for candidate, _ in self._expand(term)] for term in terms}
        return SearchResult(
            hits=[(self.documents[pos].key, score) for pos, score in page],
            total=final.bit_count(),
            facets=facets,
            expansions=expansions,
        )
