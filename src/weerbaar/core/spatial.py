"""Spatial queries shared by the apps that store geometries (the map layers, the base registers).

Geometries are stored in RD New, the platform's coordinate reference system. Two things every
spatial read needs: selecting rows through the spatial index on either database (SpatiaLite's
R*Tree is not used by its spatial functions by itself), and bounding boxes from another CRS in
RD New. This module knows no app.
"""

from __future__ import annotations

import threading

from django.contrib.gis.gdal import CoordTransform, GDALException, SpatialReference
from django.contrib.gis.geos import GEOSException, GEOSGeometry, Polygon
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

RD_NEW = 28992
WGS84 = 4326

BBox = tuple[float, float, float, float]

_local = threading.local()


def geometry_from_text(text: str, *, srid: int | None = None) -> GEOSGeometry:
    """A geometry a user or a partner system typed or sent: WKT, EWKT, GeoJSON or HEX WKB.
    ValueError for anything unreadable, whichever library refused it (GEOS for WKT, GDAL for
    GeoJSON), so that no caller answers a bad geometry with a server error."""
    try:
        return GEOSGeometry(text, srid=srid)
    except (GEOSException, GDALException, ValueError, TypeError) as exc:
        raise ValueError(f"geen geldige geometrie: {exc}") from None


def coord_transform(source: int, target: int) -> CoordTransform:
    """A cached GDAL coordinate transformation (building one costs tens of milliseconds)."""
    cache = getattr(_local, "transforms", None)
    if cache is None:
        cache = _local.transforms = {}
    key = (source, target)
    if key not in cache:
        cache[key] = CoordTransform(SpatialReference(source), SpatialReference(target))
    return cache[key]


def bbox_filter(qs: QuerySet, geom_field: str, bbox_rd: BBox, *, min_bbox_area: float = 0.0) -> QuerySet:
    """Features whose bounding box meets `bbox_rd`, through the spatial index on either database.

    `min_bbox_area` (m²) also leaves out features whose bounding box is smaller: a cheap, safe
    pre-filter for "polygon area at least this", read from the R*Tree itself on SpatiaLite and from
    the bounding box PostGIS keeps in each geometry, without computing an area (the exact area test
    stays with the caller)."""
    minx, miny, maxx, maxy = bbox_rd
    if connection.features.spatial_index_is_rtree:  # type: ignore[attr-defined]
        meta = qs.model._meta
        index = f"idx_{meta.db_table}_{meta.get_field(geom_field).column}"
        sql = f'SELECT pkid FROM "{index}" WHERE xmin <= %s AND xmax >= %s AND ymin <= %s AND ymax >= %s'  # noqa: S608
        params: tuple[float, ...] = (maxx, minx, maxy, miny)
        if min_bbox_area > 0:
            sql += " AND (xmax - xmin) * (ymax - ymin) >= %s"
            params += (min_bbox_area,)
        return qs.filter(pk__in=RawSQL(sql, params))  # noqa: S611
    qs = qs.filter(**{f"{geom_field}__bboverlaps": Polygon.from_bbox(bbox_rd)})
    if min_bbox_area > 0:
        meta = qs.model._meta
        column = f'"{meta.db_table}"."{meta.get_field(geom_field).column}"'
        box = f"(ST_XMax({column}) - ST_XMin({column})) * (ST_YMax({column}) - ST_YMin({column}))"
        qs = qs.extra(where=[f"{box} >= %s"], params=[min_bbox_area])  # noqa: S610 (model identifiers)
    return qs


def to_rd_bbox(bbox: BBox, srid: int) -> BBox:
    """A bounding box in `srid` as the bounding box of its outline in RD New."""
    if srid == RD_NEW:
        return bbox
    polygon = Polygon.from_bbox(bbox)
    polygon.srid = srid
    polygon.transform(coord_transform(srid, RD_NEW))
    minx, miny, maxx, maxy = polygon.extent
    return (minx, miny, maxx, maxy)
