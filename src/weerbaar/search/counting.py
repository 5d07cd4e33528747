"""Facet values as bitmasks over the documents of the kinds searched, and the documents in order of
freshness: filters are integer AND/OR, a count is a popcount, and a page of the newest documents
is the first set bits in that order — so counting every facet value of thousands of matching
documents costs next to nothing.

The masks are derived from the index's tables and kept per worker until the index's stamp changes
(an edit anywhere), then read again (two queries). They say which documents carry a value, nothing
about who may see them: a search counts only within the documents its SQL found for the context
(access levels and organisation applied there).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence

from django.db import connection

#: mask sets kept per worker (one per combination of kinds searched)
CACHED_MASKS = 8


def _mask(positions: Iterable[int], size: int) -> int:
    bits = bytearray((size + 7) // 8)
    for position in positions:
        bits[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(bits, "little")


class FacetMasks:
    """Document id -> bit position (the position in order of freshness: newest first, undated
    last, then by id), and facet name -> value -> mask of the documents holding it."""

    def __init__(self, document_ids: Sequence[int], values: Iterable[tuple[int, str, str]]) -> None:
        #: the documents, freshest first
        self.by_freshness = list(document_ids)
        self.positions = {document_id: i for i, document_id in enumerate(document_ids)}
        self.size = len(document_ids)
        grouped: dict[str, dict[str, list[int]]] = {}
        for document_id, name, value in values:
            position = self.positions.get(document_id)
            if position is not None:
                grouped.setdefault(name, {}).setdefault(value, []).append(position)
        self.masks = {
            name: {value: _mask(found, self.size) for value, found in by_value.items()}
            for name, by_value in grouped.items()
        }

    def of(self, document_ids: Iterable[int]) -> int:
        """The mask of these documents (ids the masks do not know yet are left out)."""
        positions = self.positions
        return _mask((positions[i] for i in document_ids if i in positions), self.size)

    def members(self, mask: int) -> set[int]:
        """The bit positions set in `mask`."""
        bits = mask.to_bytes((self.size + 7) // 8 or 1, "little")
        return {
            byte_index * 8 + bit
            for byte_index, byte in enumerate(bits)
            if byte
            for bit in range(8)
            if byte >> bit & 1
        }

    def freshest(self, mask: int, *, skip: int = 0, take: int | None = None) -> list[int]:
        """The ids of the documents in `mask`, freshest first, from the `skip`-th on."""
        found: list[int] = []
        while mask and (take is None or len(found) < skip + take):
            low = mask & -mask  # the lowest set bit: the freshest document left
            position = low.bit_length() - 1
            found.append(self.by_freshness[position])
            mask ^= low
        return found[skip:]

    def holding(self, name: str, values: Sequence[str]) -> int:
        """The documents that hold any of `values` of facet `name`."""
        masks = self.masks.get(name, {})
        found = 0
        for value in values:
            found |= masks.get(value, 0)
        return found

    def counts(
        self, matched: int, chosen: Mapping[str, Sequence[str]], names: Iterable[str]
    ) -> dict[str, dict[str, int]]:
        """Per facet, per value, how many matching documents hold it; a facet's own choice does
        not narrow its counts, the other facets' choices do (disjunctive facets)."""
        narrowing = {name: self.holding(name, values) for name, values in chosen.items()}
        counts: dict[str, dict[str, int]] = {}
        for name in names:
            scope = matched
            for other, mask in narrowing.items():
                if other != name:
                    scope &= mask
            found = {value: (scope & mask).bit_count() for value, mask in self.masks.get(name, {}).items()}
            counts[name] = dict(
                sorted(((v, c) for v, c in found.items() if c), key=lambda vc: (-vc[1], vc[0]))
            )
        return counts


_lock = threading.Lock()
_cache: OrderedDict[tuple[str, frozenset[str]], FacetMasks] = OrderedDict()


def _load(kinds: frozenset[str]) -> FacetMasks:
    marks = ", ".join(["%s"] * len(kinds))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM search_document WHERE kind IN ({marks}) "  # noqa: S608 (placeholders only)
            "ORDER BY freshness DESC NULLS LAST, id",
            list(kinds),
        )
        ids = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT f.document_id, f.name, f.value FROM search_facet f "  # noqa: S608 (placeholders only)
            f"JOIN search_document d ON d.id = f.document_id WHERE d.kind IN ({marks})",
            list(kinds),
        )
        return FacetMasks(ids, cursor.fetchall())


def facet_masks_for(kinds: Iterable[str], *, stamp: str) -> FacetMasks:
    """The facet masks of `kinds` as of the index's `stamp`."""
    key = (stamp, frozenset(kinds))
    with _lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
            return found
    loaded = _load(key[1])
    with _lock:
        for stale in [k for k in _cache if k[0] != stamp]:
            del _cache[stale]
        _cache[key] = loaded
        while len(_cache) > CACHED_MASKS:
            _cache.popitem(last=False)
    return loaded
