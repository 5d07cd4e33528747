"""The fair floor of a parcel tile (`make bench-viewer`, PostGIS): `ST_AsMVT` on what the app encodes.

Like for like with the app's tile view: the same features (the tile's RD New bounding box through
the GiST index, the same bounding-box area pre-filter and exact minimum area as `geo/tiles.py`),
the same pixels (the app's per-tile affine fit, `ST_Affine`, instead of `ST_Transform` on every
vertex), the same clip buffer and grid, no parallel workers or JIT (as the app's tile queries),
and as many concurrent clients as the app gets. What it leaves out is everything around the
query: HTTP, Django, access checks. Written out here, not taken from the app, so that the
feature counts of both (`compare`) check one against the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from benchmarks import harness

LAYER = "brk-percelen"
FLOOR_SQL = """
SELECT ST_AsMVT(t, 'brk-percelen', 4096, 'geom') FROM (
    SELECT kadastrale_aanduiding AS id,
           ST_AsMVTGeom(ST_Affine(geometrie, %s, %s, %s, %s, %s, %s),
                        ST_MakeEnvelope(0, 0, 4096, 4096), 4096, 64, true) AS geom
    FROM registers_kadastraalobject
    WHERE soort = 'perceel' AND geometrie IS NOT NULL
      AND geometrie && ST_MakeEnvelope(%s, %s, %s, %s, 28992)
      AND (ST_XMax(geometrie) - ST_XMin(geometrie)) * (ST_YMax(geometrie) - ST_YMin(geometrie)) >= %s
      AND ST_Area(geometrie) >= %s
) AS t
"""
SESSION = "SET max_parallel_workers_per_gather = 0; SET jit = off"


def parameters(url: str) -> tuple[float, ...]:
    """The query parameters of a WebMercatorQuad tile URL (…/{z}/{y}/{x}): the app's affine map
    (y up for ST_AsMVTGeom), RD New bounding box and minimum polygon area of that tile."""
    from weerbaar.core.spatial import to_rd_bbox
    from weerbaar.geo.tiles import EXTENT, TILE_MATRIX_SETS, min_area, tile_affine

    z, y, x = (int(v) for v in url.rsplit("/", 3)[1:])
    tms = TILE_MATRIX_SETS["WebMercatorQuad"]
    (a, b, x_offset), (d, e, y_offset) = tile_affine(tms, tms.bounds(z, x, y)).tolist()
    area = min_area(tms, z, y, "polygon")
    return (a, b, -d, -e, x_offset, EXTENT - y_offset, *to_rd_bbox(tms.bounds(z, x, y), tms.srid), area, area)


class FloorClient:
    """One database connection of its own running the floor query (parameters computed beforehand:
    only the query is timed)."""

    def __init__(self, prepared: dict[str, tuple[float, ...]]) -> None:
        from django.db import connection

        self.connection = connection  # this thread's own
        self.prepared = prepared
        self.cursor = connection.cursor()
        self.cursor.execute(SESSION)

    def __call__(self, url: str) -> harness.Reply:
        self.cursor.execute(FLOOR_SQL, self.prepared[url])
        row = self.cursor.fetchone()
        return harness.Reply(200, bytes(row[0]) if row and row[0] else b"")

    def close(self) -> None:
        self.cursor.close()
        self.connection.close()


def measure(urls: Sequence[str]) -> harness.Measurement:
    """The floor of these tiles with `harness.CLIENTS` concurrent connections, bodies kept."""
    prepared = {url: parameters(url) for url in urls}
    return harness.concurrent(urls, lambda: FloorClient(prepared), keep=True)


def _fields(data: bytes, start: int, end: int):
    """(field number, wire type, value start, value end) of the protobuf message data[start:end]."""
    position = start
    while position < end:
        key, position = _varint(data, position)
        number, wire = key >> 3, key & 7
        if wire == 0:
            _, after = _varint(data, position)
            yield number, wire, position, after
        elif wire == 2:
            length, position = _varint(data, position)
            yield number, wire, position, position + length
            after = position + length
        elif wire in (1, 5):
            after = position + (8 if wire == 1 else 4)
        else:
            raise ValueError(f"not a vector tile: wire type {wire} at byte {position}")
        position = after


def _varint(data: bytes, position: int) -> tuple[int, int]:
    value, shift = 0, 0
    while True:
        byte = data[position]
        position += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, position
        shift += 7


def feature_count(tile: bytes) -> int:
    """Features of every layer of a Mapbox Vector Tile (layers are field 3, features field 2)."""
    return sum(
        1
        for number, wire, start, end in _fields(tile, 0, len(tile))
        if number == 3 and wire == 2
        for feature, kind, _s, _e in _fields(tile, start, end)
        if feature == 2 and kind == 2
    )


def tile_stats(bodies: dict[str, bytes]) -> dict[str, Any]:
    """Tiles, features (all, mean and most per tile) and sizes (mean and largest, KB)."""
    counts = [feature_count(body) for body in bodies.values()]
    sizes = [len(body) for body in bodies.values()]
    n = max(len(bodies), 1)
    return {
        "tiles": len(bodies),
        "features": sum(counts),
        "features_mean": round(sum(counts) / n, 1),
        "features_max": max(counts, default=0),
        "kb_mean": round(sum(sizes) / n / 1024, 1),
        "kb_max": round(max(sizes, default=0) / 1024, 1),
    }


def compare(floor: dict[str, bytes], app: dict[str, bytes]) -> tuple[int, list[str]]:
    """Per tile, the floor and the app must encode the same features. Returns the number of
    features found in only one of them that lie wholly in the 64-pixel buffer (not drawn in the
    tile: a clipped remnant of under a pixel may come out of one encoder and not the other) and
    a description of every other difference (a failure)."""
    import mapbox_vector_tile
    import shapely.geometry

    inside = shapely.geometry.box(0, 0, 4096, 4096)
    buffer_only, problems = 0, []
    for url, body in floor.items():
        theirs = app.get(url)
        if theirs is None:
            problems.append(f"{url}: no answer from the app")
            continue
        if feature_count(body) == feature_count(theirs):
            continue
        decoded = [
            {
                f["properties"]["id"]: shapely.geometry.shape(f["geometry"])
                for f in mapbox_vector_tile.decode(tile, default_options={"y_coord_down": True}).get(
                    LAYER, {"features": []}
                )["features"]
            }
            for tile in (body, theirs)
        ]
        for fid in set(decoded[0]) ^ set(decoded[1]):
            shape = decoded[0].get(fid) or decoded[1][fid]
            if shape.intersection(inside).area > 0:
                side = "floor" if fid in decoded[0] else "app"
                problems.append(f"{url}: {fid} drawn in the tile, only by the {side}")
            else:
                buffer_only += 1
    return buffer_only, problems
