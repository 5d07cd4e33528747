"""Parcel tiles (both databases): polygon WKB parsed with numpy gives the same tiles as the shapely path."""

import mapbox_vector_tile
import numpy as np
import pytest
import shapely

from weerbaar.geo import tiles
from weerbaar.geo.providers import property_names, source_for
from weerbaar.geo.wkb import polygon_wkb_ragged

from .conftest import RD_TILE, square
from .test_ogc import Z14


def _render(layer, tms_id, z, x, y, *, fast, monkeypatch):
    """The tile from the numpy renderer (on PostGIS too), through the numpy or the shapely path."""
    monkeypatch.setattr(tiles, "_FAST_POLYGONS", fast)
    monkeypatch.setattr(tiles, "renderer", lambda: tiles.render_python)
    source = source_for(layer)
    return tiles.render_tile(
        layer, source, tiles.TILE_MATRIX_SETS[tms_id], z, x, y, property_names(layer, source)
    )


@pytest.mark.parametrize(
    ("tms_id", "z", "x", "y"),
    [
        ("NetherlandsRDNewQuad", 9, *RD_TILE),
        ("NetherlandsRDNewQuad", 9, RD_TILE[0] - 1, RD_TILE[1]),  # the other side of the edge
        ("WebMercatorQuad", 14, *Z14),
        ("NetherlandsRDNewQuad", 9, RD_TILE[0] + 5, RD_TILE[1]),  # no parcels: empty tile
    ],
)
def test_numpy_polygon_path_gives_the_tiles_of_the_shapely_path(parcels, monkeypatch, tms_id, z, x, y):
    used = []
    parse = tiles._polygon_pixels
    monkeypatch.setattr(tiles, "_polygon_pixels", lambda *a: used.append(parse(*a)) or used[-1])
    fast = _render(parcels, tms_id, z, x, y, fast=True, monkeypatch=monkeypatch)
    slow = _render(parcels, tms_id, z, x, y, fast=False, monkeypatch=monkeypatch)
    if x == RD_TILE[0] + 5:
        assert fast == slow == b""
        return
    assert used and used[0] is not None  # the numpy path did render the tile
    assert fast == slow  # byte for byte: same features, order, geometry and attributes
    decoded = {
        f["properties"]["id"]: f["geometry"]
        for f in mapbox_vector_tile.decode(fast)["brk-percelen"]["features"]
    }
    if (x, y) == RD_TILE:
        assert set(decoded) == {"plain", "hole", "two holes", "edge", "edge hole"}  # not the small ones
        assert len(decoded["hole"]["coordinates"]) == 2 and len(decoded["two holes"]["coordinates"]) == 3
        assert len(decoded["edge hole"]["coordinates"]) == 2
        # clipped at the buffer, 64 pixels west of the tile
        assert min(p[0] for p in decoded["edge"]["coordinates"][0]) == -tiles.BUFFER
    elif tms_id == "NetherlandsRDNewQuad":
        assert set(decoded) == {"edge", "edge hole"}
        assert max(p[0] for p in decoded["edge"]["coordinates"][0]) == tiles.EXTENT + tiles.BUFFER


def test_polygon_wkb_reads_as_shapely_ragged_arrays():
    polygons = [
        shapely.Polygon(square(0, 0, 10)),
        shapely.Polygon(square(0, 0, 90), [square(10, 10, 20), square(50, 50, 20)]),
        shapely.Polygon(((1.5, 2.25), (3, 4), (5, 1), (1.5, 2.25))),
        shapely.Polygon(square(100, 100, 50), [square(110, 110, 5)]),
    ]
    coords, ring_offsets, polygon_offsets = polygon_wkb_ragged(shapely.to_wkb(polygons).tolist())
    _, expected, (expected_rings, expected_polygons) = shapely.to_ragged_array(polygons)
    np.testing.assert_array_equal(coords, expected)
    np.testing.assert_array_equal(ring_offsets, expected_rings)
    np.testing.assert_array_equal(polygon_offsets, expected_polygons)


@pytest.mark.parametrize(
    "other",
    [
        shapely.MultiPolygon([shapely.Polygon(square(0, 0, 1))]),
        shapely.Polygon([(0, 0, 1), (1, 0, 1), (1, 1, 1), (0, 0, 1)]),  # 3D
        shapely.LineString([(0, 0), (1, 1)]),
    ],
)
def test_anything_but_a_2d_polygon_goes_the_shapely_way(other):
    plain = shapely.to_wkb(shapely.Polygon(square(0, 0, 10)))
    assert polygon_wkb_ragged([plain, shapely.to_wkb(other)]) is None
    assert polygon_wkb_ragged([shapely.to_wkb(shapely.Polygon(square(0, 0, 10)), byte_order=0)]) is None
    assert polygon_wkb_ragged([plain[:-8]]) is None  # truncated
