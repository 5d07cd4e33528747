"""The matcher: a versioned class with a name; every result records both.

`WeerbaarMatcher().link(left, right)` blocks, compares, estimates Fellegi–Sunter parameters from
these very records (u from random pairs, m by EM) and returns the pairs whose match probability
is at or above `threshold`, each with its explanation. `dedupe(records)` does the same within one
list: the pairs of two different records of it, each pair once (the earlier record on the left).
The threshold is fixed in the class (0.5: a pair is called a match when that is more likely than
not), never fitted to a known truth.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import fellegi_sunter
from .blocking import candidate_pairs
from .comparisons import COMPARISONS, Comparison
from .records import Record, Records


@dataclass(frozen=True)
class Contribution:
    property: str
    level: str
    weight: float


@dataclass(frozen=True)
class Match:
    left_id: str
    right_id: str
    probability: float
    explanation: tuple[Contribution, ...]
    matcher: str
    version: str


class WeerbaarMatcher:
    """Blocking on several keys, per-property comparison ladders, Fellegi–Sunter with EM."""

    NAME = "weerbaar-fellegi-sunter"
    VERSION = "1.1.0"
    threshold = 0.5
    random_pairs = 100_000
    #: fewer records than this on a side: too little to estimate from, `default_parameters` instead
    min_records = 30
    max_block = 2000
    seed = 20261203

    def link(
        self, left: Sequence[Record], right: Sequence[Record], *, threshold: float | None = None
    ) -> list[Match]:
        """All pairs (one record from each side, same kind) at or above the threshold, best first."""
        return self._by_kind(left, right, same_list=False, threshold=threshold)

    def dedupe(self, records: Sequence[Record], *, threshold: float | None = None) -> list[Match]:
        """All pairs of two records of one list (same kind, the earlier one on the left) at or above
        the threshold, best first: the duplicates within one source."""
        return self._by_kind(records, records, same_list=True, threshold=threshold)

    def _by_kind(
        self, left: Sequence[Record], right: Sequence[Record], *, same_list: bool, threshold: float | None
    ) -> list[Match]:
        cut = self.threshold if threshold is None else threshold
        matches: list[Match] = []
        for kind, comparisons in COMPARISONS.items():
            lefts = [r for r in left if r.kind == kind]
            rights = lefts if same_list else [r for r in right if r.kind == kind]
            if lefts and rights:
                matches.extend(self._link_kind(lefts, rights, comparisons, cut, same_list=same_list))
        matches.sort(key=lambda m: (-m.probability, m.left_id, m.right_id))
        return matches

    def _pairs(
        self, left: list[Record], right: list[Record], *, same_list: bool
    ) -> tuple[np.ndarray, np.ndarray]:
        """Candidate pairs from blocking; within one list only i < j (no record with itself, each pair once)."""
        li, ri = candidate_pairs(left, right, max_block=self.max_block)
        if same_list:
            keep = li < ri
            li, ri = li[keep], ri[keep]
        return li, ri

    def _random_pairs(
        self, left: list[Record], right: list[Record], *, same_list: bool
    ) -> tuple[np.ndarray, np.ndarray]:
        """Random pairs for u; within one list two different records."""
        rng = np.random.default_rng(self.seed)
        n = min(self.random_pairs, len(left) * len(right))
        rli = rng.integers(0, len(left), n)
        if same_list:
            return rli, (rli + rng.integers(1, len(left), n)) % len(left)
        return rli, rng.integers(0, len(right), n)

    def _link_kind(
        self,
        left: list[Record],
        right: list[Record],
        comparisons: Sequence[Comparison],
        cut: float,
        *,
        same_list: bool,
    ) -> list[Match]:
        L = Records(left)
        R = L if same_list else Records(right)
        li, ri = self._pairs(left, right, same_list=same_list)
        levels = self.levels(L, R, li, ri, comparisons)
        sizes = [len(c.labels) for c in comparisons]
        identifying = [c.identifying for c in comparisons]
        if min(len(left), len(right)) < self.min_records:
            # each record has about one match at most: the prior of a pair is one in the larger side
            prior = 1.0 / (max(len(left), len(right)) + 1)
            parameters = fellegi_sunter.default_parameters(sizes, prior)
        else:
            rli, rri = self._random_pairs(left, right, same_list=same_list)
            parameters = fellegi_sunter.estimate(
                levels,
                self.levels(L, R, rli, rri, comparisons),
                sizes,
                max_matches=min(len(left), len(right)),
                identifying=identifying,
            )
        log_odds = parameters.log_odds(levels)
        probability = 1.0 / (1.0 + np.exp2(-np.clip(log_odds, -60, 60)))
        contributions = self.contributions(comparisons, parameters.weights())
        personal = [c.identifying and not c.household for c in comparisons]
        called = np.flatnonzero((probability >= cut) & parameters.speaks_for(levels, personal))
        return [
            Match(
                L.ids[li[k]],
                R.ids[ri[k]],
                round(float(probability[k]), 6),
                tuple(contributions[i][level] for i, level in enumerate(levels[k].tolist())),
                self.NAME,
                self.VERSION,
            )
            for k in called.tolist()
        ]

    @staticmethod
    def contributions(
        comparisons: Sequence[Comparison], weights: list[np.ndarray]
    ) -> list[list[Contribution]]:
        """The explanation of each level of each comparison (level 0: missing), made once for all pairs."""
        return [
            [
                Contribution(c.name, c.labels[level - 1] if level else "missing", round(float(w[level]), 2))
                for level in range(len(c.labels) + 1)
            ]
            for c, w in zip(comparisons, weights, strict=True)
        ]

    @staticmethod
    def levels(
        L: Records, R: Records, li: np.ndarray, ri: np.ndarray, comparisons: Sequence[Comparison]
    ) -> np.ndarray:
        """The level of every comparison for every pair: one row per pair."""
        columns = [c.compute(L, R, li, ri) for c in comparisons]
        if not columns or len(li) == 0:
            return np.zeros((len(li), len(comparisons)), dtype=np.int8)
        return np.stack(columns, axis=1)
