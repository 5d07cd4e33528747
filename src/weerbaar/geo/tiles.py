"""Mapbox Vector Tiles per layer in WebMercatorQuad and NetherlandsRDNewQuad.

The features of a tile are selected through the spatial index (SpatiaLite's R*Tree, PostGIS's
GiST) with the same pre-filter on both databases; at low zoom polygons smaller than a few pixels
are dropped, and geometries are mapped to tile pixels by one affine transformation per tile and
snapped to the 4096 grid, so a tile stays small. Two encoders of those same features:
`render_python` reads their WKB as stored (RD New) and encodes with numpy (`mvt.py`), on either
database; `render_st_asmvt` has PostGIS do the same with `ST_Affine`, `ST_AsMVTGeom` and
`ST_AsMVT`. SpatiaLite has only the first; on PostGIS the setting
`WEERBAAR_GEO_POSTGIS_TILE_RENDERER` chooses, by default the one that measured faster on the same
tiles (docs/benchmarks.md, Viewer).
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from django.conf import settings
from django.contrib.gis.db.models.functions import AsWKB
from django.contrib.gis.geos import LineString
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from weerbaar.core.spatial import bbox_filter, coord_transform, to_rd_bbox

from .models import Layer
from .mvt import _columns, encode_columns, encode_polygons, polygon_ragged, ring_areas
from .providers import Source
from .wkb import polygon_wkb_ragged, segments, spatialite_wkb

EXTENT = 4096
BUFFER = 64
WEB_MERCATOR_HALF = 20037508.342789244
RD_ORIGIN = (-285401.92, 903401.92)
RD_Z0_CELL = 3440.640
#: log2(Web Mercator ground pixel at 52.3° N / RD pixel) = log2(95,770 / 3,440.64) = 4.8, rounded
RD_TO_WEB_MERCATOR_ZOOM = 5


@dataclass(frozen=True)
class TileMatrixSet:
    id: str
    srid: int
    uri: str
    crs: str
    max_zoom: int
    title: str

    def bounds(self, z: int, x: int, y: int) -> tuple[float, float, float, float]:
        if self.id == "WebMercatorQuad":
            size = 2 * WEB_MERCATOR_HALF / (1 << z)
            minx = -WEB_MERCATOR_HALF + x * size
            maxy = WEB_MERCATOR_HALF - y * size
        else:
            size = 256 * RD_Z0_CELL / (1 << z)
            minx = RD_ORIGIN[0] + x * size
            maxy = RD_ORIGIN[1] - y * size
        return (minx, maxy - size, minx + size, maxy)

    def valid(self, z: int, x: int, y: int) -> bool:
        return 0 <= z <= self.max_zoom and 0 <= x < (1 << z) and 0 <= y < (1 << z)

    def ground_pixel(self, z: int, y: int) -> float:
        """Metres on the ground per pixel of a 256-pixel tile (Web Mercator corrected for latitude)."""
        minx, miny, maxx, maxy = self.bounds(z, 0, y)
        size = (maxx - minx) / 256
        if self.id == "WebMercatorQuad":
            lat = math.atan(math.sinh((miny + maxy) / 2 / 6378137.0))
            return size * math.cos(lat)
        return size

    def web_mercator_zoom(self, z: int) -> int:
        """The WebMercatorQuad level of about the same scale in the Netherlands.

        Layer zoom ranges (Layer.min_zoom/max_zoom) are WebMercatorQuad levels; an RD New level
        shows the ground at about the scale of WebMercatorQuad level z + 4.8 at 52° N.
        """
        if self.id == "WebMercatorQuad":
            return z
        return z + RD_TO_WEB_MERCATOR_ZOOM

    def as_json(self) -> dict[str, Any]:
        if self.id == "WebMercatorQuad":
            origin, cell0 = [-WEB_MERCATOR_HALF, WEB_MERCATOR_HALF], 2 * WEB_MERCATOR_HALF / 256
        else:
            origin, cell0 = list(RD_ORIGIN), RD_Z0_CELL
        return {
            "id": self.id,
            "title": self.title,
            "uri": self.uri,
            "crs": self.crs,
            "orderedAxes": ["E", "N"] if self.srid == 3857 else ["X", "Y"],
            "tileMatrices": [
                {
                    "id": str(z),
                    "scaleDenominator": cell0 / (1 << z) / 0.00028,
                    "cellSize": cell0 / (1 << z),
                    "cornerOfOrigin": "topLeft",
                    "pointOfOrigin": origin,
                    "tileWidth": 256,
                    "tileHeight": 256,
                    "matrixWidth": 1 << z,
                    "matrixHeight": 1 << z,
                }
                for z in range(self.max_zoom + 1)
            ],
        }


TILE_MATRIX_SETS = {
    "WebMercatorQuad": TileMatrixSet(
        "WebMercatorQuad",
        3857,
        "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad",
        "http://www.opengis.net/def/crs/EPSG/0/3857",
        22,
        "Google Maps Compatible for the World",
    ),
    "NetherlandsRDNewQuad": TileMatrixSet(
        "NetherlandsRDNewQuad",
        28992,
        "http://www.opengis.net/def/tilematrixset/OGC/1.0/NetherlandsRDNewQuad",
        "http://www.opengis.net/def/crs/EPSG/0/28992",
        16,
        "Netherlands RD New (EPSG:28992)",
    ),
}


def min_area(tms: TileMatrixSet, z: int, y: int, family: str) -> float:
    """Polygons smaller than this (m², in RD New) are left out of the tile: generalisation by dropping."""
    if family != "polygon":
        return 0.0
    pixel = tms.ground_pixel(z, y)
    factor = 2.0 if tms.web_mercator_zoom(z) < 14 else 0.5
    return (factor * pixel) ** 2


def geometry_family(layer: Layer, source: Source) -> str:
    if source.provider is not None:
        field = source.model._meta.get_field(source.geom_field)
        geom_type = str(getattr(field, "geom_type", "")).lower()
        return "polygon" if "polygon" in geom_type else ("point" if "point" in geom_type else "line")
    version = layer.current_version
    return version.geometry_type if version else ""


def _tile_columns(source: Source, attributes: list[str]) -> list[str]:
    if source.json_field:
        return []
    wanted = source.tile_fields if source.tile_fields is not None else source.fields
    return [f for f in wanted if f in attributes]


def _scalar(value: Any) -> Any:
    if isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def tile_affine(tms: TileMatrixSet, bounds: tuple[float, float, float, float]) -> np.ndarray:
    """2×3 matrix taking RD New coordinates to tile pixels (0..EXTENT, y down).

    For Web Mercator the exact transformation of a 5×5 grid over the tile is fitted with an affine
    map: over one tile RD New and Web Mercator differ by far less than a tile pixel from affine.
    """
    minx, miny, maxx, maxy = bounds
    unit = (maxx - minx) / EXTENT
    if tms.srid == 28992:
        return np.array([[1 / unit, 0.0, -minx / unit], [0.0, -1 / unit, maxy / unit]])
    gx, gy = np.meshgrid(np.linspace(minx, maxx, 5), np.linspace(miny, maxy, 5))
    grid = LineString(list(zip(gx.ravel().tolist(), gy.ravel().tolist(), strict=True)), srid=tms.srid)
    grid.transform(coord_transform(tms.srid, 28992))  # one geometry: 25 Point objects cost ~1 ms
    rd = np.array(grid.coords)
    pixels = np.column_stack(((gx.ravel() - minx) / unit, (maxy - gy.ravel()) / unit))
    design = np.column_stack((rd, np.ones(len(rd))))
    solution, *_ = np.linalg.lstsq(design, pixels, rcond=None)
    return solution.T


_SIMPLE_TYPES = {"POINT", "LINESTRING", "POLYGON"}
#: polygons parsed from WKB with numpy (`_polygon_pixels`); False: through shapely (tests compare both)
_FAST_POLYGONS = True
#: the clip rectangle in tile pixels: the tile and its buffer
_CLIP = (-BUFFER, -BUFFER, EXTENT + BUFFER, EXTENT + BUFFER)


def _pixel_map(matrix: np.ndarray, *, snap: bool = True) -> Any:
    """RD New coordinates (n × 2) -> tile pixels (snapped to the grid), by the affine `matrix`."""
    linear, offset = matrix[:, :2].T.copy(), matrix[:, 2].copy()
    if not snap:
        return lambda c: c @ linear + offset
    return lambda c: np.rint(c @ linear + offset)


def _outside_clip(minx: np.ndarray, miny: np.ndarray, maxx: np.ndarray, maxy: np.ndarray) -> np.ndarray:
    return (minx < _CLIP[0]) | (miny < _CLIP[1]) | (maxx > _CLIP[2]) | (maxy > _CLIP[3])


def _clip(geoms: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """Geometries (RD New) in tile pixels clipped to `_CLIP`, then snapped to the grid.

    Clipped before snapping: snapping can make a valid outline cross itself (a narrow notch), and
    GEOS's rectangle clip of such a polygon can come back as the whole rectangle minus a notch
    (a parcel painting a whole z12 tile); the affine image of a valid polygon is valid."""
    return shapely.transform(
        shapely.clip_by_rect(shapely.transform(geoms, _pixel_map(matrix, snap=False)), *_CLIP), np.rint
    )


def _polygon_pixels(
    wkb: list[bytes], area: float, matrix: np.ndarray
) -> tuple[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray], np.ndarray] | None:
    """Simple polygons in tile pixels without a geometry object per feature, or None (not all
    little-endian 2D polygons): (ragged arrays for `encode_polygons` of the features that stay,
    their indices). WKB parsed straight into ragged arrays, the area test and the affine map to
    pixels on the flat coordinates; only the few polygons crossing the clip buffer go through
    GEOS, as in `render_python`."""
    parsed = polygon_wkb_ragged(wkb)
    if parsed is None:
        return None
    coords, ring_offsets, polygon_offsets = parsed
    n = len(wkb)
    rings_per_polygon = np.diff(polygon_offsets)
    ring_polygon = np.repeat(np.arange(n), rings_per_polygon)
    ring_len = np.diff(ring_offsets)
    point_ring = np.repeat(np.arange(len(ring_len)), ring_len)
    keep = np.ones(n, dtype=bool)
    if area > 0:
        exterior = np.zeros(len(ring_polygon), dtype=bool)
        exterior[polygon_offsets[:-1][rings_per_polygon > 0]] = True
        ring_area = np.abs(ring_areas(coords, ring_offsets, point_ring))
        polygon_area = np.bincount(
            ring_polygon, weights=np.where(exterior, ring_area, -ring_area), minlength=n
        )
        keep = polygon_area >= area
    to_pixels = _pixel_map(matrix)
    pixels = to_pixels(coords)
    # a polygon with a point outside the clip buffer (its bounding box crosses it) is clipped
    outside = _outside_clip(pixels[:, 0], pixels[:, 1], pixels[:, 0], pixels[:, 1])
    crossing = np.zeros(n, dtype=bool)
    crossing[ring_polygon[point_ring[outside]]] = True
    crossing &= keep
    direct = keep & ~crossing
    ring_keep = direct[ring_polygon]
    parts_coords = [pixels[ring_keep[point_ring]]]
    parts_ring_len = [ring_len[ring_keep]]
    parts_rings = [rings_per_polygon[direct]]
    parts_feature = [np.flatnonzero(direct)]
    if crossing.any():
        # as render_python
        cross_index = np.flatnonzero(crossing)
        clipped = _clip(shapely.from_wkb([wkb[i] for i in cross_index.tolist()]), matrix)
        nonempty = ~shapely.is_empty(clipped)
        if nonempty.any():
            c_coords, c_ring_offsets, c_part_offsets, c_feature_offsets = polygon_ragged(clipped[nonempty])
            parts_coords.append(c_coords)
            parts_ring_len.append(np.diff(c_ring_offsets))
            parts_rings.append(np.diff(c_part_offsets))
            parts_feature.append(np.repeat(cross_index[nonempty], np.diff(c_feature_offsets)))
    coords = np.concatenate(parts_coords)
    ring_len = np.concatenate(parts_ring_len)
    rings_per_part = np.concatenate(parts_rings)
    part_feature = np.concatenate(parts_feature)
    if len(parts_feature) > 1:
        # the clipped polygons back in feature order (the encoder takes the parts of a feature together)
        order = np.argsort(part_feature, kind="stable")
        ring_index = segments(rings_per_part, order)
        coords = coords[segments(ring_len, ring_index)]
        ring_len, rings_per_part, part_feature = (
            ring_len[ring_index],
            rings_per_part[order],
            part_feature[order],
        )
    counts = np.bincount(part_feature, minlength=n)
    indices = np.flatnonzero(counts)
    ragged = (
        coords,
        np.concatenate(([0], np.cumsum(ring_len))),
        np.concatenate(([0], np.cumsum(rings_per_part))),
        np.concatenate(([0], np.cumsum(counts[indices]))),
    )
    return ragged, indices


#: model fields whose database values need no conversion by the ORM (read straight from the cursor)
_RAW_TYPES = frozenset(
    {
        "CharField",
        "TextField",
        "SlugField",
        "IntegerField",
        "BigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallIntegerField",
        "AutoField",
        "BigAutoField",
        "FloatField",
    }
)


def _raw_ok(field: Any) -> bool:
    return field.get_internal_type() in _RAW_TYPES


def _is_boolean(field: Any) -> bool:
    return field.get_internal_type() == "BooleanField"


def _fetch_wkb(source: Source, values: list[str], geom_type: str, qs) -> tuple[list[Any], list[bytes]]:
    """The rows (`values`, then the geometry) of a tile's features and their geometries as WKB."""
    meta = source.model._meta
    rows: list[Any] | None = None
    wkb: list[bytes] | None = None
    if geom_type in _SIMPLE_TYPES:
        column = f'"{source.table}"."{source.column(source.geom_field)}"'
        blob = connection.features.geometry_column_is_spatialite_blob  # type: ignore[attr-defined]
        if not blob:  # WKB from PostGIS itself, little endian as GEOS writes it
            column = f"ST_AsBinary({column}, 'NDR')"
        query = qs.extra(select={"_blob": column}).values_list(*values, "_blob")  # noqa: S610
        if source.json_field is None and all(_raw_ok(meta.get_field(v)) for v in values):
            # text and number columns need none of the ORM's per-row conversion: read the cursor
            sql, params = query.query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                rows = cursor.fetchall()
        else:
            rows = list(query)
        blobs = [r[-1] for r in rows]
        wkb = spatialite_wkb(blobs) if blob else [bytes(b) for b in blobs]
    if rows is None or wkb is None:
        rows = list(qs.annotate(_wkb=AsWKB(source.geom_field)).values_list(*values, "_wkb"))
        wkb = [bytes(r[-1]) for r in rows]
    return rows, wkb


def render_python(
    layer: Layer, source: Source, tms: TileMatrixSet, z: int, x: int, y: int, attributes: list[str], qs
) -> bytes:
    bounds = tms.bounds(z, x, y)
    columns = _tile_columns(source, attributes)
    values = [source.id_field, *columns, *([source.json_field] if source.json_field else [])]
    # generalisation by dropping: polygons whose bounding box is already too small were left out by
    # the R*Tree query (render_tile); the exact area test is here, on the parsed geometries
    area = min_area(tms, z, y, geometry_family(layer, source))
    # geometries come as stored (RD New); no per-row reprojection or conversion in the database
    meta = source.model._meta
    geom_type = meta.get_field(source.geom_field).geom_type  # type: ignore[union-attr]
    with _serial_query():
        rows, wkb = _fetch_wkb(source, values, geom_type, qs)
    if not rows:
        return b""
    matrix = tile_affine(tms, bounds)
    fast = None
    if _FAST_POLYGONS and area > 0 and geom_type == "POLYGON":
        fast = _polygon_pixels(wkb, area, matrix)
    if fast is not None:
        ragged, indices = fast
        if not len(indices):
            return b""
        properties = _properties(source, values, columns, attributes, [rows[i] for i in indices.tolist()])
        return encode_polygons(layer.code, *ragged, properties, EXTENT)
    geoms = shapely.from_wkb(wkb)
    keep = shapely.area(geoms) >= area if area > 0 else None
    # RD New -> tile pixels (y down), snapped to the grid: exact for the RD matrix set, an affine
    # fit for Web Mercator; one pass over the coordinates
    pixels = shapely.transform(geoms, _pixel_map(matrix))
    crossing = _outside_clip(*shapely.bounds(pixels).T)
    clipped = pixels
    if crossing.any():
        clipped[crossing] = _clip(geoms[crossing], matrix)
    # no further simplification: after snapping to the grid (and the encoder dropping repeated
    # points) it removed 3 % of the coordinates of a z12 tile and 1 % of its bytes, for 12 ms
    keep_mask = ~shapely.is_empty(clipped) & ~shapely.is_missing(clipped)
    if keep is not None:
        keep_mask &= keep
    indices = np.flatnonzero(keep_mask)
    if not len(indices):
        return b""
    kept_rows = [rows[i] for i in indices.tolist()]
    properties = _properties(source, values, columns, attributes, kept_rows)
    return encode_columns(layer.code, clipped[indices], properties, EXTENT)


def _properties(
    source: Source, values: list[str], columns: list[str], attributes: list[str], kept_rows: list[Any]
) -> dict[str, list[Any]]:
    id_index = values.index(source.id_field)
    properties: dict[str, list[Any]] = {}
    if source.json_field:
        json_index = values.index(source.json_field)
        wanted = set(attributes)
        per_feature = [
            {k: _scalar(v) for k, v in (row[json_index] or {}).items() if k in wanted and v is not None}
            for row in kept_rows
        ]
        properties = _columns(per_feature)
    else:
        for c in columns:
            position = values.index(c)
            properties[c] = [None if row[position] is None else _scalar(row[position]) for row in kept_rows]
    properties["id"] = [str(row[id_index]) for row in kept_rows]
    return properties


#: the geometry column of the rows `render_st_asmvt` hands to ST_AsMVT (no attribute is called so)
_MVT_GEOM = "_mvt_geom"


def render_st_asmvt(
    layer: Layer, source: Source, tms: TileMatrixSet, z: int, x: int, y: int, attributes: list[str], qs
) -> bytes:
    """The tile of `render_python`, encoded by PostGIS in one query.

    The same features: `qs` (the index pre-filter of `render_tile`) and the exact minimum area
    (`ST_Area`, as the shoelace on the fetched polygons). The same pixels: the per-tile affine map
    of `tile_affine` (`ST_Affine`, no reprojection per vertex), snapped to the grid and clipped to
    the same 64-pixel buffer by `ST_AsMVTGeom`. The same attributes: `id` and the tile columns (or
    the layer's JSON attributes) that `attributes` allows; absent when NULL."""
    area = min_area(tms, z, y, geometry_family(layer, source))
    quote = connection.ops.quote_name
    geom = f"{quote(source.table)}.{quote(source.column(source.geom_field))}"
    if area > 0:
        qs = qs.extra(where=[f"ST_Area({geom}) >= %s"], params=[area])  # noqa: S610 (model identifiers)
    (a, b, x_offset), (d, e, y_offset) = tile_affine(tms, tms.bounds(z, x, y)).tolist()
    # ST_AsMVTGeom maps its bounds onto the tile with the y axis flipped: hand it the pixel
    # coordinates with y up (EXTENT - row), inside bounds of exactly the tile's pixels
    pixels = RawSQL(  # noqa: S611 (model identifiers and numbers)
        f"ST_AsMVTGeom(ST_Affine({geom}, %s, %s, %s, %s, %s, %s), "
        f"ST_MakeEnvelope(0, 0, {EXTENT}, {EXTENT}), {EXTENT}, {BUFFER}, true)",
        (a, b, -d, -e, x_offset, EXTENT - y_offset),
        output_field=models.BinaryField(),
    )
    selected: dict[str, Any] = {_MVT_GEOM: pixels, "_mvt_id": Cast(source.id_field, models.TextField())}
    names = {"_mvt_id": "id"}
    meta = source.model._meta
    for number, column in enumerate(_tile_columns(source, attributes)):
        # numbers, text and booleans are encoded as their type; anything else as its text (as `_scalar`)
        plain = _raw_ok(field := meta.get_field(column)) or _is_boolean(field)
        selected[f"_mvt_{number}"] = models.F(column) if plain else Cast(column, models.TextField())
        names[f"_mvt_{number}"] = column
    if source.json_field:
        # ST_AsMVT takes the keys of a jsonb column as attributes: the allowed ones, without nulls,
        # and without a key `id` (the feature's id wins, as in `_properties`)
        wanted = ", ".join(["%s, {0} -> %s"] * len(attributes))
        json_column = f"{quote(source.table)}.{quote(source.column(source.json_field))}"
        selected["_mvt_attributes"] = RawSQL(  # noqa: S611 (model identifiers; names as parameters)
            f"jsonb_strip_nulls(jsonb_build_object({wanted.format(json_column)})) - 'id'",
            tuple(v for name in attributes for v in (name, name)),
            output_field=models.JSONField(),
        )
    inner, params = qs.order_by().values(**selected).query.sql_with_params()
    columns = ", ".join(
        quote(alias) + (f" AS {quote(names[alias])}" if alias in names else "") for alias in selected
    )
    # rows whose geometry ST_AsMVTGeom dropped (NULL: nothing left after clipping and snapping)
    # are skipped by ST_AsMVT itself; a filter on it would evaluate ST_AsMVTGeom twice per row
    sql = (
        f"SELECT ST_AsMVT(t, %s, {EXTENT}, '{_MVT_GEOM}') "  # noqa: S608 (aliases and model identifiers)
        f"FROM (SELECT {columns} FROM ({inner}) AS s) AS t"
    )
    with _serial_query(), connection.cursor() as cursor:
        cursor.execute(sql, (layer.code, *params))
        row = cursor.fetchone()
    return bytes(row[0]) if row and row[0] else b""


RENDERERS = {"numpy": render_python, "st_asmvt": render_st_asmvt}


@contextmanager
def _serial_query() -> Iterator[None]:
    """A tile's query runs without parallel workers and without JIT compilation (PostGIS).

    The per-row work is in PostGIS's C functions, which JIT does not speed up, and parallel
    workers take the cores of the other requests: with the cost PostGIS declares for
    ST_AsMVTGeom the planner chose a parallel plan already for a z12 parcel tile at scale 0.1,
    which took 73 ms (p50) against 33 ms without (2-core machine, busy). `SET LOCAL` ends with the
    transaction (the request's, if one is open)."""
    if not connection.features.plans_parallel_queries:  # type: ignore[attr-defined]
        yield
        return
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)"
        )
        yield


def renderer() -> Any:
    """The encoder of this database's tiles: the setting's where the database encodes vector tiles
    itself (PostGIS), numpy elsewhere (SpatiaLite)."""
    if not connection.features.can_encode_mvt:  # type: ignore[attr-defined]
        return render_python
    name = settings.WEERBAAR_GEO_POSTGIS_TILE_RENDERER
    if name not in RENDERERS:
        raise ImproperlyConfigured(
            f"WEERBAAR_GEO_POSTGIS_TILE_RENDERER={name!r}: expected one of {sorted(RENDERERS)}"
        )
    return RENDERERS[name]


def render_tile(
    layer: Layer, source: Source, tms: TileMatrixSet, z: int, x: int, y: int, attributes: list[str]
) -> bytes:
    bounds_rd = to_rd_bbox(tms.bounds(z, x, y), tms.srid)
    area = min_area(tms, z, y, geometry_family(layer, source))
    qs = bbox_filter(source.queryset, source.geom_field, bounds_rd, min_bbox_area=area)
    return renderer()(layer, source, tms, z, x, y, attributes, qs)


class TileCache:
    """A small in-process LRU for public tiles, keyed by ETag (which names the data version)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self.items: OrderedDict[str, bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def put(self, key: str, value: bytes) -> None:
        if self.max_bytes <= 0 or len(value) > self.max_bytes:
            return
        with self.lock:
            if key in self.items:
                return
            self.items[key] = value
            self.size += len(value)
            while self.size > self.max_bytes:
                _, old = self.items.popitem(last=False)
                self.size -= len(old)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()
            self.size = 0
