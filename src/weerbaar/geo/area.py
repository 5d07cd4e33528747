"""Area selection for the shielded viewer: which area the user means (a municipality, or a polygon
drawn in WGS84 or RD New), checked before anything is read, and how its rows are labelled. The
read itself, with its purpose check and audit entry, is `selectors.select_area`."""

from __future__ import annotations

from typing import Any

from django.contrib.gis.gdal import GDALException
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon, Polygon

from weerbaar.core.context import ProcessingContext
from weerbaar.core.spatial import RD_NEW, geometry_from_text
from weerbaar.organisations.selectors import area_list

#: the most rows of each kind one selection lists (the answer says when it was cut off)
MAX_ROWS = 5000
#: the largest area one selection may cover (km²): a selection is for one location, not a province
MAX_AREA_KM2 = 150.0

#: the CRSs a drawn polygon may come in: WGS84 lon/lat (the default) and RD New (the viewer's map)
WKT_CRS = {
    "": 4326,
    "EPSG:4326": 4326,
    "CRS84": 4326,
    "http://www.opengis.net/def/crs/OGC/1.3/CRS84": 4326,
    "EPSG:28992": RD_NEW,
    "http://www.opengis.net/def/crs/EPSG/0/28992": RD_NEW,
}


def selection_geometry(
    *,
    ctx: ProcessingContext,
    gemeente: str | None = None,
    wkt: str | None = None,
    crs: str | None = None,
) -> tuple[GEOSGeometry, str]:
    """The selection in RD New: a municipality by CBS code, or a drawn polygon as WKT in WGS84
    lon/lat (`crs` empty, EPSG:4326 or CRS84) or in RD New metres (`crs` EPSG:28992).
    ValueError with the reason for anything else."""
    if gemeente:
        area = area_list(user=ctx).filter(code=gemeente.upper()).first()
        if area is None:
            raise ValueError("onbekende gemeente")
        return area.geometry, area.name
    if not wkt:
        raise ValueError("kies een gemeente of teken een gebied")
    srid = WKT_CRS.get((crs or "").strip())
    if srid is None:
        raise ValueError(f"onbekend coördinatenstelsel {crs!r}; gebruik EPSG:28992 of EPSG:4326")
    try:
        geometry = geometry_from_text(wkt, srid=srid)
    except ValueError:
        raise ValueError("de getekende vorm is geen geldige WKT") from None
    if not isinstance(geometry, (Polygon, MultiPolygon)) or not geometry.valid:
        raise ValueError("teken een geldig vlak")
    if srid != RD_NEW:
        minx, miny, maxx, maxy = geometry.extent
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            raise ValueError(
                "de coördinaten zijn geen lengte- en breedtegraden (WGS84); "
                "geef crs=EPSG:28992 mee voor RD-coördinaten"
            )
        try:
            geometry.transform(RD_NEW)
        except GDALException:
            raise ValueError("de getekende vorm valt buiten het bereik van RD New") from None
    if geometry.area / 1e6 > MAX_AREA_KM2:
        raise ValueError(f"het gebied is groter dan {MAX_AREA_KM2:.0f} km²; kies een kleiner gebied")
    return geometry, "getekend gebied"


def address_label(row: dict[str, Any]) -> str:
    number = f"{row['huisnummer']}{row.get('huisletter') or ''}"
    if row.get("toevoeging"):
        number += f"-{row['toevoeging']}"
    return f"{row['openbare_ruimte_naam']} {number}, {row['postcode']} {row['woonplaats_naam']}"
