"""Repeated keys within one import: a row whose key (or another value that must be unique, such
as an address) was seen in an earlier row is refused.

`KeyIndex` is the row path's: per key field a set, or — when the importer wants the earlier
row named in the message — a dict from value to its first row (a Python dict entry costs about
twice a set entry, which the registers' province-scale files notice; they keep the set).

`SeenKeys` is the columnar path's, exact and at numpy speed: the keys seen so far are kept
per column as one sorted numpy array of fixed-width byte strings (UTF-8, a terminator byte,
NUL padding): some 20 bytes per key instead of about 100 for a str in a set, and comparisons
by numpy's sort and binary search instead of Python. The terminator (0x01 after the last
byte) keeps NUL padding from making "A" and "A\\0" equal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pyarrow as pa


class KeyIndex:
    """Values seen per field. `earlier(field, value, row)` is None for a first occurrence, else
    the row it occurred in first (0 when rows are not remembered)."""

    def __init__(self, *, remember_rows: bool = True) -> None:
        self.remember_rows = remember_rows
        self._first: dict[str, dict[Any, int]] = {}
        self._seen: dict[str, set[Any]] = {}

    def earlier(self, field: str, value: Any, row: int) -> int | None:
        if self.remember_rows:
            rows = self._first.get(field)
            if rows is None:
                rows = self._first[field] = {}
            first = rows.setdefault(value, row)
            return None if first == row else first
        seen = self._seen.get(field)
        if seen is None:
            seen = self._seen[field] = set()
        if value in seen:
            return 0
        seen.add(value)
        return None


class SeenKeys:
    """`repeated(name, values)` marks the values seen before: in earlier calls or earlier in this one."""

    def __init__(self) -> None:
        self._seen: dict[str, np.ndarray] = {}

    def repeated(self, name: str, values: pa.Array | Sequence[Any]) -> np.ndarray:
        keys = fixed_width(values)
        n = len(keys)
        order = np.argsort(keys, kind="stable")  # equal keys in row order
        ordered = keys[order]
        repeated = np.zeros(n, dtype=bool)
        if n > 1:
            repeated[order[1:][ordered[1:] == ordered[:-1]]] = True  # later copies within this call
        earlier = self._seen.get(name, np.zeros(0, dtype="S1"))
        width = max(earlier.dtype.itemsize, keys.dtype.itemsize)
        earlier, ordered = earlier.astype(f"S{width}"), ordered.astype(f"S{width}")
        left = np.searchsorted(earlier, ordered)
        if len(earlier):
            found = earlier[np.minimum(left, len(earlier) - 1)] == ordered
            repeated[order[found]] = True
        fresh = ~repeated[order]
        self._seen[name] = np.insert(earlier, left[fresh], ordered[fresh])
        return repeated


def fixed_width(values: pa.Array | Sequence[Any]) -> np.ndarray:
    """The values (as str) as a numpy array of byte strings: UTF-8, then 0x01, NUL-padded."""
    if not isinstance(values, pa.Array | pa.ChunkedArray):
        values = pa.array([str(v) for v in values], pa.string())
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    values = values.cast(pa.large_binary()).fill_null(b"")
    n = len(values)
    offsets = np.frombuffer(values.buffers()[1], np.int64, n + 1, values.offset * 8)
    data = np.frombuffer(values.buffers()[2] or b"\0", np.uint8)
    lengths = np.diff(offsets)
    width = int(lengths.max(initial=0)) + 1
    columns = np.arange(width)
    positions = np.minimum(offsets[:-1, None] + columns, len(data) - 1)
    matrix = np.where(columns < lengths[:, None], data[positions], 0).astype(np.uint8)
    matrix[np.arange(n), lengths] = 1
    return np.ascontiguousarray(matrix).view(f"S{width}").ravel()
