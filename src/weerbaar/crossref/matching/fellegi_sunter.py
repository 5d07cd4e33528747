"""Fellegi–Sunter: m and u per comparison level, estimated from the data, and match weights.

u (how often a level occurs between two records that are not the same) comes from random pairs;
m (how often it occurs between records that are) and the share of matches among the candidate
pairs from expectation–maximisation over the candidate pairs, with u held fixed (as Splink does).
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


def frequencies(levels: np.ndarray, sizes: list[int], weights: np.ndarray | None = None) -> list[np.ndarray]:
    """Share of each level among the pairs where the comparison is not missing (add-one smoothed)."""
    out = []
    for c, size in enumerate(sizes):
        column = levels[:, c]
        counts = np.bincount(column, weights=weights, minlength=size + 1).astype(float)
        counts[0] = 0.0
        counts[1:] += 0.5
        out.append(counts / counts[1:].sum())
    return out


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
    iterations: int = 25,
) -> Parameters:
    """u from random pairs; m and λ by EM on the candidate pairs."""
    u = frequencies(random_levels, sizes)
    prior_m = initial_m(sizes)
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
            (c * total + PRIOR_PAIRS * m0) / (total + PRIOR_PAIRS)
            for c, m0 in zip(counts, prior_m, strict=True)
        ]
        parameters.prior = float(np.clip(p.mean(), EPSILON, most))
    return parameters
