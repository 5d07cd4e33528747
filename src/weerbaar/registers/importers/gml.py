"""The kadastrale kaart as GML (Kadaster / PDOK), through the framework's GDAL reader (pyogrio).

GDAL flattens the nested Perceel (identificatie/NEN3610ID/lokaalID, kadastraleAanduiding/
TypeKadastraleAanduiding/..., kadastraleGrootte/TypeOppervlak/waarde) with a GFS template (the
GML driver's GFS_TEMPLATE open option), so it neither guesses the schema nor writes a .gfs file
next to the upload, and takes the parcel outline (begrenzingPerceel, or perceelVlak) as the one
geometry, not the label point. FORCE_SRS_DETECTION makes GDAL read the srsName of every
geometry: the layer has a CRS only when they all agree, so a file in (or partly in) another CRS
is refused whole. Features come as Arrow chunks, like a GeoPackage's: memory stays bounded.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from weerbaar.importing.readers.gdal import feature_rows

from .base import FileError

RD_CRS = ("EPSG:28992",)
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
    """Perceel features as {field: text or None, "geometry": WKB, ...}; a CRS other than RD New stops the file."""
    head = _head(path)
    geometry_element = next((e for e in GEOMETRY_ELEMENTS if f":{e}>" in head or f"<{e}>" in head), "")
    if not geometry_element:
        raise FileError("geen Perceel met begrenzingPerceel of perceelVlak gevonden", "begrenzingPerceel")
    names = [name for name, _ in PERCEEL_FIELDS]
    with tempfile.NamedTemporaryFile("w", suffix=".gfs", prefix="weerbaar-perceel-") as template:
        template.write(_template(geometry_element))
        template.flush()
        options = {"GFS_TEMPLATE": template.name, "FORCE_SRS_DETECTION": "YES"}
        rows = feature_rows(path, "Perceel", crs=RD_CRS, open_options=options)
        # GDAL takes a feature's id from its gml:id; the report counts features from 1
        for number, (_fid, feature) in enumerate(rows, start=1):
            row = {name: feature.get(name) or None for name in names}
            row["geometry"], row["__checked__"] = feature["geometry"], feature["__checked__"]
            yield number, row
