"""Repeated keys across the chunks of one load, found exactly and at numpy speed.

The keys seen so far are kept per column as one sorted numpy array of fixed-width byte
strings (UTF-8, a terminator byte, NUL padding): some 20 bytes per key instead of about 100
for a str in a set, and comparisons by numpy's sort and binary search instead of Python.
The terminator (0x01 after the last byte) keeps NUL padding from making "A" and "A\\0" equal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pyarrow as pa


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
