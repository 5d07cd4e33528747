"""The vectorised MVT encoder against an independent decoder."""

import mapbox_vector_tile
import numpy as np
import shapely

from weerbaar.geo.mvt import encode_layer


def _decode(data):
    return mapbox_vector_tile.decode(data, default_options={"y_coord_down": True})["t"]


def test_polygons_with_holes_and_multipolygons_round_trip():
    square = shapely.Polygon(
        [(10, 10), (100, 10), (100, 100), (10, 100)], holes=[[(40, 40), (60, 40), (60, 60), (40, 60)]]
    )
    multi = shapely.MultiPolygon([shapely.box(200, 200, 300, 300), shapely.box(400, 400, 450, 450)])
    tiny = shapely.Polygon([(5, 5), (6, 5), (5, 5)])  # collapses: dropped
    data = encode_layer(
        "t",
        np.array([square, multi, tiny], dtype=object),
        [{"naam": "a", "n": 3}, {"naam": "b", "x": 1.5}, {}],
    )
    layer = _decode(data)
    assert layer["extent"] == 4096 and len(layer["features"]) == 2
    first, second = layer["features"]
    assert first["properties"] == {"naam": "a", "n": 3} and second["properties"] == {"naam": "b", "x": 1.5}
    decoded = shapely.geometry.shape(first["geometry"])
    assert decoded.equals(square)  # the hole survives: orientation is right
    assert shapely.geometry.shape(second["geometry"]).equals(multi)


def test_points_and_lines():
    points = encode_layer(
        "t",
        np.array([shapely.Point(1, 2), shapely.MultiPoint([(3, 4), (5, 6)])], dtype=object),
        [{"a": True}, {"a": False}],
    )
    decoded = _decode(points)["features"]
    assert decoded[0]["geometry"] == {"type": "Point", "coordinates": [1, 2]}
    assert decoded[1]["geometry"]["coordinates"] == [[3, 4], [5, 6]] and decoded[1]["properties"] == {
        "a": False
    }
    lines = encode_layer(
        "t", np.array([shapely.LineString([(0, 0), (10, 0), (10, 10)])], dtype=object), [{"k": -5}]
    )
    line = _decode(lines)["features"][0]
    assert line["geometry"]["coordinates"] == [[0, 0], [10, 0], [10, 10]] and line["properties"] == {"k": -5}


def test_large_coordinates_use_multi_byte_varints():
    big = shapely.box(-64, -64, 4160, 4160)
    assert shapely.geometry.shape(
        _decode(encode_layer("t", np.array([big], dtype=object), [{}]))["features"][0]["geometry"]
    ).equals(big)


def test_repeated_points_are_dropped():
    ring = shapely.Polygon([(0, 0), (10, 0), (10, 0), (10, 10), (0, 10), (0, 0)])
    decoded = _decode(encode_layer("t", np.array([ring], dtype=object), [{}]))["features"][0]["geometry"]
    assert decoded["coordinates"][0] == [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
