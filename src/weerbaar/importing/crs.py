"""Coordinate reference systems of the files partners send, and getting their geometries into RD New.

Everything is stored in RD New (EPSG:28992). A file may come in one of `KNOWN_CRS`; GeoJSON
without a `crs` member is WGS84 by its specification (GDAL reports it so); a CSV with
coordinates names no system, so it is recognised from where the points lie.
"""

from __future__ import annotations

from collections.abc import Iterable

import shapely
from django.contrib.gis.gdal import CoordTransform, SpatialReference
from django.contrib.gis.geos import GEOSGeometry
from shapely.geometry.base import BaseGeometry

RD_NEW = 28992
WGS84 = 4326
#: CRSs a file may come in
KNOWN_CRS = {
    28992: "EPSG:28992 (RD New)",
    4326: "EPSG:4326 (WGS84)",
    4258: "EPSG:4258 (ETRS89)",
    3857: "EPSG:3857",
}
_CRS84 = {"OGC:CRS84", "CRS84", "URN:OGC:DEF:CRS:OGC:1.3:CRS84"}


def describe(code: str) -> str:
    """'EPSG:28992' -> 'EPSG:28992 (RD New)'; unknown codes as they are."""
    srid = epsg(code) if code.upper().startswith("EPSG:") else None
    return KNOWN_CRS.get(srid or 0, code)


def epsg(crs: str | None) -> int | None:
    """The EPSG code of a CRS given as 'EPSG:n', 'n', CRS84 or WKT/PROJ text; None when unknown."""
    if not crs:
        return None
    text = crs.strip()
    upper = text.upper()
    if upper in _CRS84:
        return WGS84
    if upper.startswith("EPSG:") and upper[5:].isdigit():
        return int(upper[5:])
    if upper.isdigit():
        return int(upper)
    try:
        srs = SpatialReference(text)
        srs.identify_epsg()
        return int(srs.srid) if srs.srid else None
    except Exception:  # GDAL raises several kinds for text it cannot parse
        return None


def guess_srid(points: Iterable[tuple[float, float]]) -> int | None:
    """RD New or WGS84 when every point lies in the Netherlands in that system, else None."""
    listed = list(points)
    if not listed:
        return None
    if all(0 <= x <= 300_000 and 289_000 <= y <= 630_000 for x, y in listed):
        return RD_NEW
    if all(2.0 <= x <= 8.0 and 50.0 <= y <= 54.0 for x, y in listed):
        return WGS84
    return None


class ToRD:
    """Transforms geometries from one CRS to RD New (GDAL, as GeoDjango does); identity for RD New."""

    def __init__(self, srid: int) -> None:
        self.srid = srid
        self._transform = (
            None if srid == RD_NEW else CoordTransform(SpatialReference(srid), SpatialReference(RD_NEW))
        )

    def __call__(self, geom: BaseGeometry) -> BaseGeometry:
        if self._transform is None:
            return geom
        g = GEOSGeometry(memoryview(shapely.to_wkb(geom)), srid=self.srid)
        g.transform(self._transform)
        return shapely.from_wkb(bytes(g.wkb))
