"""The two tile encoders: PostGIS's ST_AsMVT gives the tiles of the numpy renderer (same features,
same attributes, geometry within one step of the grid); the setting chooses on PostGIS; polygons are
clipped to the buffer before they are snapped to the grid."""

import math

import mapbox_vector_tile
import pytest
import shapely
from django.contrib.gis.geos import Point, Polygon
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from weerbaar.geo import tiles
from weerbaar.geo.providers import property_names, source_for

from .conftest import RD_BOUNDS, RD_TILE, X, Y, add_parcel
from .test_ogc import Z14

#: two renderers snap the same affine image to the grid; clipping and PostGIS's validation
#: (ST_AsMVTGeom) may move a point by one grid step, diagonally at most √2
GRID_STEP = math.sqrt(2)
#: ST_AsMVTGeom also simplifies with a tolerance of half a grid unit, which takes spikes narrower
#: than that out of real outlines (municipal boundaries): a point of such a spike may lie several
#: units from the other geometry, never more than one pixel of a 256-pixel tile (16 units)
SCREEN_PIXEL = tiles.EXTENT / 256
#: a parcel (tile pixels of RD_TILE) that crosses the east edge of the tile and of its buffer with
#: a narrow notch: valid as it is, self-intersecting once snapped to the grid (a generated parcel,
#: moved 60 pixels west)
NOTCHED = [
    (px - 60, py)
    for px, py in [
        (4416.467, 1773.569),
        (4375.394, 1772.158),
        (4367.4, 1803.292),
        (4371.071, 1788.448),
        (4359.106, 1736.779),
        (4248.412, 1705.498),
        (4167.805, 1718.564),
        (4149.301, 1712.03),
        (4152.361, 1686.151),
        (4146.16, 1681.208),
        (4159.932, 1573.431),
        (4104.425, 1548.136),
        (4356.878, 1313.061),
        (4416.467, 1773.569),
    ]
]


def _web_mercator_tile(x, y, z):
    point = Point(x, y, srid=28992)
    point.transform(4326)
    n = 1 << z
    lat = math.radians(point.y)
    return int((point.x + 180) / 360 * n), int((1 - math.asinh(math.tan(lat)) / math.pi) / 2 * n)


#: the z16 tile of the address of `registers_data`
ADDRESS_Z16 = _web_mercator_tile(X, Y, 16)


def _tile(layer_code, layers, tms_id, z, x, y, renderer):
    layer = layers[layer_code]
    source = source_for(layer)
    tms = tiles.TILE_MATRIX_SETS[tms_id]
    names = property_names(layer, source)
    original = tiles.renderer
    tiles.renderer = lambda: renderer
    try:
        return tiles.render_tile(layer, source, tms, z, x, y, names)
    finally:
        tiles.renderer = original


def _kind(value):
    """Text, boolean or number: a JSON number without fraction (37.0) is a double from numpy and
    an integer from ST_AsMVT, the same number to a map client."""
    return "number" if isinstance(value, int | float) and not isinstance(value, bool) else type(value)


def _features(tile, layer_code):
    if not tile:
        return {}
    decoded = mapbox_vector_tile.decode(tile, default_options={"y_coord_down": True})
    return {f["properties"]["id"]: f for f in decoded[layer_code]["features"]}


@pytest.mark.needs_db_feature("can_encode_mvt")
@pytest.mark.parametrize(
    ("layer_code", "tms_id", "z", "x", "y", "tolerance"),
    [
        ("brk-percelen", "NetherlandsRDNewQuad", 9, *RD_TILE, GRID_STEP),
        ("brk-percelen", "NetherlandsRDNewQuad", 9, RD_TILE[0] - 1, RD_TILE[1], GRID_STEP),  # the edge
        ("brk-percelen", "WebMercatorQuad", 14, *Z14, GRID_STEP),
        ("brk-percelen", "NetherlandsRDNewQuad", 9, RD_TILE[0] + 5, RD_TILE[1], GRID_STEP),  # empty
        ("bag-adressen", "WebMercatorQuad", 16, *ADDRESS_Z16, GRID_STEP),  # a point
        # stored layers: attributes from JSON (text, numbers, booleans), real outlines
        ("gemeenten", "NetherlandsRDNewQuad", 5, 17, 14, SCREEN_PIXEL),
        ("gemeenten", "WebMercatorQuad", 9, Z14[0] >> 5, Z14[1] >> 5, SCREEN_PIXEL),
        ("luchtruimbeperkingen-2014", "WebMercatorQuad", 7, 66, 41, SCREEN_PIXEL),
    ],
)
def test_st_asmvt_encodes_the_features_of_the_numpy_renderer(
    parcels, registers_data, public_layers, layer_code, tms_id, z, x, y, tolerance
):
    """Same feature ids, same attributes (values and kinds), every point within `tolerance` of
    the other renderer's geometry and the drawn areas differing by less than half a grid unit
    along the outline; an empty tile is empty for both."""
    numpy_tile = _tile(layer_code, public_layers, tms_id, z, x, y, tiles.render_python)
    postgis_tile = _tile(layer_code, public_layers, tms_id, z, x, y, tiles.render_st_asmvt)
    ours, theirs = _features(numpy_tile, layer_code), _features(postgis_tile, layer_code)
    if (x, y) == (RD_TILE[0] + 5, RD_TILE[1]):
        assert numpy_tile == postgis_tile == b""
        return
    assert ours, "the tile should hold features"
    assert set(ours) == set(theirs)
    for fid, feature in ours.items():
        other = theirs[fid]
        assert feature["properties"] == other["properties"]
        assert [_kind(v) for v in feature["properties"].values()] == [
            _kind(other["properties"][k]) for k in feature["properties"]
        ]
        a, b = shapely.geometry.shape(feature["geometry"]), shapely.geometry.shape(other["geometry"])
        assert a.geom_type.removeprefix("Multi") == b.geom_type.removeprefix("Multi")
        assert a.hausdorff_distance(b) <= tolerance, fid
        assert a.symmetric_difference(b).area <= 0.5 * a.length, fid


@pytest.mark.parametrize("fast", [True, False])
def test_a_polygon_is_clipped_before_it_is_snapped(public_layers, monkeypatch, fast):
    """A parcel whose snapped outline crosses itself is drawn as its own clipped part, not as the
    whole buffer rectangle minus a notch (GEOS's clip of an invalid polygon); by both numpy paths
    and by ST_AsMVT."""
    minx, _miny, maxx, maxy = RD_BOUNDS
    unit = (maxx - minx) / tiles.EXTENT
    add_parcel("notched", Polygon([(minx + px * unit, maxy - py * unit) for px, py in NOTCHED]), 99)
    expected = shapely.clip_by_rect(shapely.Polygon(NOTCHED), *tiles._CLIP)
    monkeypatch.setattr(tiles, "_FAST_POLYGONS", fast)
    renderers = [
        tiles.render_python,
        *([tiles.render_st_asmvt] if connection.features.can_encode_mvt else []),
    ]
    for renderer in renderers:
        tile = _tile("brk-percelen", public_layers, "NetherlandsRDNewQuad", 9, *RD_TILE, renderer)
        drawn = shapely.geometry.shape(_features(tile, "brk-percelen")["notched"]["geometry"])
        assert drawn.area == pytest.approx(expected.area, rel=0.05), renderer.__name__
        assert drawn.hausdorff_distance(expected) <= GRID_STEP, renderer.__name__


def test_the_setting_chooses_the_encoder_on_postgis(settings):
    """A database that encodes vector tiles itself (PostGIS) serves with the setting's encoder (an
    unknown one is a configuration error naming the choices); SpatiaLite has only the numpy one."""
    encodes = connection.features.can_encode_mvt
    settings.WEERBAAR_GEO_POSTGIS_TILE_RENDERER = "numpy"
    assert tiles.renderer() is tiles.render_python
    settings.WEERBAAR_GEO_POSTGIS_TILE_RENDERER = "st_asmvt"
    assert tiles.renderer() is (tiles.render_st_asmvt if encodes else tiles.render_python)
    settings.WEERBAAR_GEO_POSTGIS_TILE_RENDERER = "mapnik"
    if encodes:
        with pytest.raises(ImproperlyConfigured, match="numpy"):
            tiles.renderer()
    else:
        assert tiles.renderer() is tiles.render_python


@pytest.mark.needs_db_feature("plans_parallel_queries")
@pytest.mark.django_db(transaction=True, databases="__all__")
def test_a_tile_query_runs_without_parallel_workers_or_jit_and_leaves_the_connection_as_it_was():
    """Inside `_serial_query` the planner may not use parallel workers or JIT; afterwards the
    connection has its own settings again (SET LOCAL ends with the transaction)."""

    def current():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('max_parallel_workers_per_gather'), current_setting('jit')"
            )
            return cursor.fetchone()

    before = current()
    with tiles._serial_query():
        assert current() == ("0", "off")
    assert current() == before != ("0", "off")
