"""Geometries read from their bytes with numpy, without a geometry object per feature (tiles.py).

SpatiaLite's BLOB of a simple geometry turned into WKB by cutting its header; the WKB of a whole
tile's polygons read at once into the ragged arrays `shapely.to_ragged_array` gives.
"""

from __future__ import annotations

import struct

import numpy as np

from .mvt import _exclusive_cumsum

#: SpatiaLite BLOB class types (little endian) whose body is the WKB body: XY, XYZ, XYM, XYZM
_SIMPLE_CLASSES = frozenset(
    struct.pack("<I", base + kind) for base in (0, 1000, 2000, 3000) for kind in (1, 2, 3)
)


def spatialite_wkb(blobs: list[bytes]) -> list[bytes] | None:
    """WKB of SpatiaLite BLOB geometries of a simple type (point, line, polygon), or None.

    Such a BLOB is 0x00, the byte order, SRID (4), MBR (32), 0x7C, the class type (4), the same
    body as WKB, and 0xFE; so WKB is the byte order + the rest without the trailer. Multi types and
    compressed geometries differ inside the body: None, and the caller asks SpatiaLite for WKB."""
    try:
        if not all(b[0] == 0 and b[1] == 1 and b[38] == 0x7C and b[39:43] in _SIMPLE_CLASSES for b in blobs):
            return None
    except (IndexError, TypeError):
        return None
    return [b"\x01" + b[39:-1] for b in blobs]


def ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Indices start .. start + length - 1 of every range, concatenated: one gather, no loop."""
    return np.arange(int(lengths.sum()), dtype=np.int64) + np.repeat(
        starts - _exclusive_cumsum(lengths), lengths
    )


def segments(lengths: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Indices of the elements of consecutive segments of these lengths, taking the segments in
    `order`: one gather, no loop over segments."""
    return ranges(_exclusive_cumsum(lengths)[order], lengths[order])


def polygon_wkb_ragged(wkb: list[bytes]) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Little-endian 2D POLYGON WKB read with numpy, all geometries at once: (coordinates, ring
    offsets, polygon offsets), as `shapely.to_ragged_array`; None if one is anything else.

    A polygon's WKB is the byte order (1), the type (4), the number of rings (4), then per ring the
    number of points (4) and the points (16 each). The rings are read one level at a time (first
    rings of all polygons, then second rings of those with holes ...): no loop per polygon."""
    if not wkb:
        return None
    sizes = np.fromiter(map(len, wkb), dtype=np.int64, count=len(wkb))
    if sizes.min() < 9:
        return None
    data = np.frombuffer(b"".join(wkb), dtype=np.uint8)
    starts = _exclusive_cumsum(sizes)

    def uint32(at: np.ndarray) -> np.ndarray:
        return data[at[:, None] + np.arange(4)].copy().view("<u4").ravel().astype(np.int64)

    header = data[starts[:, None] + np.arange(5)]
    if not ((header[:, 0] == 1).all() and (header[:, 1:] == (3, 0, 0, 0)).all()):
        return None
    n_rings = uint32(starts + 5)
    ends = starts + sizes
    position = starts + 9
    ring_polygon, ring_level, ring_starts, ring_lens = [], [], [], []
    for level in range(int(n_rings.max())):
        active = np.flatnonzero(n_rings > level)
        at = position[active]
        if (at + 4 > ends[active]).any():
            return None
        points = uint32(at)
        ring_polygon.append(active)
        ring_level.append(np.full(len(active), level))
        ring_starts.append(at + 4)
        ring_lens.append(points)
        position[active] = at + 4 + 16 * points
    if not ring_polygon or not (position == ends).all():
        return None
    order = np.lexsort(
        (np.concatenate(ring_level), np.concatenate(ring_polygon))
    )  # rings of a polygon together, exterior first
    ring_start, ring_len = np.concatenate(ring_starts)[order], np.concatenate(ring_lens)[order]
    # the bytes of every point, gathered in ring order, read as little-endian doubles
    byte_index = ranges(ring_start, 16 * ring_len)
    coords = data[byte_index].view("<f8").reshape(-1, 2)
    ring_offsets = np.concatenate(([0], np.cumsum(ring_len)))
    polygon_offsets = np.concatenate(([0], np.cumsum(n_rings)))
    return coords, ring_offsets, polygon_offsets
