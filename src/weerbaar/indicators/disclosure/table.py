"""Tables of counts with their linear relations, and builders for hierarchical tables.

What must hold: a relation says `total == sum(parts) (+ rest)` for the stored values; `Table.check`
refuses a table whose values break one of its relations (a suppression computed on inconsistent
figures would protect nothing).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Key = Hashable


@dataclass(frozen=True)
class Relation:
    """`total == sum(parts)`; with `rest`, the key of a hidden cell that makes up the difference."""

    total: Key
    parts: tuple[Key, ...]
    rest: Key | None = None

    @property
    def members(self) -> tuple[Key, ...]:
        return (self.total, *self.parts, *((self.rest,) if self.rest is not None else ()))


@dataclass
class Table:
    """Cell values (counts) and the relations between cells. `hidden` cells (rests) are never
    published but are protected like any other cell when they are small."""

    values: dict[Key, int]
    relations: list[Relation] = field(default_factory=list)
    hidden: set[Key] = field(default_factory=set)

    def check(self) -> None:
        for relation in self.relations:
            parts = sum(self.values[p] for p in relation.parts)
            rest = self.values[relation.rest] if relation.rest is not None else 0
            if self.values[relation.total] != parts + rest:
                raise ValueError(f"{relation.total!r} is niet de som van zijn delen")

    def add_relation(self, total: Key, parts: Sequence[Key]) -> None:
        """`total` over `parts`; when they do not add up, a hidden rest cell makes the difference
        (a parent area minus the children the source lists is still a figure of its own)."""
        difference = self.values[total] - sum(self.values[p] for p in parts)
        if difference < 0:  # the parts are not inside the total (figures of another definition)
            return
        rest = None
        if difference:
            rest = ("rest", total, len(self.relations))
            self.values[rest] = difference
            self.hidden.add(rest)
        self.relations.append(Relation(total, tuple(parts), rest))


def hierarchical(
    base: Mapping[tuple[Key, ...], int],
    hierarchies: Sequence[Mapping[Key, Sequence[Key]]],
) -> Table:
    """The full cross-classified table over `base` cells (one key per dimension): for each
    dimension a hierarchy `{node: children}` (a total and its categories, a province and its
    municipalities, a year and its months). Every combination of nodes becomes a cell, its value
    the sum of the base cells below it, and every (node, its children) × the other dimensions'
    nodes a relation: row and column totals, parent areas, period totals."""
    dims = len(hierarchies)

    def leaves(dim: int, node: Key) -> list[Key]:
        children = hierarchies[dim].get(node)
        if not children:
            return [node]
        return [leaf for child in children for leaf in leaves(dim, child)]

    nodes: list[list[Key]] = []
    for dim in range(dims):
        seen = {key[dim] for key in base}
        seen |= set(hierarchies[dim])
        nodes.append(sorted(seen, key=repr))
    values: dict[Key, int] = {}
    for combination in itertools.product(*nodes):
        cells = itertools.product(*(leaves(d, n) for d, n in enumerate(combination)))
        values[combination] = sum(base.get(cell, 0) for cell in cells)
    table = Table(values=values)
    for dim in range(dims):
        for node, children in hierarchies[dim].items():
            others = [nodes[d] if d != dim else [None] for d in range(dims)]
            for combination in itertools.product(*others):
                total = tuple(node if d == dim else combination[d] for d in range(dims))
                parts = [tuple(c if d == dim else combination[d] for d in range(dims)) for c in children]
                table.relations.append(Relation(total, tuple(parts)))
    table.check()
    return table


def area_table(values: Mapping[str, int], *, parents: Mapping[str, str | None]) -> Table:
    """One period of one indicator over CBS areas: each area with its listed children; a parent
    whose children do not add up gets a hidden rest."""
    table = Table(values=dict[Key, int](values.items()))
    children: dict[str, list[str]] = {}
    for code, parent in parents.items():
        if parent is not None and parent in values and code in values:
            children.setdefault(parent, []).append(code)
    for parent, listed in sorted(children.items()):
        table.add_relation(parent, sorted(listed))
    return table


def area_period_table(
    values: Mapping[tuple[str, Any, Any], int], *, parent_of: Callable[[str], str | None]
) -> Table:
    """One indicator over CBS areas and periods, cells keyed (area, start, end) with inclusive
    dates: within a period each area over its listed children; within an area each period over
    the largest set of non-overlapping periods it contains that contain no other (a year over its
    months, or a year-to-date figure over the previous one, which leaves the last month as a
    hidden rest). Whatever does not add up becomes a hidden rest, so a difference of two periods
    or a parent minus its children is a cell the suppression protects."""
    table = Table(values={key: value for key, value in values.items()})
    by_period: dict[tuple[Any, Any], list[str]] = {}
    by_area: dict[str, list[tuple[Any, Any]]] = {}
    for code, start, end in values:
        by_period.setdefault((start, end), []).append(code)
        by_area.setdefault(code, []).append((start, end))
    for (start, end), codes in sorted(by_period.items()):
        present = set(codes)
        children: dict[str, list[str]] = {}
        for code in codes:
            parent = parent_of(code)
            if parent is not None and parent in present:
                children.setdefault(parent, []).append(code)
        for parent, listed in sorted(children.items()):
            table.add_relation((parent, start, end), [(c, start, end) for c in sorted(listed)])
    for code, periods in sorted(by_area.items()):
        for start, end in periods:
            inside = [(s, e) for s, e in periods if start <= s and e <= end and (s, e) != (start, end)]
            smallest = [
                p for p in inside if not any(q != p and p[0] <= q[0] and q[1] <= p[1] for q in inside)
            ]
            parts: list[tuple[Any, Any]] = []
            for s, e in sorted(smallest):
                if not parts or s > parts[-1][1]:
                    parts.append((s, e))
            if parts:
                table.add_relation((code, start, end), [(code, s, e) for s, e in parts])
    table.check()
    return table


def linked(tables: Iterable[Table]) -> Table:
    """Several tables as one (keys must not clash): what is published together is protected together."""
    merged = Table(values={})
    for table in tables:
        merged.values.update(table.values)
        merged.relations.extend(table.relations)
        merged.hidden |= table.hidden
    return merged
