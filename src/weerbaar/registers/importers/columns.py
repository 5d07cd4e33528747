"""Column-at-a-time helpers for the columnar importers (see weerbaar.importing.plugins).

Each helper gives the values the per-row `clean` would give for rows in the common form, and
marks as *suspect* the rows it cannot vouch for; those go through `clean` itself, which gives
their values or their error messages. So these helpers may be stricter than `clean`, never
more lenient.

The columns are Arrow arrays, worked on with Arrow's compute functions (C++, no Python object
per value). The common form is printable ASCII: there Arrow's upper-casing and trimming give
exactly what Python's str methods give; other text is left to `clean` where it matters.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import shapely

from weerbaar.importing.readers.gdal import FeatureChunk

from .. import identifiers


def mask(values: Any) -> np.ndarray:
    """A boolean Arrow array (null as False) as a numpy array."""
    return pc.fill_null(values, False).to_numpy(zero_copy_only=False)


def lengths(values: pa.Array) -> np.ndarray:
    """The number of characters of each str (a column without nulls)."""
    return pc.utf8_length(values).to_numpy(zero_copy_only=False)


def matches(pattern: re.Pattern[str] | str, values: pa.Array) -> np.ndarray:
    """Boolean array: the value matches the regular expression (a null never does)."""
    return identifiers.holds(values, pattern)


def printable(values: pa.Array) -> np.ndarray:
    """Boolean array: printable ASCII (the form the Arrow rules below cover exactly)."""
    return matches(identifiers.PRINTABLE_ASCII, values)


def is_text(column: pa.Array) -> bool:
    """A string column (GDAL's OFTString), as opposed to numbers or dates."""
    return pa.types.is_string(column.type) or pa.types.is_large_string(column.type)


def text(chunk: FeatureChunk, name: str) -> pa.Array:
    """`str(value or "")` for each value of the column (all "" when the column is absent)."""
    column = chunk.columns.get(name)
    if column is None:
        return pa.array([""] * len(chunk), pa.string())
    if is_text(column):
        return pc.fill_null(column, "")
    return pa.array([str(v) if v else "" for v in chunk.plain(name)], pa.string())


def first_text(chunk: FeatureChunk, *names: str) -> pa.Array:
    """`str(a or b or "")`: the first non-empty of several columns."""
    present = [name for name in names if name in chunk.columns] or list(names[:1])
    result = text(chunk, present[0])
    for name in present[1:]:
        result = pc.if_else(pc.equal(result, ""), text(chunk, name), result)
    return result


def stripped(values: pa.Array) -> tuple[pa.Array, np.ndarray]:
    """`v.strip()` for each str whose ends are printable ASCII once the spaces are trimmed;
    a value that begins or ends with anything else is suspect (Python's and Arrow's ideas of
    white space differ outside ASCII). Letters with diacritics inside a name are fine."""
    trimmed = pc.utf8_trim(values, " ")
    return trimmed, ~matches(r"(?s)^([!-~](.*[!-~])?)?\z", trimmed)


def upper_stripped(values: pa.Array) -> tuple[pa.Array, np.ndarray]:
    """`v.strip().upper()` for printable ASCII (where strip removes spaces); the rest is suspect."""
    return pc.ascii_upper(pc.utf8_trim(values, " ")), ~printable(values)


def integers(chunk: FeatureChunk, name: str, *, required: bool = False) -> tuple[pa.Array, np.ndarray]:
    """An integer column (null when missing) and its suspect rows.

    GDAL gives an integer field as int64 (or int32), a real one as double: whole numbers are
    taken as `int()` takes them; non-finite numbers and text are left to the per-row `clean`.
    """
    column = chunk.columns.get(name)
    n = len(chunk)
    if column is None:
        return pa.nulls(n, pa.int64()), np.full(n, required)
    missing = mask(pc.is_null(column, nan_is_null=True))
    if pa.types.is_integer(column.type):
        return pc.cast(column, pa.int64()), missing & required
    if pa.types.is_floating(column.type):
        finite = mask(pc.is_finite(column))
        values = pc.cast(pc.if_else(finite, column, None), pa.int64(), safe=False)  # truncates as int()
        return values, (~finite & ~missing) | (missing & required)
    given = np.array([v is not None and v != "" for v in chunk.plain(name)], dtype=bool)
    return pa.nulls(n, pa.int64()), given | required


def geometry_ok(chunk: FeatureChunk, expected: tuple[str, ...]) -> np.ndarray:
    """Boolean array: a readable, valid geometry of one of the expected types."""
    type_ids = [int(getattr(shapely.GeometryType, t.upper())) for t in expected]
    shapes = chunk.shapes
    present = ~shapely.is_missing(shapes)
    return present & np.isin(shapely.get_type_id(shapes), type_ids) & chunk.valid & ~shapely.has_z(shapes)


def geometry_wkb(chunk: FeatureChunk) -> pa.Array:
    """The features' WKB as `clean` stores it (null for a missing geometry)."""
    return chunk.geoms


def inner_points(shapes: np.ndarray) -> pa.Array:
    """WKB of a point inside each polygon (shapely's point_on_surface), 2D little endian."""
    return pa.array(
        shapely.to_wkb(shapely.point_on_surface(shapes), output_dimension=2, byte_order=1), pa.binary()
    )


def coordinates(chunk: FeatureChunk, x: str, y: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(given, n x 2 array, suspect) for a pair of real coordinate columns; null/NaN = not given.

    Columns of another type make the rows that have a value suspect (the per-row path decides).
    """
    n = len(chunk)
    xs, ys = chunk.columns.get(x), chunk.columns.get(y)
    if xs is None or ys is None:
        return np.zeros(n, dtype=bool), np.zeros((n, 2)), np.zeros(n, dtype=bool)
    if not (pa.types.is_floating(xs.type) and pa.types.is_floating(ys.type)):
        odd = np.array(
            [a is not None or b is not None for a, b in zip(chunk.plain(x), chunk.plain(y), strict=True)]
        )
        return np.zeros(n, dtype=bool), np.zeros((n, 2)), odd
    xv = pc.fill_null(xs, np.nan).to_numpy(zero_copy_only=False)
    yv = pc.fill_null(ys, np.nan).to_numpy(zero_copy_only=False)
    given = ~np.isnan(xv) & ~np.isnan(yv)
    return given, np.column_stack([np.where(given, xv, 0.0), np.where(given, yv, 0.0)]), np.zeros(n, bool)


#: a 2D point in WKB, little endian: byte order, type 1, x, y (21 bytes)
_POINT_WKB = np.dtype([("order", "u1"), ("type", "<u4"), ("x", "<f8"), ("y", "<f8")])


def points(xy: np.ndarray) -> pa.Array:
    """WKB of 2D points (an n x 2 array), the same bytes as importing.geometry.point_wkb, built at once."""
    packed = np.empty(len(xy), dtype=_POINT_WKB)
    packed["order"], packed["type"], packed["x"], packed["y"] = 1, 1, xy[:, 0], xy[:, 1]
    offsets = np.arange(len(xy) + 1, dtype=np.int32) * _POINT_WKB.itemsize
    return pa.Array.from_buffers(
        pa.binary(), len(xy), [None, pa.py_buffer(offsets), pa.py_buffer(packed.tobytes())]
    )


def constant(value: Any, n: int) -> list[Any]:
    """A column of one value (a plain str for a TextChoices member)."""
    return [str(value) if isinstance(value, str) else value] * n
