"""Fellegi–Sunter: m and u per comparison level, estimated from the data, and match weights.

u (how often a level occurs between two records that are not the same) comes from random pairs;
m (how often it occurs between records that are) of each comparison from the candidate pairs that
are surely the same without it (`anchored_m`: the other identifying properties all agree), and
where there are too few of those, with the share of matches among the candidate pairs, from
expectation–maximisation over the candidate pairs, with u held fixed (as Splink does).
A missing value (level 0) weighs nothing. Probabilities are clipped away from 0 and 1 so that one
level never decides on its own with infinite weight.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

EPSILON = 1e-4


@dataclass
class Parameters:
    """m[c][k], u[c][k] per comparison c and level k (k = 0 unused), λ = P(match) among candidates."""

    m: list[np.ndarray]
    u: list[np.ndarray]
    prior: float

    def weights(self) -> list[np.ndarray]:
        """log2(m / u) per comparison and level; 0 for level 0."""
        out = []
        for m, u in zip(self.m, self.u, strict=True):
            w = np.log2(np.clip(m, EPSILON, 1) / np.clip(u, EPSILON, 1))
            w[0] = 0.0
            out.append(w)
        return out

    def log_odds(self, levels: np.ndarray) -> np.ndarray:
        """log2 prior odds plus each comparison's weight at its level, per pair (rows of `levels`)."""
        total = np.full(levels.shape[0], np.log2(self.prior / (1 - self.prior)))
        for c, w in enumerate(self.weights()):
            total += w[levels[:, c]]
        return total

    def speaks_for(self, levels: np.ndarray, personal: list[bool]) -> np.ndarray:
        """Whether the personal comparisons (first name, birth date, identifiers: what tells the
        members of one household apart) together weigh for the pair, per pair; all pairs when a
        kind has none of them.

        The address says where someone lives, not who they are: the comparisons of one address
        (postcode, number, street, place) are one fact counted four times, and the members of a
        household share it and mostly the surname too. A pair whose personal properties weigh
        against it is no match, however strongly address and surname agree."""
        if not any(personal):
            return np.ones(levels.shape[0], dtype=bool)
        total = np.zeros(levels.shape[0])
        for c, w in enumerate(self.weights()):
            if personal[c]:
                total += w[levels[:, c]]
        return total > 0


def shares(column: np.ndarray, size: int, weights: np.ndarray | None = None) -> np.ndarray:
    """Share of each level of one comparison among the pairs where it is not missing (add-half smoothed)."""
    counts = np.bincount(column, weights=weights, minlength=size + 1).astype(float)
    counts[0] = 0.0
    counts[1:] += 0.5
    return counts / counts[1:].sum()


def frequencies(levels: np.ndarray, sizes: list[int], weights: np.ndarray | None = None) -> list[np.ndarray]:
    """`shares` of every comparison."""
    return [shares(levels[:, c], size, weights) for c, size in enumerate(sizes)]


#: pairs an anchored m needs at least; with fewer, EM estimates that m
MIN_ANCHOR_PAIRS = 30


def anchored_m(levels: np.ndarray, sizes: list[int], identifying: list[bool]) -> list[np.ndarray | None]:
    """m of each comparison from the candidate pairs that are surely matches without it; None where
    such pairs are too few (EM estimates that m).

    Surely a match: every other identifying comparison (names, birth date, identifier) that is not
    missing agrees at its strongest level, at least two of them (or the only one); for an
    identifying comparison also at least two of the others (the address) at their strongest level,
    since namesakes born on one day are common in a large population, and at one address rare.

    EM over all candidate pairs finds the strongest cluster, which need not be the matches: the
    members of one household share the address and often the surname, in a population they
    outnumber the true pairs, and EM calls them the matches. They do not share first name and birth
    date, so the anchors hold true pairs, with the damage each property really shows."""
    which = [c for c, yes in enumerate(identifying) if yes]
    where = [c for c, yes in enumerate(identifying) if not yes]
    out: list[np.ndarray | None] = []
    for c, size in enumerate(sizes):
        sure = _all_agree(levels, [d for d in which if d != c]) & (levels[:, c] != 0)
        if identifying[c]:
            sure &= (levels[:, [d for d in where if d != c]] == 1).sum(axis=1) >= min(2, len(where))
        out.append(shares(levels[sure, c], size) if sure.sum() >= MIN_ANCHOR_PAIRS else None)
    return out


def _all_agree(levels: np.ndarray, columns: list[int]) -> np.ndarray:
    """Pairs where each of `columns` agrees at its strongest level or is missing, at least two (or all) agreeing."""
    if not columns:
        return np.zeros(levels.shape[0], dtype=bool)
    block = levels[:, columns]
    agree = (block == 1).sum(axis=1)
    return (agree + (block == 0).sum(axis=1) == len(columns)) & (agree >= min(2, len(columns)))


#: pseudo-pairs of the prior on m (Dirichlet around `initial_m`): with few true matches among the
#: candidates EM would otherwise call a cluster of look-alikes (same surname, same year) the matches
PRIOR_PAIRS = 50.0


def initial_m(sizes: list[int]) -> list[np.ndarray]:
    """Start m heavy on the strongest level and light on disagreement (each level a fifth-ish of the one before)."""
    out = []
    for size in sizes:
        m = np.zeros(size + 1)
        m[1:] = np.geomspace(1.0, 0.01, size) if size > 1 else 1.0
        m[1:] /= m[1:].sum()
        out.append(m)
    return out


def default_parameters(sizes: list[int], prior: float) -> Parameters:
    """For too few records to estimate from: agreement on the strongest level is rare between
    strangers (u 0.5 %) and common between matches; disagreement the other way round."""
    u = []
    for size in sizes:
        levels = np.zeros(size + 1)
        levels[1:] = np.geomspace(0.005, 1.0, size) if size > 1 else 1.0
        levels[1:] /= levels[1:].sum()
        u.append(levels)
    return Parameters(initial_m(sizes), u, prior)


def estimate(
    candidate_levels: np.ndarray,
    random_levels: np.ndarray,
    sizes: list[int],
    *,
    max_matches: int,
    identifying: list[bool] | None = None,
    iterations: int = 25,
) -> Parameters:
    """u from random pairs; m from the anchors where there are enough (`anchored_m`, with
    `identifying` the comparisons of names, birth date and identifiers), the other m and λ by EM on
    the candidate pairs."""
    u = frequencies(random_levels, sizes)
    fixed = anchored_m(candidate_levels, sizes, identifying) if identifying else [None] * len(sizes)
    prior_m = [m if f is None else f for m, f in zip(initial_m(sizes), fixed, strict=True)]
    pairs = candidate_levels.shape[0]
    # each record has at most about one match: never more matches than the smaller side has records
    most = min(1 - EPSILON, max_matches / pairs) if pairs else 1 - EPSILON
    parameters = Parameters([m.copy() for m in prior_m], u, min(0.1, most))
    if pairs == 0:
        return parameters
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp2(-np.clip(parameters.log_odds(candidate_levels), -60, 60)))
        counts = frequencies(candidate_levels, sizes, weights=p)
        total = float(p.sum())
        parameters.m = [
            (c * total + PRIOR_PAIRS * m0) / (total + PRIOR_PAIRS) if f is None else f
            for c, m0, f in zip(counts, prior_m, fixed, strict=True)
        ]
        parameters.prior = float(np.clip(p.mean(), EPSILON, most))
    return parameters
