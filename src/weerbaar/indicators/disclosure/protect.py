"""Primary and secondary cell suppression, and the exact test that nothing suppressed is derivable.

What must hold (proved by the property tests in indicators/tests/test_disclosure_properties.py):
after `protect(table, threshold=t)`, every cell below `t` is suppressed, and `exposed` finds no
cell below `t` (published cells excepted, which are all ≥ t) whose value the published cells
determine through the table's relations. With `secondary=False` only the primary step runs:
the tests show that this leaks (a total minus the other cells gives the small one back).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from .table import Key, Relation, Table

#: singular values below this (relative to the largest) count as zero: coefficients are 0/±1
TOLERANCE = 1e-9


@dataclass(frozen=True)
class Protected:
    """A table after suppression: `published` cells with their values, and which cells were
    suppressed because they are small (`primary`) or to protect those (`secondary`)."""

    published: dict[Key, int]
    primary: frozenset[Key]
    secondary: frozenset[Key]
    threshold: int

    def shown(self, key: Key) -> str:
        """How a cell appears in a public output: its value, "< 5" or "×" (secondary)."""
        if key in self.primary:
            return f"< {self.threshold}"
        if key in self.secondary:
            return "×"
        return str(self.published[key])


def _components(unknown: set[Key], relations: list[Relation]) -> list[tuple[list[Key], list[Relation]]]:
    """The unknown cells split into groups that share no relation (each solved on its own)."""
    parent: dict[Key, Key] = {k: k for k in unknown}

    def find(k: Key) -> Key:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    touching: list[tuple[Relation, list[Key]]] = []
    for relation in relations:
        members = [m for m in relation.members if m in unknown]
        if not members:
            continue
        touching.append((relation, members))
        root = find(members[0])
        for m in members[1:]:
            parent[find(m)] = root
    cells: dict[Key, list[Key]] = defaultdict(list)
    for k in unknown:
        cells[find(k)].append(k)
    rels: dict[Key, list[Relation]] = defaultdict(list)
    for relation, members in touching:
        rels[find(members[0])].append(relation)
    return [(sorted(group, key=repr), rels[root]) for root, group in cells.items()]


def determined(table: Table, unpublished: set[Key]) -> set[Key]:
    """The unpublished cells whose value follows from the published ones and the relations:
    those on which every solution of the homogeneous system (the published cells held fixed)
    is zero, i.e. whose unit vector lies in the row space of the relations on the unknowns."""
    found: set[Key] = set()
    for cells, relations in _components(unpublished, table.relations):
        if not relations:
            continue
        index = {k: i for i, k in enumerate(cells)}
        matrix = np.zeros((len(relations), len(cells)))
        for row, relation in enumerate(relations):
            for key, sign in ((relation.total, 1.0), *((p, -1.0) for p in relation.parts)):
                if key in index:
                    matrix[row, index[key]] += sign
            if relation.rest is not None and relation.rest in index:
                matrix[row, index[relation.rest]] -= 1.0
        found.update(k for k, fixed in zip(cells, _in_row_space(matrix), strict=True) if fixed)
    return found


def _in_row_space(matrix: np.ndarray) -> np.ndarray:
    """For each column c: is the unit vector e_c in the row space of `matrix` (is the cell fixed
    by the relations)? That is the diagonal of the projector onto the row space, P = A⁺A, being 1.
    Computed through the Gram matrix A·Aᵀ (relations × relations, fewer than the unknown cells in
    a real table) with a symmetric eigendecomposition, rather than a full SVD of A."""
    gram = matrix @ matrix.T
    eigenvalues, vectors = np.linalg.eigh(gram)
    keep = eigenvalues > TOLERANCE * max(1.0, float(eigenvalues.max(initial=0.0)))
    projected = matrix.T @ vectors[:, keep]
    diagonal = (projected**2 / eigenvalues[keep]).sum(axis=1)
    return diagonal > 1 - 1e-6


def exposed(table: Table, unpublished: Iterable[Key], *, threshold: int) -> set[Key]:
    """The cells below `threshold` that the published cells give away (must be empty)."""
    hidden = set(unpublished) | table.hidden
    return {k for k in determined(table, hidden) if table.values[k] < threshold}


def _cheapest(table: Table, candidates: Iterable[Key]) -> Key | None:
    """The published cell whose suppression costs least: the smallest value, ties by key."""
    pool = [k for k in candidates if k not in table.hidden]
    return min(pool, key=lambda k: (table.values[k], repr(k))) if pool else None


def protect(table: Table, *, threshold: int = 5, secondary: bool = True) -> Protected:
    """Suppress every cell below `threshold` (primary) and, unless `secondary` is off, as few
    further cells as this greedy method finds so that none of them can be derived back."""
    primary = {k for k, v in table.values.items() if v < threshold and k not in table.hidden}
    suppressed = set(primary)
    if secondary:
        by_cell: dict[Key, list[Relation]] = defaultdict(list)
        for relation in table.relations:
            for member in relation.members:
                by_cell[member].append(relation)
        sensitive = primary | {k for k in table.hidden if table.values[k] < threshold}
        while True:
            _no_single_unknown(table, suppressed)
            leaks = exposed(table, suppressed, threshold=threshold) & sensitive
            if not leaks:
                break
            added = False
            for cell in sorted(leaks, key=repr):
                near = {m for r in by_cell[cell] for m in r.members if m not in suppressed}
                if not near:  # the relations around it are all unknown: widen to their neighbours
                    unknown = {m for r in by_cell[cell] for m in r.members}
                    near = {m for u in unknown for r in by_cell[u] for m in r.members if m not in suppressed}
                choice = _cheapest(table, near)
                if choice is not None:
                    suppressed.add(choice)
                    added = True
            if not added:  # nothing left to suppress near the leaks: suppress every cell
                suppressed |= set(table.values) - table.hidden
                break
    published = {k: v for k, v in table.values.items() if k not in suppressed and k not in table.hidden}
    return Protected(published, frozenset(primary), frozenset(suppressed - primary), threshold)


def _no_single_unknown(table: Table, suppressed: set[Key]) -> None:
    """The classic rule first (cheap, and usually enough): no relation may have exactly one
    unknown member, or that member is its total minus the rest. Adds to `suppressed` in place."""
    changed = True
    while changed:
        changed = False
        for relation in table.relations:
            unknown = [m for m in relation.members if m in suppressed or m in table.hidden]
            if len(unknown) != 1:
                continue
            if unknown[0] in table.hidden and unknown[0] not in suppressed:
                continue  # a rest alone in its relation: the exact test decides whether it is small
            choice = _cheapest(table, [m for m in relation.members if m not in suppressed])
            if choice is not None:
                suppressed.add(choice)
                changed = True
