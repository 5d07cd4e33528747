"""Parcel tiles (both databases): polygon WKB parsed with numpy gives the same tiles as the shapely path."""

import mapbox_vector_tile
import numpy as np
import pytest
import shapely
from django.contrib.gis.geos import Polygon

from weerbaar.core.access import AccessLevel
from weerbaar.geo import tiles
from weerbaar.geo.providers import property_names, source_for

from .conftest import X, Y
from .test_ogc import Z14

RD_Z9 = 256 * tiles.RD_Z0_CELL / (1 << 9)
#: the RD New z9 tile (x, y) around the spot in Zwolle, and its bounds
RD_TILE = (int((X - tiles.RD_ORIGIN[0]) // RD_Z9), int((tiles.RD_ORIGIN[1] - Y) // RD_Z9))
RD_BOUNDS = tiles.TILE_MATRIX_SETS["NetherlandsRDNewQuad"].bounds(9, *RD_TILE)


def _square(x, y, size):
    return ((x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y))


@pytest.fixture
def parcels(public_layers):
    """Parcels in Zwolle: plain, with holes, across the RD tile's west edge (one with a hole), a
    sliver and a small triangle whose bounding boxes pass the R*Tree pre-filter but whose areas are
    below the minimum."""
    from weerbaar.registers.models import KadastraalObject

    west = RD_BOUNDS[0]
    shapes = {
        "plain": Polygon(_square(X, Y, 20)),
        "hole": Polygon(_square(X + 100, Y, 60), _square(X + 120, Y + 20, 20)),
        "two holes": Polygon(
            _square(X - 400, Y, 90), _square(X - 390, Y + 10, 20), _square(X - 350, Y + 50, 20)
        ),
        "edge": Polygon(
            ((west - 40, Y), (west + 70, Y + 5), (west + 60, Y + 80), (west - 30, Y + 70), (west - 40, Y))
        ),
        "edge hole": Polygon(_square(west - 50, Y + 200, 120), _square(west + 10, Y + 220, 30)),
        "sliver": Polygon(((X, Y + 300), (X + 100, Y + 400), (X + 100.1, Y + 400), (X, Y + 300))),
        # 7.5 m² (bounding box 15 m²): below the minimum of 11.3 m² at RD z9 but drawable
        "small": Polygon(((X, Y + 500), (X + 6, Y + 500), (X, Y + 502.5), (X, Y + 500))),
    }
    for number, (name, polygon) in enumerate(shapes.items()):
        polygon.srid = 28992
        KadastraalObject.objects.create(
            identificatie=f"NL.IMKAD.KadastraalObject.1930012340{number:04d}",
            soort="perceel",
            kadastrale_aanduiding=name,
            kadastrale_gemeente_code="ZWL00",
            kadastrale_gemeente_naam="Zwolle",
            sectie="K",
            perceelnummer=number + 1,
            grootte=int(polygon.area),
            geometrie=polygon,
            access_level=AccessLevel.OPENBAAR,
        )
    return public_layers["brk-percelen"]


def _render(layer, tms_id, z, x, y, *, fast, monkeypatch):
    monkeypatch.setattr(tiles, "_FAST_POLYGONS", fast)
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
        shapely.Polygon(_square(0, 0, 10)),
        shapely.Polygon(_square(0, 0, 90), [_square(10, 10, 20), _square(50, 50, 20)]),
        shapely.Polygon(((1.5, 2.25), (3, 4), (5, 1), (1.5, 2.25))),
        shapely.Polygon(_square(100, 100, 50), [_square(110, 110, 5)]),
    ]
    coords, ring_offsets, polygon_offsets = tiles._polygon_wkb_ragged(shapely.to_wkb(polygons).tolist())
    _, expected, (expected_rings, expected_polygons) = shapely.to_ragged_array(polygons)
    np.testing.assert_array_equal(coords, expected)
    np.testing.assert_array_equal(ring_offsets, expected_rings)
    np.testing.assert_array_equal(polygon_offsets, expected_polygons)


@pytest.mark.parametrize(
    "other",
    [
        shapely.MultiPolygon([shapely.Polygon(_square(0, 0, 1))]),
        shapely.Polygon([(0, 0, 1), (1, 0, 1), (1, 1, 1), (0, 0, 1)]),  # 3D
        shapely.LineString([(0, 0), (1, 1)]),
    ],
)
def test_anything_but_a_2d_polygon_goes_the_shapely_way(other):
    square = shapely.to_wkb(shapely.Polygon(_square(0, 0, 10)))
    assert tiles._polygon_wkb_ragged([square, shapely.to_wkb(other)]) is None
    assert (
        tiles._polygon_wkb_ragged([shapely.to_wkb(shapely.Polygon(_square(0, 0, 10)), byte_order=0)]) is None
    )
    assert tiles._polygon_wkb_ragged([square[:-8]]) is None  # truncated
