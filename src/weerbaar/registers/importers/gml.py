"""Streaming reader for the kadastrale kaart as GML (Kadaster / PDOK), through GDAL's GML driver.

GDAL flattens the nested Perceel (identificatie/NEN3610ID/lokaalID, kadastraleAanduiding/
TypeKadastraleAanduiding/..., kadastraleGrootte/TypeOppervlak/waarde) with a GFS template, so it
neither guesses the schema nor writes a .gfs file next to the upload, and takes the parcel
outline (begrenzingPerceel, or perceelVlak) as the one geometry, not the label point.
Features are read one at a time (OGR_L_GetNextFeature): memory stays bounded.
"""

from __future__ import annotations

import re
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.contrib.gis.gdal import DataSource, GDALException
from django.contrib.gis.gdal.libgdal import lgdal

from .base import FileError

RD_SRID = 28992
#: (field, element path below Perceel)
PERCEEL_FIELDS = (
    ("identificatie", "identificatie|NEN3610ID|lokaalID"),
    (
        "AKRKadastraleGemeenteCode",
        "kadastraleAanduiding|TypeKadastraleAanduiding|kadastraleGemeente|KadastraleGemeenteKeuze|AKRKadastraleGemeenteCode",
    ),
    (
        "kadastraleGemeenteWaarde",
        "kadastraleAanduiding|TypeKadastraleAanduiding|kadastraleGemeente|KadastraleGemeenteKeuze|kadastraleGemeente|waarde",
    ),
    ("sectie", "kadastraleAanduiding|TypeKadastraleAanduiding|sectie"),
    ("perceelnummer", "kadastraleAanduiding|TypeKadastraleAanduiding|perceelnummer"),
    ("kadastraleGrootteWaarde", "kadastraleGrootte|TypeOppervlak|waarde"),
)
GEOMETRY_ELEMENTS = ("begrenzingPerceel", "perceelVlak")
_PERCEEL = re.compile(r"<(\w+:)?Perceel[\s>]")
_open_lock = threading.Lock()  # GDAL config options are process-wide


def _head(path: Path, size: int = 1 << 16) -> str:
    with open(path, "rb") as fh:
        return fh.read(size).decode("utf-8", "replace")


def is_perceel_gml(path: Path) -> bool:
    return path.suffix.lower() in {".gml", ".xml"} and bool(_PERCEEL.search(_head(path)))


def _template(geometry_element: str) -> str:
    properties = "\n".join(
        f"<PropertyDefn><Name>{name}</Name><ElementPath>{element}</ElementPath><Type>String</Type></PropertyDefn>"
        for name, element in PERCEEL_FIELDS
    )
    return f"""<GMLFeatureClassList>
  <GMLFeatureClass>
    <Name>Perceel</Name>
    <ElementPath>Perceel</ElementPath>
    <GeomPropertyDefn><Name>{geometry_element}</Name><ElementPath>{geometry_element}</ElementPath><Type>Polygon</Type></GeomPropertyDefn>
    {properties}
  </GMLFeatureClass>
</GMLFeatureClassList>
"""


def perceel_gml_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Perceel features as {field: text, "geometry": WKB}; a CRS other than RD New stops the file."""
    head = _head(path)
    geometry_element = next((e for e in GEOMETRY_ELEMENTS if f":{e}>" in head or f"<{e}>" in head), "")
    if not geometry_element:
        raise FileError("geen Perceel met begrenzingPerceel of perceelVlak gevonden", "begrenzingPerceel")
    with tempfile.NamedTemporaryFile("w", suffix=".gfs", prefix="weerbaar-perceel-") as template:
        template.write(_template(geometry_element))
        template.flush()
        with _open_lock:
            lgdal.CPLSetConfigOption(b"GML_GFS_TEMPLATE", template.name.encode())
            try:
                source = DataSource(str(path))
            except GDALException as exc:
                raise FileError(f"GML is onleesbaar: {exc}") from exc
            finally:
                lgdal.CPLSetConfigOption(b"GML_GFS_TEMPLATE", None)
        layer = next((lyr for lyr in source if lyr.name == "Perceel"), None)
        if layer is None:
            raise FileError("laag 'Perceel' ontbreekt")
        names = [name for name, _ in PERCEEL_FIELDS]
        for number, feature in enumerate(layer, start=1):
            row: dict[str, Any] = {name: feature.get(name) or None for name in names}
            try:
                geom = feature.geom
            except GDALException:
                geom = None
            if geom is not None:
                srid = geom.srs.srid if geom.srs is not None else None
                if srid != RD_SRID:
                    crs = f"EPSG:{srid}" if srid else "onbekend"
                    raise FileError(f"coördinaatsysteem is {crs}, verwacht EPSG:28992 (RD New)", "crs")
                row["geometry"] = bytes(geom.wkb)
            else:
                row["geometry"] = None
            yield number, row
