"""Geometries as users and partner systems send them: read, or refused with ValueError, never a
library's own exception (which would be a server error)."""

from __future__ import annotations

import pytest

from weerbaar.core.spatial import geometry_from_text


@pytest.mark.parametrize(
    "text",
    [
        "{}",
        '{"type": "Polygon"}',
        '{"type": "Point", "coordinates": [1]}',
        "POLYGON((0 0, 1 1",
        "geen geometrie",
        "",
    ],
)
def test_unreadable_input_is_a_value_error(text):
    with pytest.raises(ValueError, match="geen geldige geometrie"):
        geometry_from_text(text)


def test_wkt_is_read_in_the_given_crs_and_geojson_in_its_own():
    wkt = geometry_from_text("POINT (200000 480000)", srid=28992)
    assert wkt.srid == 28992 and wkt.coords == (200000.0, 480000.0)
    geojson = geometry_from_text('{"type": "Point", "coordinates": [6.1, 52.5]}')
    assert geojson.srid == 4326 and geojson.coords == (6.1, 52.5)
