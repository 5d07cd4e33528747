"""The municipalities the dashboard draws and compares: names, simplified 2026 boundaries (read
through weerbaar.organisations' selectors, never its tables) and a size and density class per
municipality for the profile's "similar municipalities".

Why density and not CBS stedelijkheid: the repository has no CBS urbanity (omgevingsadressen-
dichtheid) figures. Size class follows CBS's gemeentegrootteklassen from the shipped population
(cbs-inwoners, 1 January 2024); the density class is inhabitants per km² of the municipality's
whole area (land and water) from its boundary, a stand-in for urbanity that the page names as such.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.gis.gdal import CoordTransform, SpatialReference
from django.utils.translation import gettext_lazy as _

from weerbaar.core.context import ProcessingContext
from weerbaar.organisations.models import AreaKind
from weerbaar.organisations.selectors import area_list

#: CBS gemeentegrootteklassen (upper bounds, exclusive), as used in StatLine
SIZE_CLASSES = [
    (20_000, _("minder dan 20.000 inwoners")),
    (50_000, _("20.000 tot 50.000 inwoners")),
    (100_000, _("50.000 tot 100.000 inwoners")),
    (None, _("100.000 inwoners of meer")),
]
#: inhabitants per km² (upper bounds, exclusive)
DENSITY_CLASSES = [
    (150, _("landelijk (minder dan 150 inwoners per km²)")),
    (400, _("weinig stedelijk (150 tot 400 inwoners per km²)")),
    (1000, _("matig stedelijk (400 tot 1.000 inwoners per km²)")),
    (None, _("stedelijk (1.000 inwoners per km² of meer)")),
]
#: simplification of the boundaries for a municipality-level map, in metres (RD New)
SIMPLIFY_METRES = 60


@dataclass(frozen=True)
class Municipality:
    code: str  # CBS code, GM0141
    name: str
    area_km2: float


def municipalities(*, ctx: ProcessingContext) -> list[Municipality]:
    """The region's municipalities (public reference data), by name."""
    return [
        Municipality(code=a.code, name=a.name, area_km2=a.geometry.area / 1_000_000)
        for a in area_list(user=ctx, kind=AreaKind.GEMEENTE).order_by("name")
    ]


def province(*, ctx: ProcessingContext) -> tuple[str, str] | None:
    area = area_list(user=ctx, kind=AreaKind.PROVINCIE).order_by("code").first()
    return (area.code, area.name) if area is not None else None


_transforms = threading.local()


def _to_wgs84(srid: int) -> CoordTransform:
    """One coordinate transformation per source SRID and thread, reused: `transform(4326)` builds
    a new one per geometry, which costs PROJ ~30 ms each (0.8 s of the dashboard's 25
    municipalities, measured by `make bench-dashboard`). A GDAL transformation is not thread-safe,
    hence one per thread."""
    cache = _transforms.__dict__.setdefault("by_srid", {})
    if srid not in cache:
        cache[srid] = CoordTransform(SpatialReference(srid), SpatialReference(4326))
    return cache[srid]


def municipality_shapes(*, ctx: ProcessingContext) -> dict[str, Any]:
    """GeoJSON (WGS84) of the municipalities, simplified for a map of the whole province; the
    property `name` is the CBS code (ECharts joins data on it)."""
    features = []
    for area in area_list(user=ctx, kind=AreaKind.GEMEENTE).order_by("code"):
        geometry = area.geometry.simplify(SIMPLIFY_METRES, preserve_topology=True)
        geometry.transform(_to_wgs84(geometry.srid))
        shape = json.loads(geometry.geojson)
        shape["coordinates"] = _rounded(shape["coordinates"])
        features.append(
            {"type": "Feature", "properties": {"name": area.code, "label": area.name}, "geometry": shape}
        )
    return {"type": "FeatureCollection", "features": features}


def _rounded(coordinates: Any) -> Any:
    if coordinates and isinstance(coordinates[0], (int, float)):
        return [round(c, 5) for c in coordinates]
    return [_rounded(c) for c in coordinates]


def size_class(population: Decimal | None) -> int | None:
    if population is None:
        return None
    for index, (upper, _label) in enumerate(SIZE_CLASSES):
        if upper is None or population < upper:
            return index
    return None


def density_class(population: Decimal | None, area_km2: float) -> int | None:
    if population is None or area_km2 <= 0:
        return None
    density = float(population) / area_km2
    for index, (upper, _label) in enumerate(DENSITY_CLASSES):
        if upper is None or density < upper:
            return index
    return None
