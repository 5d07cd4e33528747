"""Column-at-a-time helpers for the columnar importers (see base.ColumnarImporter).

Each helper gives the values the per-row `clean` would give for rows in the common form, and
marks as *suspect* the rows it cannot vouch for; those go through `clean` itself, which gives
their values or their error messages. So these helpers may be stricter than `clean`, never
more lenient.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import shapely

from .sources import GpkgChunk


def text(values: list[Any]) -> list[str]:
    """`str(value or "")` for each value."""
    return [str(v) if v else "" for v in values]


def upper_stripped(values: list[str]) -> list[str]:
    """`v.strip().upper()` for each str (mapped at C level: faster than numpy's string functions)."""
    return list(map(str.upper, map(str.strip, values)))


def first_text(*columns: list[Any]) -> list[str]:
    """`str(a or b or "")`: the first non-empty of several columns."""
    columns = tuple(c for c in columns if c.count(None) != len(c)) or columns[:1]  # skip absent ones
    if len(columns) == 1:
        return text(columns[0])
    return [str(next((v for v in row if v), "")) for row in zip(*columns, strict=True)]


def matches(pattern: re.Pattern[str], values: list[str]) -> np.ndarray:
    """Boolean array: the value matches the regular expression."""
    match = pattern.match
    return np.fromiter((match(v) is not None for v in values), dtype=bool, count=len(values))


def integers(chunk: GpkgChunk, name: str, *, required: bool = False) -> tuple[list[int | None], np.ndarray]:
    """An integer column (`None` when missing) and its suspect rows.

    GDAL gives an integer field as int64, or as float64 with NaN when some values are missing;
    text and non-finite numbers are left to the per-row `clean`.
    """
    column = chunk.columns.get(name)
    n = len(chunk)
    if column is None:
        return [None] * n, np.full(n, required)
    kind = column.dtype.kind
    if kind in "iu":
        return column.tolist(), np.zeros(n, dtype=bool)
    if kind == "f":
        missing = np.isnan(column)
        suspect = ~np.isfinite(column) & ~missing
        if required:
            suspect |= missing
        finite = np.where(np.isfinite(column), column, 0).astype(np.int64).tolist()
        return [None if m else v for v, m in zip(finite, missing.tolist(), strict=True)], suspect
    return [None] * n, np.array([v is not None and v != "" for v in chunk.plain(name)], dtype=bool) | required


def geometry_ok(chunk: GpkgChunk, expected: tuple[str, ...]) -> np.ndarray:
    """Boolean array: a readable, valid geometry of one of the expected types."""
    type_ids = [int(getattr(shapely.GeometryType, t.upper())) for t in expected]
    present = np.array([g is not None for g in chunk.geoms], dtype=bool)
    shapes = chunk.shapes
    return present & np.isin(shapely.get_type_id(shapes), type_ids) & chunk.valid & ~shapely.has_z(shapes)


def geometry_wkb(chunk: GpkgChunk) -> list[Any]:
    """The features' WKB as `clean` stores it (bytes; None for a missing geometry)."""
    return [None if g is None else bytes(g) for g in chunk.geoms]


def inner_points(shapes: np.ndarray) -> list[bytes]:
    """WKB of a point inside each polygon (shapely's point_on_surface), 2D little endian."""
    return list(shapely.to_wkb(shapely.point_on_surface(shapes), output_dimension=2, byte_order=1))


def coordinates(chunk: GpkgChunk, x: str, y: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(given, n x 2 array, suspect) for a pair of real coordinate columns; NaN = not given.

    Columns of another type make the rows that have a value suspect (the per-row path decides).
    """
    n = len(chunk)
    xs, ys = chunk.columns.get(x), chunk.columns.get(y)
    if xs is None or ys is None:
        return np.zeros(n, dtype=bool), np.zeros((n, 2)), np.zeros(n, dtype=bool)
    if xs.dtype.kind != "f" or ys.dtype.kind != "f":
        odd = np.array(
            [a is not None or b is not None for a, b in zip(chunk.plain(x), chunk.plain(y), strict=True)]
        )
        return np.zeros(n, dtype=bool), np.zeros((n, 2)), odd
    given = ~np.isnan(xs) & ~np.isnan(ys)
    return (
        given,
        np.column_stack([np.where(given, xs, 0.0), np.where(given, ys, 0.0)]),
        np.zeros(n, dtype=bool),
    )


#: a 2D point in WKB, little endian: byte order, type 1, x, y (21 bytes)
_POINT_WKB = np.dtype([("order", "u1"), ("type", "<u4"), ("x", "<f8"), ("y", "<f8")])


def points(xy: np.ndarray) -> list[bytes]:
    """WKB of 2D points (an n x 2 array), the same bytes as base.point_wkb, built at once."""
    packed = np.empty(len(xy), dtype=_POINT_WKB)
    packed["order"], packed["type"], packed["x"], packed["y"] = 1, 1, xy[:, 0], xy[:, 1]
    buffer, size = packed.tobytes(), _POINT_WKB.itemsize
    return [buffer[i : i + size] for i in range(0, len(buffer), size)]
